#include "features/format_hz.h"

#include <cstdio>

namespace mote {

std::string FormatHz(double hz) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%g Hz", hz);
  return buf;
}

}  // namespace mote
