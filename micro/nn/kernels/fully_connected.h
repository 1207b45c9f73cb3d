// FULLY_CONNECTED: output[b, o] = sum_d filter[o, d] * input[b, d] + bias[o],
// the input taken as [batches, depth] with depth the filter's last
// dimension. int8 (per-tensor or per-channel filter scales) rescales like
// CONV_2D; float sums in TensorFlow Lite's order and then clamps.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct FullyConnectedParams {
  tflite::TensorType type;
  int32_t batches, depth, output_depth;
  int32_t channels;  // int8: multipliers held (1 per-tensor, output_depth per-channel)
  int32_t input_offset, output_offset;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
  // int8: OutputStage's short form holds for every row (requantize.h),
  // decided in Prepare from the constant biases; false takes TensorFlow
  // Lite's long form, which is always right.
  bool short_form;
};

void FullyConnectedInt8(const FullyConnectedParams& p, const int32_t* multipliers, const int8_t* shifts,
                        const int8_t* input, const int8_t* filter, const int32_t* bias,
                        int8_t* output);
void FullyConnectedFloat(const FullyConnectedParams& p, const float* input, const float* filter, const float* bias,
                         float* output);

}  // namespace mote::nn
