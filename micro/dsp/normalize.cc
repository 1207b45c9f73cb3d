#include "micro/dsp/normalize.h"

#include <cstddef>

namespace mote::dsp {

void ApplyNormalization(const Normalization& norm, const float* in, uint32_t frames, float* out) {
  for (uint32_t t = 0; t < frames; ++t) {
    const size_t row = size_t{t} * norm.features;
    for (uint32_t f = 0; f < norm.features; ++f) out[row + f] = (in[row + f] - norm.offset[f]) * norm.scale[f];
  }
}

}  // namespace mote::dsp
