// TRANSPOSE with a constant int32 permutation: output axis d is input axis
// perm[d] (output[i0, i1, ...] = input at index i_d on axis perm[d]), as
// TensorFlow Lite's reference kernel. Any element type: elements are
// copied as bytes.
// Callable directly by generated code with the parameters prepare computes.
#pragma once

#include <cstdint>

#include "micro/nn/model.h"

namespace mote::nn {

struct TransposeParams {
  int32_t rank;
  int32_t out_dims[kMaxRank];
  int32_t in_stride[kMaxRank];  // input elements per step along output axis d
  uint32_t element_bytes;
  uint32_t elements;
};

// Transposes input into output (p.elements elements of p.element_bytes each).
void Transpose(const TransposeParams& p, const void* input, void* output);

}  // namespace mote::nn
