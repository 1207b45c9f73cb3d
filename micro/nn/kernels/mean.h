// MEAN over a constant list of axes, float32 and int8, as TensorFlow Lite
// Micro's reference kernel computes it.
//
// Each output element sums its input elements in the input's row-major
// order (float32: in float, in the output itself; int8: in int32 scratch),
// then:
// - float32: divides the sum by the count as float;
// - int8: rescales sum - zp_in * count by in_scale / (out_scale * count):
//   in_scale / out_scale is a Q31 multiplier m and shift e
//   (QuantizeMultiplier), then with k = min(floor(log2 count), 32, 31 + e)
//   the multiplier becomes (m * 2^k) / count (integer division) and the
//   shift e - k (TensorFlow Lite's QuantizedMeanOrSum); the result
//   (MultiplyByQuantizedMultiplier) plus zp_out is clamped to int8.
// Callable directly by generated code with the parameters prepare computes.
#pragma once

#include <cstdint>

#include "micro/nn/model.h"
#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct MeanParams {
  tflite::TensorType type;  // kFloat32 or kInt8
  int32_t rank;
  int32_t in_dims[kMaxRank];
  // Output elements per step along input axis d; 0 on a reduced axis.
  int32_t out_stride[kMaxRank];
  uint32_t input_elements, output_elements;
  uint32_t count;                       // input elements per output element
  int32_t input_offset, output_offset;  // int8: zp_in, zp_out
  int32_t multiplier, shift;            // int8: in_scale / (out_scale * count)
};

void MeanFloat(const MeanParams& p, const float* input, float* output);
// `sums`: p.output_elements int32 of scratch.
void MeanInt8(const MeanParams& p, const int8_t* input, int8_t* output, int32_t* sums);

}  // namespace mote::nn
