#include "data/numpy_test_util.h"

#include <fmt/format.h>

namespace mote::testing {

std::vector<uint8_t> NpyBytes(const std::string& descr, const std::string& shape, const std::vector<uint8_t>& payload,
                              bool fortran) {
  std::string header = fmt::format("{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}", descr,
                                   fortran ? "True" : "False", shape);
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  const std::string magic = "\x93NUMPY\x01";
  std::string text = magic + '\0';
  text += static_cast<char>(header.size() & 0xFF);
  text += static_cast<char>(header.size() >> 8);
  text += header;
  text.append(payload.begin(), payload.end());
  return std::vector<uint8_t>(text.begin(), text.end());
}

std::filesystem::path ScipyEcgPath() {
  const std::filesystem::path p = "/usr/lib/python3/dist-packages/scipy/misc/ecg.dat";
  return std::filesystem::exists(p) ? p : std::filesystem::path();
}

}  // namespace mote::testing
