// MUL, DIV, MINIMUM and MAXIMUM with TensorFlow Lite's broadcasting
// (broadcast.h), as TensorFlow Lite Micro's reference kernels compute them:
//
// - MUL int8/int16: (a - a_zp) * (b - b_zp) rescaled by
//   MultiplyByQuantizedMultiplier with input1_scale * input2_scale /
//   output_scale (in double), plus the output zero point, clamped to the
//   fused activation range (int16 requires zero points 0, as TFLM does);
//   int32: the product (wrapping in two's complement), clamped; float: the
//   product, clamped;
// - DIV int32: a / b truncated toward zero (INT32_MIN / -1 wraps), clamped;
//   a zero divisor is an error, as in TensorFlow Lite; float: a / b, clamped;
// - MINIMUM / MAXIMUM (int8, int16, int32, float): the smaller / larger raw
//   value, with no requantization (TFLM compares the stored values).
#pragma once

#include <cstdint>

#include "micro/nn/kernels/broadcast.h"
#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct MulParams {
  tflite::TensorType type;
  BroadcastShape shape;
  int32_t input1_offset, input2_offset, output_offset;  // -zp, -zp, +zp (int8/int16)
  int32_t output_multiplier, output_shift;              // int8/int16
  int32_t act_min, act_max;                             // int8/int16/int32
  float float_act_min, float_act_max;
};

void MulInt8(const MulParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void MulInt16(const MulParams& p, const int16_t* input1, const int16_t* input2, int16_t* output);
void MulInt32(const MulParams& p, const int32_t* input1, const int32_t* input2, int32_t* output);
void MulFloat(const MulParams& p, const float* input1, const float* input2, float* output);

// DIV uses MulParams' type, shape and activation ranges. DivInt32 returns
// false (the output then partly written) when a divisor is 0.
bool DivInt32(const MulParams& p, const int32_t* input1, const int32_t* input2, int32_t* output);
void DivFloat(const MulParams& p, const float* input1, const float* input2, float* output);

// MINIMUM / MAXIMUM: `input1`, `input2` and `output` hold p.type's elements.
struct MinMaxParams {
  tflite::TensorType type;
  BroadcastShape shape;
};
void Minimum(const MinMaxParams& p, const void* input1, const void* input2, void* output);
void Maximum(const MinMaxParams& p, const void* input1, const void* input2, void* output);

}  // namespace mote::nn
