// PAD with constant int32 paddings [rank, 2] (before, after per axis), as
// TensorFlow Lite Micro's reference kernel: new elements are 0.0f for
// float32 and the output's zero point for int8 (whose input and output must
// share scale and zero point, as TFLM requires). Any element size is copied.
// Callable directly by generated code with the parameters prepare computes.
#pragma once

#include <cstdint>

#include "micro/nn/model.h"

namespace mote::nn {

struct PadParams {
  int32_t rank;
  int32_t in_dims[kMaxRank];
  int32_t before[kMaxRank];  // elements added before each axis
  int32_t out_dims[kMaxRank];
  uint32_t element_bytes;
  uint32_t elements;         // of the output
  uint8_t pad_value[4];      // the bytes of one padding element
};

// Pads input into output (p.elements elements of p.element_bytes each).
void Pad(const PadParams& p, const void* input, void* output);

}  // namespace mote::nn
