// One line of Edge Impulse's data-forwarder protocol: the values of one
// reading, separated by commas or tabs ("0.12,-9.81,3.5" or "12\t40\t7"). Each
// value may have spaces around it; a trailing '\r' (CRLF line ends) is
// accepted. Used by ForwarderReader; a pure function so that the protocol can
// be tested without a port.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mote {

// The outcome of parsing one line. `error` is empty when the line holds
// numbers only; otherwise it says why it does not ("value 2 is empty",
// "value 1 'abc' is not a number") and `values` is empty.
struct ForwarderLine {
  std::vector<float> values;
  std::string error;
  bool ok() const { return error.empty(); }
};

// True when `line` (without its '\n') is empty or only whitespace: such lines
// are neither readings nor garbage.
bool IsBlankForwarderLine(std::string_view line);

// Parses `line` (without its '\n'; a trailing '\r' is ignored). A value is a
// decimal or scientific number ("-1.5", "+2", "3e-2"); non-finite values
// (nan, inf) are refused because no training step can use them.
ForwarderLine ParseForwarderLine(std::string_view line);

}  // namespace mote
