// ADD and SUB with TensorFlow Lite's broadcasting (up to 6 dimensions, shapes aligned
// at their last dimension, size-1 dimensions repeat).
//
// int8 follows TensorFlow Lite Micro's reference arithmetic: both inputs are
// offset by their zero points, shifted left 20 bits, rescaled to the
// common scale 2 * max(scale1, scale2), summed, rescaled to the output, then
// offset and clamped. float adds and clamps; int32 adds (wrapping, as
// TensorFlow Lite's int32 sum does in two's complement) and clamps.
#pragma once

#include <cstdint>

#include "micro/nn/kernels/broadcast.h"
#include "micro/nn/model.h"
#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct AddParams {
  tflite::TensorType type;
  BroadcastShape shape;
  int32_t input1_offset, input2_offset, output_offset, left_shift;
  int32_t input1_multiplier, input1_shift, input2_multiplier, input2_shift;
  int32_t output_multiplier, output_shift;
  int32_t act_min, act_max;     // int8 and int32
  float float_act_min, float_act_max;
};

void AddInt8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void AddFloat(const AddParams& p, const float* input1, const float* input2, float* output);
void AddInt32(const AddParams& p, const int32_t* input1, const int32_t* input2, int32_t* output);
// SUB: input1 - input2 with ADD's parameters (the second rescaled operand is
// subtracted instead of added).
void SubInt8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output);
void SubFloat(const AddParams& p, const float* input1, const float* input2, float* output);
void SubInt32(const AddParams& p, const int32_t* input1, const int32_t* input2, int32_t* output);

}  // namespace mote::nn
