// Lexing of delimited text (CSV with comma, semicolon or tab separators), as
// spreadsheets and serial loggers write it: an optional UTF-8 byte order
// mark, LF or CRLF line ends, fields optionally in double quotes ("" inside a
// quoted field is one quote). Only lexing: what the columns mean is the
// importer's business.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace mote {

struct TextLine {
  size_t number;          // 1-based, as editors count
  std::string_view text;  // without the line end; a view into the input
};

// The lines of `text` (which must outlive the result), after a leading UTF-8
// BOM. A final line end does not make an extra empty line.
std::vector<TextLine> SplitLines(std::string_view text);

// True if the line holds nothing but spaces and tabs.
bool IsBlank(std::string_view line);

// The separator of a file, guessed from its header line: whichever of ',',
// ';' and '\t' occurs most often outside quotes; ',' when none does.
char DetectSeparator(std::string_view header);

// Splits `line` at `separator` into `fields` (cleared first; reuse it across
// lines to keep its allocations). Spaces around a field are dropped, and so
// are the quotes around a quoted field. InvalidArgument ("unterminated quote")
// without a position: the caller prefixes "file:line".
Status SplitFields(std::string_view line, char separator, std::vector<std::string>* fields);

// Parses a decimal number ("1.5", "-2e-3", "+4"; with `decimal_comma` also
// "1,5"). nullopt for anything else, including an empty field, trailing
// characters, NaN and infinities.
std::optional<double> ParseNumber(std::string_view field, bool decimal_comma);

}  // namespace mote
