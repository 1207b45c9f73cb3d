#include "data/import/ascii_case.h"

namespace mote {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string LowerExtension(const std::filesystem::path& path) { return AsciiLower(path.extension().string()); }

}  // namespace mote
