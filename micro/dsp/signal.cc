#include "micro/dsp/signal.h"

#include "micro/dsp/q15.h"

namespace mote::dsp {

void Signal::CopyWithZeros(int64_t start, uint32_t count, float* out) const {
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t at = start + i;
    if (at < 0 || at >= length_) {
      out[i] = 0.0f;
    } else {
      out[i] = f32_ ? f32_[at] : Q15ToFloat(i16_[at]);
    }
  }
}

}  // namespace mote::dsp
