#include "micro/dsp/pre_emphasis.h"

#include "micro/dsp/q15.h"

namespace mote::dsp {

void PreEmphasize(float* data, uint32_t length, float a, float previous) {
  // Backwards, so that each x[n - 1] is read before it is overwritten.
  for (uint32_t n = length; n-- > 1;) data[n] -= a * data[n - 1];
  if (length > 0) data[0] -= a * previous;
}

void PreEmphasizeHalfQ15(int16_t* data, uint32_t length, int16_t a, int16_t previous) {
  // x * 2^15 - a * x_prev lies within (-2^31, 2^31) for any int16 x and a
  // < 2^15; shifting by 16 (15 for Q15, 1 for the half) gives (-1, 1).
  const auto half_difference = [a](int16_t x, int16_t x_prev) {
    return SaturateQ15(RoundingShiftRight(x * 32768 - a * x_prev, 16));
  };
  for (uint32_t n = length; n-- > 1;) data[n] = half_difference(data[n], data[n - 1]);
  if (length > 0) data[0] = half_difference(data[0], previous);
}

}  // namespace mote::dsp
