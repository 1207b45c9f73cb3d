#include "data/serial/forwarder_line.h"

#include <charconv>
#include <cmath>

namespace mote {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Quotes at most 16 characters of a bad value so that a binary line (a wrong
// baud rate) still gives a short, printable message.
std::string Quote(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 16)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (s.size() > 16) out += "...";
  return out + "'";
}

}  // namespace

bool IsBlankForwarderLine(std::string_view line) {
  for (char c : line)
    if (!IsSpace(c) && c != '\t') return false;
  return true;
}

ForwarderLine ParseForwarderLine(std::string_view line) {
  ForwarderLine out;
  size_t index = 0;
  while (true) {
    ++index;
    size_t end = line.find_first_of(",\t");
    std::string_view field = Trim(line.substr(0, end));
    if (field.empty()) {
      out.values.clear();
      out.error = "value " + std::to_string(index) + " is empty";
      return out;
    }
    // from_chars takes no leading '+', which printf("%+f") produces.
    std::string_view digits = field.front() == '+' ? field.substr(1) : field;
    float v = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    bool sign_twice = field.front() == '+' && !digits.empty() && (digits.front() == '+' || digits.front() == '-');
    if (digits.empty() || sign_twice || ec != std::errc() || ptr != digits.data() + digits.size() ||
        !std::isfinite(v)) {
      out.values.clear();
      out.error = "value " + std::to_string(index) + " " + Quote(field) + " is not a finite number";
      return out;
    }
    out.values.push_back(v);
    if (end == std::string_view::npos) return out;
    line.remove_prefix(end + 1);
  }
}

}  // namespace mote
