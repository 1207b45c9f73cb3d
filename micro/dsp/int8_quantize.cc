#include "micro/dsp/int8_quantize.h"

#include <cmath>

namespace mote::dsp {

int8_t QuantizeInt8(float y, float scale, int32_t zero_point) {
  const float steps = std::round(y / scale);
  // Anything beyond +-256 steps saturates whatever the zero point; clamping
  // first keeps the conversion to int32 defined.
  const float bounded = steps > 256.0f ? 256.0f : (steps < -256.0f ? -256.0f : steps);
  const int32_t q = static_cast<int32_t>(bounded) + zero_point;
  return static_cast<int8_t>(q > 127 ? 127 : (q < -128 ? -128 : q));
}

}  // namespace mote::dsp
