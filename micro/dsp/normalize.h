// Per-feature normalization of a block's output, y = (x - offset) * scale,
// with one (offset, scale) pair per feature column shared by every frame.
//
// The host computes offset and scale from the train split (mean and 1/std,
// or min and 1/(max - min)) and stores them with the features; training,
// evaluation and the device all call this one function with those arrays,
// so the model sees the same numbers everywhere. The arrays are constants
// an exporter can place in flash.
#pragma once

#include <cstdint>

namespace mote::dsp {

struct Normalization {
  uint32_t features = 0;          // length of both arrays
  const float* offset = nullptr;  // [features], subtracted first
  const float* scale = nullptr;   // [features], then multiplied
};

// For each of `frames` rows of norm.features values in `in` (row-major, as
// the blocks write them): out[t][f] = (in[t][f] - offset[f]) * scale[f].
// `out` may be `in`. Does nothing when norm.features is 0.
void ApplyNormalization(const Normalization& norm, const float* in, uint32_t frames, float* out);

}  // namespace mote::dsp
