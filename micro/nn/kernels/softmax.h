// SOFTMAX, int8 in and int8 out, as TensorFlow Lite Micro's reference kernel
// (gemmlowp fixed point): per row, the difference to the row's maximum is
// rescaled by beta * input_scale into Q5.26 and exponentiated; the sum of
// exps (Q12.19) is inverted and each exp scaled to 1/256 steps offset by
// -128. Differences below diff_min contribute nothing and give -128.
// Requires output scale 1/256 and zero point -128.
#pragma once

#include <cstdint>

namespace mote::nn {

struct SoftmaxParams {
  int32_t rows, depth;
  int32_t input_multiplier, input_left_shift, diff_min;
};

void SoftmaxInt8(const SoftmaxParams& p, const int8_t* input, int8_t* output);

}  // namespace mote::nn
