#include "data/synth/accel_csv.h"

#include <charconv>
#include <cmath>

namespace mote {

namespace {

void AppendNumber(std::string& out, double value, int decimals) {
  char buf[64];
  // Rounding to the printed precision could leave "-0.0000"; print it as 0.
  if (decimals >= 0 && std::fabs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0;
  auto res = decimals < 0 ? std::to_chars(buf, buf + sizeof buf, value)
                          : std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  out.append(buf, res.ptr);
}

}  // namespace

std::string FormatAccelCsv(std::span<const std::array<double, 3>> frames, double rate_hz) {
  std::string out = "timestamp_ms,accX (m/s2),accY (m/s2),accZ (m/s2)\n";
  out.reserve(out.size() + frames.size() * 32);
  for (size_t i = 0; i < frames.size(); ++i) {
    AppendNumber(out, static_cast<double>(i) * 1000.0 / rate_hz, -1);
    for (double v : frames[i]) {
      out += ',';
      AppendNumber(out, v, 4);
    }
    out += '\n';
  }
  return out;
}

}  // namespace mote
