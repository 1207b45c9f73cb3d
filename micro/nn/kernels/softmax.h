// SOFTMAX. float32: per row, exp(beta * (x - max)) / sum, in float with the
// C library's exp, as TensorFlow Lite Micro's reference kernel (so host and
// device agree within float tolerance, not bit for bit).
// int8 in and int8 or int16 out, as TensorFlow Lite Micro's reference kernel
// (gemmlowp fixed point): per row, the difference to the row's maximum is
// rescaled by beta * input_scale into Q5.26 and exponentiated; the sum of
// exps (Q12.19) is inverted and each exp scaled to 1/256 steps offset by
// -128 (int16: 1/65536 steps offset by -32768). Differences below diff_min
// contribute nothing and give the type's minimum. Requires an int8 output
// of scale 1/256 and zero point -128, or an int16 one of zero point -32768.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct SoftmaxParams {
  tflite::TensorType output_type;  // kInt8, kInt16 or kFloat32 (then the input is float too)
  int32_t rows, depth;
  int32_t input_multiplier, input_left_shift, diff_min;  // int8 input
  float beta;                                            // float input
};

void SoftmaxInt8(const SoftmaxParams& p, const int8_t* input, int8_t* output);
void SoftmaxInt8ToInt16(const SoftmaxParams& p, const int8_t* input, int16_t* output);
void SoftmaxFloat(const SoftmaxParams& p, const float* input, float* output);

}  // namespace mote::nn
