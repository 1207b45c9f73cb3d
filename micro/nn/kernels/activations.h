// RELU, RELU6 and LEAKY_RELU on float32 and int8, as TensorFlow Lite Micro's
// reference kernels compute them:
// - float: RELU and RELU6 clamp to [min, max] (0 and FLT_MAX, or 0 and 6);
//   LEAKY_RELU gives x > 0 ? x : x * alpha;
// - RELU int8 requantizes (x - zp_in) by input_scale / output_scale, adds
//   zp_out and clamps to [max(-128, zp_out), 127];
// - RELU6 int8 does not requantize: it clamps the stored value to
//   [zp_in, zp_in + round(6 / input_scale)] (the output is assumed to share
//   the input's quantization, as TFLM assumes);
// - LEAKY_RELU int8 rescales x - zp_in by input_scale / output_scale when it
//   is >= 0, by input_scale * alpha / output_scale (both computed in float,
//   as TFLM does) when negative, adds zp_out and clamps to int8.
// The parameters are what the kernels' prepare computes; callable directly
// by generated code.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

enum class ActivationKind : uint8_t { kRelu, kRelu6, kLeakyRelu };

struct ActivationParams {
  ActivationKind kind;
  tflite::TensorType type;  // kFloat32 or kInt8
  uint32_t elements;
  float min, max, alpha;                  // float (min, max: RELU, RELU6)
  int32_t input_offset, output_offset;    // int8: zp_in, zp_out
  int32_t multiplier, shift;              // int8: x >= 0 (RELU, LEAKY_RELU)
  int32_t alpha_multiplier, alpha_shift;  // int8: x < 0 (LEAKY_RELU)
  int32_t act_min, act_max;               // int8
};

void ActivateFloat(const ActivationParams& p, const float* input, float* output);
void ActivateInt8(const ActivationParams& p, const int8_t* input, int8_t* output);

}  // namespace mote::nn
