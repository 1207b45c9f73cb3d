#include "micro/dsp/biquad.h"

namespace mote::dsp {

BiquadCascade::BiquadCascade(const Biquad* sections, uint32_t count, float* state)
    : sections_(sections), count_(count), state_(state) {
  Reset();
}

void BiquadCascade::Process(const float* in, uint32_t length, float* out) {
  for (uint32_t n = 0; n < length; ++n) {
    float v = in[n];
    for (uint32_t s = 0; s < count_; ++s) {
      const Biquad& q = sections_[s];
      float* z = state_ + 2 * s;
      const float y = q.b0 * v + z[0];
      z[0] = q.b1 * v - q.a1 * y + z[1];
      z[1] = q.b2 * v - q.a2 * y;
      v = y;
    }
    out[n] = v;
  }
}

void BiquadCascade::Reset() {
  for (uint32_t i = 0; i < 2 * count_; ++i) state_[i] = 0.0f;
}

}  // namespace mote::dsp
