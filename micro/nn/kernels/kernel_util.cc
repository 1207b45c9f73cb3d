#include "micro/nn/kernels/kernel_util.h"

namespace mote::nn {

bool ComputeWindow(tflite::Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                   Window* out) {
  if (in < 1 || filter < 1 || stride < 1 || dilation < 1 || filter > 65536 || dilation > 65536) return false;
  const int64_t effective = (static_cast<int64_t>(filter) - 1) * dilation + 1;
  int64_t n = 0;
  switch (padding) {
    case tflite::Padding::kSame: n = (static_cast<int64_t>(in) + stride - 1) / stride; break;
    case tflite::Padding::kValid: n = (static_cast<int64_t>(in) + stride - effective) / stride; break;
    default: return false;
  }
  if (n < 1) return false;
  const int64_t total = (n - 1) * stride + effective - in;
  out->out = static_cast<int32_t>(n);
  out->pad = static_cast<int32_t>(total > 0 ? total / 2 : 0);
  return true;
}

NnStatus RequireType(const OpContext& ctx, const TensorView& t, tflite::TensorType type) {
  return t.type == type ? NnStatus::kOk : ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", t.index);
}

NnStatus RequireRank(const OpContext& ctx, const TensorView& t, int32_t rank) {
  return t.rank == rank ? NnStatus::kOk : ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", t.index);
}

namespace {
bool UsableScale(float s) { return s > 0.0f && s < 3.0e38f; }
}  // namespace

NnStatus RequireQuantized(const OpContext& ctx, const TensorView& t) {
  if (t.scales.empty() || !UsableScale(t.scale())) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale", t.index);
  }
  // An int8 zero point outside int8 would also let offset arithmetic overflow.
  if (t.type == tflite::TensorType::kInt8 && (t.zero_point() < -128 || t.zero_point() > 127)) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.zero_point", t.index);
  }
  return NnStatus::kOk;
}

NnStatus UnaryTensors(const OpContext& ctx, TensorView* input, TensorView* output) {
  if (NnStatus s = ctx.ExpectCounts(1, 1, 1); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(0, input); s != NnStatus::kOk) return s;
  return ctx.Output(0, output);
}

NnStatus ReadWeightedTensors(const OpContext& ctx, WeightedTensors* out) {
  if (NnStatus s = ctx.ExpectCounts(2, 3, 1); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(0, &out->input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(1, &out->filter); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &out->output); s != NnStatus::kOk) return s;
  out->has_bias = ctx.has_input(2);
  return out->has_bias ? ctx.Input(2, &out->bias) : NnStatus::kOk;
}

NnStatus ReadActivation(const OpContext& ctx, const fb::Table& options, int field, tflite::Activation* out) {
  int8_t value = 0;
  if (!options.Scalar<int8_t>(field, 0, &value)) return ctx.Fail(NnStatus::kCorrupt, "fused_activation_function");
  *out = static_cast<tflite::Activation>(value);
  return NnStatus::kOk;
}

NnStatus Int8ActivationRange(const OpContext& ctx, tflite::Activation activation, const TensorView& output,
                             int32_t* min, int32_t* max) {
  if (!QuantizedActivationRange(activation, output.scale(), output.zero_point(), -128, 127, min, max)) {
    return ctx.Fail(NnStatus::kBadOptions, "fused_activation_function");
  }
  return NnStatus::kOk;
}

NnStatus FloatRange(const OpContext& ctx, tflite::Activation activation, float* min, float* max) {
  return FloatActivationRange(activation, min, max) ? NnStatus::kOk
                                                    : ctx.Fail(NnStatus::kBadOptions, "fused_activation_function");
}

NnStatus Int32Range(const OpContext& ctx, tflite::Activation activation, int32_t* min, int32_t* max) {
  switch (activation) {
    case tflite::Activation::kNone: *min = INT32_MIN, *max = INT32_MAX; return NnStatus::kOk;
    case tflite::Activation::kRelu: *min = 0, *max = INT32_MAX; return NnStatus::kOk;
    case tflite::Activation::kRelu6: *min = 0, *max = 6; return NnStatus::kOk;
    case tflite::Activation::kReluN1To1: *min = -1, *max = 1; return NnStatus::kOk;
    default: return ctx.Fail(NnStatus::kBadOptions, "fused_activation_function");
  }
}

NnStatus CustomOptions(const OpContext& ctx, flex::Map* out) {
  const fb::Vector<uint8_t>& bytes = ctx.op().custom_options;
  if (!flex::Map::Root(bytes.data(), bytes.size(), out)) return ctx.Fail(NnStatus::kBadOptions, "custom_options");
  return NnStatus::kOk;
}

NnStatus CustomInt(const OpContext& ctx, const flex::Map& options, const char* key, int64_t min, int64_t max,
                   int64_t* out) {
  flex::Value v;
  if (!options.Find(key, &v) || !v.AsInt(out) || *out < min || *out > max) {
    return ctx.Fail(NnStatus::kBadOptions, key);
  }
  return NnStatus::kOk;
}

NnStatus ChannelMultipliers(const OpContext& ctx, const TensorView& input, const TensorView& filter,
                            const TensorView& output, int32_t channels, int32_t channel_dim, int32_t* multipliers,
                            int8_t* shifts) {
  if (NnStatus s = RequireQuantized(ctx, input); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireQuantized(ctx, output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireQuantized(ctx, filter); s != NnStatus::kOk) return s;
  const uint32_t n = filter.scales.size();
  if (n != 1 && (n != static_cast<uint32_t>(channels) || filter.quantized_dimension != channel_dim)) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale", filter.index);
  }
  for (uint32_t c = 0; c < n; ++c) {
    if (!UsableScale(filter.scales[c]) || filter.zero_point(c) != 0) {
      return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters", filter.index);
    }
  }
  if (!multipliers) return NnStatus::kOk;
  for (int32_t c = 0; c < channels; ++c) {
    const float filter_scale = filter.scales[n == 1 ? 0 : static_cast<uint32_t>(c)];
    int shift = 0;
    QuantizeMultiplier(ConvRescale(input.scale(), filter_scale, output.scale()), &multipliers[c], &shift);
    shifts[c] = static_cast<int8_t>(shift);
  }
  return NnStatus::kOk;
}

}  // namespace mote::nn
