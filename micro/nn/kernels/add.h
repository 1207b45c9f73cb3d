// ADD with TensorFlow Lite's broadcasting (up to 6 dimensions, shapes aligned
// at their last dimension, size-1 dimensions repeat).
//
// int8 follows TensorFlow Lite Micro's reference arithmetic: both inputs are
// offset by their zero points, shifted left 20 bits, rescaled to the
// common scale 2 * max(scale1, scale2), summed, rescaled to the output, then
// offset and clamped. float adds and clamps.
#pragma once

#include <cstdint>

#include "micro/nn/model.h"
#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct AddParams {
  tflite::TensorType type;
  int32_t rank;                 // of the broadcast shape
  int32_t dims[kMaxRank];       // output shape, left-padded with 1s
  int32_t strides1[kMaxRank];   // element strides of input 1 (0 where it broadcasts)
  int32_t strides2[kMaxRank];
  int32_t elements;             // of the output
  bool broadcast;               // false: both inputs have the output's shape
  int32_t input1_offset, input2_offset, output_offset, left_shift;
  int32_t input1_multiplier, input1_shift, input2_multiplier, input2_shift;
  int32_t output_multiplier, output_shift;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};

void AddInt8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void AddFloat(const AddParams& p, const float* input1, const float* input2, float* output);

}  // namespace mote::nn
