// QUANTIZE (float -> int8, int8 -> int8) and DEQUANTIZE (int8 -> float), as
// TensorFlow Lite Micro's reference kernels:
//   float -> int8:  clamp(round(x / scale) + zero_point), x / scale in float,
//                   round halves away from zero;
//   int8 -> int8:   MultiplyByQuantizedMultiplier(x - zp_in, in_scale / out_scale) + zp_out, clamped;
//   int8 -> float:  scale * (x - zero_point), computed in double and rounded
//                   to float once — the same value as one float multiply,
//                   since the exact product of a float and a 9-bit integer
//                   rounds the same way, so it is done in float here.
// The parameters are what the kernels' prepare computes; callable directly
// by generated code.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct QuantizeParams {
  tflite::TensorType input_type;
  uint32_t elements;
  float scale;          // float -> int8: output scale; int8 -> float: input scale
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift;  // int8 -> int8
};

// QUANTIZE: `input` is float or int8 as p.input_type says.
void QuantizeToInt8(const QuantizeParams& p, const void* input, int8_t* output);
// DEQUANTIZE.
void DequantizeInt8(const QuantizeParams& p, const int8_t* input, float* output);

}  // namespace mote::nn
