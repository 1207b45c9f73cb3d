// SVDF, the integer form TensorFlow Lite Micro's reference kernel runs: a
// rank-r factorised 1-D convolution over time with its memory in a
// variable tensor (the activation state, [batches, filters * memory]).
//
// Each Invoke, per batch:
//   1. the state moves one step left (its oldest column drops out);
//   2. feature: for each filter f, sum_i weights_feature[f, i] * (input[i] - input_zp)
//      rescaled by input_scale * weights_feature_scale / state_scale (the
//      scales multiplied and divided in float), plus the state zero point,
//      clamped to the state type, goes into the state's newest column;
//   3. time: scratch[f] = sum_m weights_time[f, m] * (state[f, m] - state_zp);
//   4. output[u] = clamp(rescale(bias[u] + sum of the rank filters of unit u,
//      state_scale * weights_time_scale / output_scale) + output_zp) to int8.
// weights_time and the state are both int8 or both int16 (the state's zero
// point is 0 in the int16 form, which SvdfInt8 requires). The fused
// activation is not applied: the reference integer kernel ignores it (a RELU
// whose output zero point is -128, as converters write, changes nothing).
//
// On the DSP cores (M4, M7, M33, M55) step 1 is folded into step 3: each
// filter's row moves as its time product reads it (svdf.cc); the state ends
// the same bytes.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct SvdfParams {
  tflite::TensorType state_type;  // of weights_time and the state: kInt8 or kInt16
  int32_t batches, input_size, filters, rank, units, memory;
  int32_t input_zero_point, state_zero_point, output_zero_point;
  int32_t feature_multiplier, feature_shift;  // input x weights_feature -> state
  int32_t time_multiplier, time_shift;        // state x weights_time -> output
  // OutputStage's short form (requantize.h) holds for every feature sum
  // (into the state) and every unit's sum (bias included, into the output):
  // decided in Prepare; false takes TensorFlow Lite's long form, which is
  // always right.
  bool feature_short_form, time_short_form;
};

// Scratch the computation needs: int32 per filter.
uint32_t SvdfScratchBytes(const SvdfParams& p);

// `weights_time` and `state` are int8_t or int16_t arrays as p.state_type
// says; `bias` may be null; `scratch` has SvdfScratchBytes(p) bytes,
// 4-byte aligned. Updates `state` in place.
void SvdfInt8(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature, const void* weights_time,
              const int32_t* bias, void* state, int8_t* output, int32_t* scratch);

}  // namespace mote::nn
