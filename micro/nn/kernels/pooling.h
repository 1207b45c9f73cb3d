// AVERAGE_POOL_2D and MAX_POOL_2D over [N, H, W, C], as TensorFlow Lite
// Micro's reference kernels: the window is clipped to the input (padding
// counts nothing); int8 average = the int32 sum divided by the number of
// taps, rounded half away from zero; max starts from the type's lowest.
// Both then clamp to the fused activation's range.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct PoolParams {
  tflite::TensorType type;
  int32_t batches, input_h, input_w, channels, output_h, output_w;
  int32_t filter_h, filter_w, stride_h, stride_w, pad_h, pad_w;
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};

void AveragePoolInt8(const PoolParams& p, const int8_t* input, int8_t* output);
void MaxPoolInt8(const PoolParams& p, const int8_t* input, int8_t* output);
void AveragePoolFloat(const PoolParams& p, const float* input, float* output);
void MaxPoolFloat(const PoolParams& p, const float* input, float* output);

}  // namespace mote::nn
