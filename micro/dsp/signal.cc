#include "micro/dsp/signal.h"

#include "micro/dsp/q15.h"

namespace mote::dsp {

namespace {

inline float Convert(float v, float*) { return v; }
inline float Convert(int16_t v, float*) { return Q15ToFloat(v); }
inline int16_t Convert(float v, int16_t*) { return FloatToQ15(v); }
inline int16_t Convert(int16_t v, int16_t*) { return v; }

template <typename In, typename Out>
void Copy(const In* samples, uint32_t length, int64_t start, uint32_t count, Out* out) {
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t at = start + i;
    out[i] = (at < 0 || at >= length) ? Out{0} : Convert(samples[at], out);
  }
}

}  // namespace

void Signal::CopyWithZeros(int64_t start, uint32_t count, float* out) const {
  if (f32_) {
    Copy(f32_, length_, start, count, out);
  } else {
    Copy(i16_, length_, start, count, out);
  }
}

void Signal::CopyWithZeros(int64_t start, uint32_t count, int16_t* out) const {
  if (f32_) {
    Copy(f32_, length_, start, count, out);
  } else {
    Copy(i16_, length_, start, count, out);
  }
}

}  // namespace mote::dsp
