// CONV_2D and DEPTHWISE_CONV_2D: the parameters their prepare computes and
// the int8 reference computations, callable directly (by generated code or
// an optimized kernel's fallback) without the interpreter.
//
// Layouts are TensorFlow Lite's: input [N, H, W, C], output [N, OH, OW, OC];
// CONV_2D's filter [OC, FH, FW, C / groups], DEPTHWISE_CONV_2D's
// [1, FH, FW, C * depth_multiplier]; bias int32 [OC] (optional).
// Each output is
//     clamp(MultiplyByQuantizedMultiplier(bias + sum(filter * (input + input_offset)),
//                                         multiplier[oc], shift[oc]) + output_offset,
//           act_min, act_max)
// over the filter taps that fall inside the input (padding adds nothing),
// exactly as TensorFlow Lite Micro's reference ConvPerChannel and
// DepthwiseConvPerChannel.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct ConvParams {
  tflite::TensorType type;               // of input, filter and output: kInt8 or kFloat32
  int32_t batches, input_h, input_w, input_c;
  int32_t output_h, output_w, output_c;
  int32_t filter_h, filter_w, filter_c;  // filter_c: input channels per group (CONV_2D)
  int32_t stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
  int32_t depth_multiplier;              // DEPTHWISE_CONV_2D: output_c / input_c
  int32_t input_offset, output_offset;   // -input zero point, output zero point
  int32_t act_min, act_max;
  float float_act_min, float_act_max;
};

// The int8 forms need scratch memory of the given sizes (`window`, `acc`).
uint32_t ConvInt8ScratchBytes(const ConvParams& p);
void ConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
              const int8_t* filter, const int32_t* bias, int8_t* output, int16_t* window);
uint32_t DepthwiseConvInt8ScratchBytes(const ConvParams& p);
void DepthwiseConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
                       const int8_t* filter, const int32_t* bias, int8_t* output, int32_t* acc);
void ConvFloat(const ConvParams& p, const float* input, const float* filter, const float* bias, float* output);
void DepthwiseConvFloat(const ConvParams& p, const float* input, const float* filter, const float* bias,
                        float* output);

}  // namespace mote::nn
