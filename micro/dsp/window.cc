#include "micro/dsp/window.h"

#include "micro/dsp/q15.h"
#include "micro/dsp/q15_pairs.h"
#include "micro/dsp/unit_root.h"

namespace mote::dsp {

float WindowCoefficient(WindowType type, uint32_t n, uint32_t length) {
  // Raised cosine a - (1 - a) cos(2*pi*n/L); the rectangle is a = 1.
  const float a = type == WindowType::kHann ? 0.5f : (type == WindowType::kHamming ? 0.54f : 1.0f);
  return a - (1.0f - a) * TurnCosSin(n, length).cos;
}

void MakeWindow(WindowType type, uint32_t length, float* out) {
  for (uint32_t n = 0; n < length; ++n) out[n] = WindowCoefficient(type, n, length);
}

void MakeWindowQ15(WindowType type, uint32_t length, int16_t* out) {
  for (uint32_t n = 0; n < length; ++n) out[n] = FloatToQ15(WindowCoefficient(type, n, length));
}

int32_t ApplyWindowQ15(int16_t* frame, const int16_t* window, uint32_t length, int shift) {
  const int32_t round = int32_t{1} << (shift - 1);
  pairs::LaneRange range;
  uint32_t n = 0;
#pragma GCC unroll 2
  for (; n + 2 <= length; n += 2) {
    const pairs::Pair x = pairs::Load(frame + n), w = pairs::Load(window + n);
    const pairs::Pair y =
        pairs::Make(pairs::MulLowAdd(x, w, round) >> shift, pairs::MulHighAdd(x, w, round) >> shift);
    range.Update(y);
    pairs::Store(frame + n, y);
  }
  if (n < length) {
    frame[n] = static_cast<int16_t>((frame[n] * window[n] + round) >> shift);
    range.Update(pairs::Make(frame[n], 0));
  }
  return range.Largest();
}

void ApplyWindow(const float* in, const float* window, uint32_t length, float* out) {
  for (uint32_t i = 0; i < length; ++i) out[i] = in[i] * window[i];
}

}  // namespace mote::dsp
