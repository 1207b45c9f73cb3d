// QUANTIZE and DEQUANTIZE, as TensorFlow Lite Micro's reference kernels:
//   float -> int8/int16:  clamp(round(x / scale) + zero_point), x / scale in
//                         float, round halves away from zero;
//   int8/int16 -> int8/int16/int32 (requantize):
//                         clamp(MultiplyByQuantizedMultiplier(x - zp_in, in_scale / out_scale) + zp_out),
//                         the ratio of the scales taken in double;
//   int8 -> float:        scale * (x - zero_point), computed in double and rounded
//                         to float once — the same value as one float multiply,
//                         since the exact product of a float and a 9-bit integer
//                         rounds the same way, so it is done in float here.
// The parameters are what the kernels' prepare computes; callable directly
// by generated code.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct QuantizeParams {
  tflite::TensorType input_type, output_type;
  uint32_t elements;
  float scale;          // float -> integer: output scale; int8 -> float: input scale
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift;  // integer -> integer
};

// QUANTIZE: `input` and `output` hold p.elements values of p.input_type and
// p.output_type (one of the forms above).
void Quantize(const QuantizeParams& p, const void* input, void* output);
// DEQUANTIZE.
void DequantizeInt8(const QuantizeParams& p, const int8_t* input, float* output);

}  // namespace mote::nn
