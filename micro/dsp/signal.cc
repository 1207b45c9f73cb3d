#include "micro/dsp/signal.h"

#include <cstring>
#include <type_traits>

#include "micro/dsp/q15.h"

namespace mote::dsp {

namespace {

inline float Convert(float v, float*) { return v; }
inline float Convert(int16_t v, float*) { return Q15ToFloat(v); }
inline int16_t Convert(float v, int16_t*) { return FloatToQ15(v); }
inline int16_t Convert(int16_t v, int16_t*) { return v; }

// Zeros before the signal, the samples inside it, zeros after: three plain
// loops rather than a bounds test per sample (frames are copied often).
template <typename In, typename Out>
void Copy(const In* samples, uint32_t length, int64_t start, uint32_t count, Out* out) {
  const int64_t end = start + count;
  const int64_t first = start < 0 ? 0 : start;     // the samples inside the signal
  const int64_t last = end > length ? length : end;  // are [first, last), if any
  Out* o = out;
  if (first < last) {
    for (int64_t at = start; at < first; ++at) *o++ = Out{0};
    if constexpr (std::is_same_v<In, Out>) {
      std::memcpy(o, samples + first, static_cast<size_t>(last - first) * sizeof(Out));
      o += last - first;
    } else {
      for (int64_t at = first; at < last; ++at) *o++ = Convert(samples[at], out);
    }
  }
  for (Out* stop = out + count; o < stop;) *o++ = Out{0};
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
