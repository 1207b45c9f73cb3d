// Checks and conversions the kernels' prepare functions share.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "micro/nn/flexbuffer.h"
#include "micro/nn/kernel.h"
#include "micro/nn/quantization.h"

namespace mote::nn {

// Output size and leading padding of one spatial dimension, as TensorFlow
// Lite's ComputeOutSize / ComputePaddingWithOffset: SAME gives ceil(in /
// stride) outputs, VALID (in - effective_filter + stride) / stride, where
// effective_filter = (filter - 1) * dilation + 1; the padding before the
// first element is half the total (rounded down).
struct Window {
  int32_t out = 0;
  int32_t pad = 0;
};
bool ComputeWindow(tflite::Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                   Window* out);

// `t` has `type`; else kUnsupportedType naming the tensor.
NnStatus RequireType(const OpContext& ctx, const TensorView& t, tflite::TensorType type);
// `t` has rank `rank`; else kShapeMismatch naming the tensor.
NnStatus RequireRank(const OpContext& ctx, const TensorView& t, int32_t rank);
// `t` has a positive, finite per-tensor scale (and, for int8, a zero point
// in [-128, 127]); else kBadQuantization.
NnStatus RequireQuantized(const OpContext& ctx, const TensorView& t);

// The tensors of a one-input, one-output op.
NnStatus UnaryTensors(const OpContext& ctx, TensorView* input, TensorView* output);

// The tensors of a weighted op (input, filter, optional bias, output), as
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED have them; *has_bias says
// whether input 2 is there.
struct WeightedTensors {
  TensorView input, filter, bias, output;
  bool has_bias = false;
};
NnStatus ReadWeightedTensors(const OpContext& ctx, WeightedTensors* out);

// Reads an ActivationFunctionType field of an options table.
NnStatus ReadActivation(const OpContext& ctx, const fb::Table& options, int field, tflite::Activation* out);
// The int8 clamp range of `activation` on `output`; kBadOptions when the
// activation cannot be fused.
NnStatus Int8ActivationRange(const OpContext& ctx, tflite::Activation activation, const TensorView& output,
                             int32_t* min, int32_t* max);
NnStatus FloatRange(const OpContext& ctx, tflite::Activation activation, float* min, float* max);
// The int32 clamp range of `activation` (TensorFlow Lite's
// CalculateActivationRange for int32: the full range, [0, max], [0, 6] or
// [-1, 1]); kBadOptions when the activation cannot be fused.
NnStatus Int32Range(const OpContext& ctx, tflite::Activation activation, int32_t* min, int32_t* max);

// A custom op's options (Operator.custom_options) as a FlexBuffers map;
// kBadOptions when they are absent or not a well-formed map.
NnStatus CustomOptions(const OpContext& ctx, flex::Map* out);
// The integer (or bool) option `key` (a string literal: errors name it), in
// [min, max]; kBadOptions when it is absent, not an integer or out of range.
NnStatus CustomInt(const OpContext& ctx, const flex::Map& options, const char* key, int64_t min, int64_t max,
                   int64_t* out);

// Element i of constant tensor `t` of T (requires i < t.elements).
template <typename T>
T ConstantAt(const TensorView& t, uint32_t i) {
  T v;
  std::memcpy(&v, t.const_data + sizeof(T) * i, sizeof(T));
  return v;
}

template <typename T>
constexpr T Clamp(T v, T lo, T hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

// Per-output-channel multipliers and shifts of a conv-like op: channel c
// rescales by input_scale * filter_scale[c] / output_scale (the filter's
// single scale when it is per-tensor). Checks the filter's scales (one or
// `channels`, along `channel_dim`) and that its zero points are 0.
// `multipliers`/`shifts` may be null (checking only).
NnStatus ChannelMultipliers(const OpContext& ctx, const TensorView& input, const TensorView& filter,
                            const TensorView& output, int32_t channels, int32_t channel_dim, int32_t* multipliers,
                            int8_t* shifts);

// The end of a prepare that keeps only `params` as op data: asks for
// sizeof(Params) persistent bytes and, on the call that has them (op_data
// non-null), stores `params` there. Returns kOk.
template <typename Params>
NnStatus KeepParams(const Params& params, void* op_data, OpMemory* memory) {
  memory->persistent_bytes = sizeof(Params);
  if (op_data) *static_cast<Params*>(op_data) = params;
  return NnStatus::kOk;
}

// A per-tensor quantized multiplier with its shift.
struct Requant {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

// Bytes of op data holding `Params` followed by `channels` int32
// multipliers and int8 shifts; the offsets of those arrays.
template <typename Params>
struct ChannelLayout {
  static constexpr uint32_t kMultipliers = (sizeof(Params) + 3) / 4 * 4;
  static uint32_t shifts(int32_t channels) { return kMultipliers + 4 * static_cast<uint32_t>(channels); }
  static uint32_t bytes(int32_t channels) { return shifts(channels) + static_cast<uint32_t>(channels); }
};

}  // namespace mote::nn
