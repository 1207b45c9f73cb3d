// STRIDED_SLICE as its Prepare resolved it (masks, negative indices and
// clamping done): per axis the first input index, the step and the count.
#pragma once

#include <cstdint>

#include "micro/nn/model.h"

namespace mote::nn {

struct StridedSliceParams {
  int32_t rank;
  int32_t start[kMaxRank];       // first input index per axis
  int32_t stride[kMaxRank];      // input index step per axis
  int32_t count[kMaxRank];       // output elements per axis
  int32_t in_stride[kMaxRank];   // input elements per index step of each axis
  uint32_t element_bytes;
  uint32_t elements;             // of the output
};

// Copies the slice of `input` to `output` (p.elements elements of p.element_bytes).
void StridedSlice(const StridedSliceParams& p, const void* input, void* output);

}  // namespace mote::nn
