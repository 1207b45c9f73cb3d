#include "micro/dsp/normalize.h"

#include <cstddef>

namespace mote::dsp {

void ApplyNormalization(const NormalizationArrays& norm, const float* in, uint32_t frames, float* out) {
  for (uint32_t t = 0; t < frames; ++t) {
    const size_t row = size_t{t} * norm.features;
    for (uint32_t f = 0; f < norm.features; ++f) out[row + f] = (in[row + f] - norm.offset[f]) * norm.scale[f];
  }
}

void NormalizeQ15ToInt8(const Int8InputNormalization& norm, const int16_t* in, uint32_t frames, int8_t* out) {
  for (uint32_t t = 0; t < frames; ++t) {
    const size_t row = size_t{t} * norm.features;
    for (uint32_t f = 0; f < norm.features; ++f) {
      const int64_t acc = int64_t{in[row + f]} * norm.multiplier[f] + norm.bias[f];
      // An arithmetic shift is a floor division by 2^shift (GCC and Clang
      // shift signed values arithmetically; C++20 requires it).
      const int64_t v = acc >> norm.shift[f];
      out[row + f] = static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v);
    }
  }
}

}  // namespace mote::dsp
