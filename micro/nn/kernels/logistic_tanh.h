// LOGISTIC and TANH on float32 and int8, as TensorFlow Lite Micro's
// reference kernels compute them.
//
// int8 (bit-exact): x - zp_in outside (-radius, radius) saturates to the
// type's extremes; inside, it is rescaled to Q4.27 by input_scale * 2^27 as a
// Q31 multiplier and a left shift (radius = floor(15 * 2^27 / 2^shift), the
// largest |x| that stays below 15 in Q4.27), run through gemmlowp's
// fixed-point logistic or tanh (fixed_point.h; result in Q0.31), and
// rounded to the output's step: LOGISTIC to 1/256 offset by -128, TANH to
// 1/128 offset by 0, clamped to int8. The output quantization is fixed by
// the arithmetic; prepare refuses any other.
//
// float32: LOGISTIC is 1 for x > 16.619047, exp(x) below -9 and
// 1 / (1 + exp(-x)) between (TFLM's cut-offs); TANH is
// (1 - e) / (1 + e) with e = exp(-2|x|), signed. exp is micro/dsp's
// libm-free Exp2F (x * log2(e)), so host and device give the same bits;
// TFLM uses the C library's expf and tanhf, from which these differ by a
// few float ulps (within 1e-6 relative plus 1e-7 absolute, tested).
// Callable directly by generated code with the parameters prepare computes.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

enum class SigmoidKind : uint8_t { kLogistic, kTanh };

struct SigmoidParams {
  SigmoidKind kind;
  tflite::TensorType type;  // kFloat32 or kInt8
  uint32_t elements;
  int32_t input_offset;      // int8: zp_in
  int32_t input_multiplier;  // int8: Q31 multiplier of input_scale * 2^27
  int32_t input_left_shift;  // int8: its left shift (>= 0)
  int32_t input_radius;      // int8: |x - zp_in| >= radius saturates
};

void SigmoidFloat(const SigmoidParams& p, const float* input, float* output);
void SigmoidInt8(const SigmoidParams& p, const int8_t* input, int8_t* output);

}  // namespace mote::nn
