// Sample rates in messages: "16000 Hz", "62.5 Hz" (no trailing zeros, no locale).
#pragma once

#include <string>

namespace mote {

std::string FormatHz(double hz);

}  // namespace mote
