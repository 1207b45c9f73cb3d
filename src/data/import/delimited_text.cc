#include "data/import/delimited_text.h"

#include <charconv>
#include <cmath>

namespace mote {

namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::vector<TextLine> SplitLines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<TextLine> lines;
  size_t number = 1;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back({number++, line});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool IsBlank(std::string_view line) { return Trim(line).empty(); }

char DetectSeparator(std::string_view header) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

Status SplitFields(std::string_view line, char separator, std::vector<std::string>* fields) {
  fields->clear();
  size_t i = 0;
  while (true) {
    // Skip leading blanks, but not a tab that separates.
    while (i < line.size() && (line[i] == ' ' || (line[i] == '\t' && separator != '\t'))) ++i;
    std::string& field = fields->emplace_back();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) return Status::InvalidArgument("unterminated quote");
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      // Only blanks may follow the closing quote before the separator.
      while (i < line.size() && line[i] != separator) {
        if (line[i] != ' ' && line[i] != '\t') return Status::InvalidArgument("text after a closing quote");
        ++i;
      }
    } else {
      size_t end = line.find(separator, i);
      field = Trim(line.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
      i = end == std::string_view::npos ? line.size() : end;
    }
    if (i >= line.size()) return Status::Ok();
    ++i;  // the separator
  }
}

std::optional<double> ParseNumber(std::string_view field, bool decimal_comma) {
  field = Trim(field);
  if (field.starts_with('+')) field.remove_prefix(1);
  if (field.empty()) return std::nullopt;
  std::string with_point;
  if (decimal_comma && field.find(',') != std::string_view::npos) {
    with_point.assign(field);
    for (char& c : with_point)
      if (c == ',') c = '.';
    field = with_point;
  }
  double v = 0;
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
  if (ec != std::errc() || end != field.data() + field.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace mote
