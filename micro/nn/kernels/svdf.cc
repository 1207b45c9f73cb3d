#include "micro/nn/kernels/svdf.h"

#include <cstring>
#include <limits>

#include "micro/nn/kernels/dot_rows.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

template <typename State>
void Svdf(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature, const State* weights_time,
          const int32_t* bias, State* state, int8_t* output, int32_t* scratch) {
  constexpr int32_t kStateMin = std::numeric_limits<State>::min();
  constexpr int32_t kStateMax = std::numeric_limits<State>::max();
  const size_t state_size = static_cast<size_t>(p.batches) * p.filters * p.memory;
  // 1. One step older: the whole state moves left by one element (the
  // newest column of each filter is overwritten below).
  std::memmove(state, state + 1, (state_size - 1) * sizeof(State));
  int32_t* per_filter = scratch;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = input + static_cast<size_t>(b) * p.input_size;
    State* batch_state = state + static_cast<size_t>(b) * p.filters * p.memory;
    // 2. Feature: the newest column.
    DotRows(weights_feature, p.filters, p.input_size, x, -p.input_zero_point, [&](int32_t f, int32_t acc) {
      int32_t v = MultiplyByQuantizedMultiplier(acc, p.feature_multiplier, p.feature_shift) + p.state_zero_point;
      v = v < kStateMin ? kStateMin : v > kStateMax ? kStateMax : v;
      batch_state[static_cast<size_t>(f) * p.memory + (p.memory - 1)] = static_cast<State>(v);
    });
    // 3. Time: each filter's memory against its time weights.
    for (int32_t f = 0; f < p.filters; ++f) {
      const State* w = weights_time + static_cast<size_t>(f) * p.memory;
      const State* s = batch_state + static_cast<size_t>(f) * p.memory;
      // Four partial sums: independent additions, fewer loop steps.
      int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      int32_t m = 0;
      for (; m + 4 <= p.memory; m += 4) {
        a0 += w[m] * (s[m] - p.state_zero_point);
        a1 += w[m + 1] * (s[m + 1] - p.state_zero_point);
        a2 += w[m + 2] * (s[m + 2] - p.state_zero_point);
        a3 += w[m + 3] * (s[m + 3] - p.state_zero_point);
      }
      for (; m < p.memory; ++m) a0 += w[m] * (s[m] - p.state_zero_point);
      per_filter[f] = a0 + a1 + a2 + a3;
    }
    // 4. Units: bias plus the unit's rank filters, rescaled to the output.
    int8_t* out = output + static_cast<size_t>(b) * p.units;
    for (int32_t u = 0; u < p.units; ++u) {
      int32_t acc = bias ? bias[u] : 0;
      for (int32_t r = 0; r < p.rank; ++r) acc = WrappingAdd(acc, per_filter[u * p.rank + r]);
      int32_t v = MultiplyByQuantizedMultiplier(acc, p.time_multiplier, p.time_shift) + p.output_zero_point;
      out[u] = static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v);
    }
  }
}

}  // namespace

uint32_t SvdfScratchBytes(const SvdfParams& p) { return 4u * static_cast<uint32_t>(p.filters); }

void SvdfInt8(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature, const void* weights_time,
              const int32_t* bias, void* state, int8_t* output, int32_t* scratch) {
  if (p.state_type == tflite::TensorType::kInt16) {
    Svdf(p, input, weights_feature, static_cast<const int16_t*>(weights_time), bias, static_cast<int16_t*>(state),
         output, scratch);
  } else {
    Svdf(p, input, weights_feature, static_cast<const int8_t*>(weights_time), bias, static_cast<int8_t*>(state),
         output, scratch);
  }
}

namespace kernels {
namespace {

using tflite::TensorType;

constexpr int kInput = 0, kWeightsFeature = 1, kWeightsTime = 2, kBias = 3, kState = 4;

// A per-tensor scale with zero point 0 (weights).
NnStatus RequireSymmetric(const OpContext& ctx, const TensorView& t) {
  if (NnStatus s = RequireQuantized(ctx, t); s != NnStatus::kOk) return s;
  return t.scales.size() == 1 && t.zero_point() == 0
             ? NnStatus::kOk
             : ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters", t.index);
}

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (ctx.input_count() != 5 || ctx.output_count() != 1) return ctx.Fail(NnStatus::kBadModel, "Operator.inputs");
  TensorView input, feature, time, bias, state, output;
  if (NnStatus s = ctx.Input(kInput, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(kWeightsFeature, &feature); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(kWeightsTime, &time); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(kState, &state); s != NnStatus::kOk) return s;
  const bool has_bias = ctx.has_input(kBias);
  if (has_bias) {
    if (NnStatus s = ctx.Input(kBias, &bias); s != NnStatus::kOk) return s;
  }
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  fb::Table options;
  if (NnStatus s = ctx.Options(tflite::kSvdfOptions, &options); s != NnStatus::kOk) return s;
  int32_t rank = 0;
  if (!options.Scalar<int32_t>(tflite::svdf_options::kRank, 0, &rank)) return ctx.Fail(NnStatus::kCorrupt, "SVDFOptions");

  // Types: the integer form (the float one is not implemented).
  for (const TensorView* t : {&input, &feature, &output}) {
    if (NnStatus s = RequireType(ctx, *t, TensorType::kInt8); s != NnStatus::kOk) return s;
  }
  if (time.type != TensorType::kInt8 && time.type != TensorType::kInt16) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", time.index);
  }
  if (NnStatus s = RequireType(ctx, state, time.type); s != NnStatus::kOk) return s;
  if (has_bias) {
    if (NnStatus s = RequireType(ctx, bias, TensorType::kInt32); s != NnStatus::kOk) return s;
  }
  if (!state.is_variable || state.is_constant()) return ctx.Fail(NnStatus::kBadModel, "Tensor.is_variable", state.index);

  // Shapes: input [B, I], weights_feature [F, I], weights_time [F, M],
  // state [B, F * M], bias [F / rank], output [B, F / rank].
  for (const TensorView* t : {&input, &feature, &time, &state, &output}) {
    if (NnStatus s = RequireRank(ctx, *t, 2); s != NnStatus::kOk) return s;
  }
  SvdfParams p{};
  p.state_type = time.type;
  p.batches = input.dims[0];
  p.input_size = input.dims[1];
  p.filters = feature.dims[0];
  p.memory = time.dims[1];
  p.rank = rank;
  if (rank <= 0 || p.filters % rank != 0) return ctx.Fail(NnStatus::kBadOptions, "SVDFOptions.rank");
  p.units = p.filters / rank;
  auto mismatch = [&](const TensorView& t) { return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", t.index); };
  if (p.batches < 1 || p.input_size < 1) return mismatch(input);
  if (feature.dims[1] != p.input_size || p.filters < 1) return mismatch(feature);
  if (p.filters > (1 << 24)) return ctx.Fail(NnStatus::kTooLarge, "Tensor.shape", feature.index);  // scratch fits
  if (time.dims[0] != p.filters || p.memory < 1) return mismatch(time);
  if (state.dims[0] != p.batches || static_cast<int64_t>(state.dims[1]) != int64_t{p.filters} * p.memory) {
    return mismatch(state);
  }
  if (output.dims[0] != p.batches || output.dims[1] != p.units) return mismatch(output);
  if (has_bias && bias.elements != static_cast<uint32_t>(p.units)) return mismatch(bias);

  // Quantization: TensorFlow Lite Micro's effective scales, products and
  // quotients of the float scales taken in float, then widened.
  for (const TensorView* t : {&input, &state, &output}) {
    if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
  }
  for (const TensorView* t : {&feature, &time}) {
    if (NnStatus s = RequireSymmetric(ctx, *t); s != NnStatus::kOk) return s;
  }
  if (p.state_type == TensorType::kInt16 && state.zero_point() != 0) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.zero_point", state.index);
  }
  const float time_product = state.scale() * time.scale();
  if (has_bias) {
    const double off = static_cast<double>(bias.scale()) - static_cast<double>(time_product);
    if (!(off < 1e-5 && off > -1e-5)) return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale", bias.index);
  }
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(input.scale() * feature.scale() / state.scale()), &p.feature_multiplier,
                     &shift);
  p.feature_shift = shift;
  QuantizeMultiplier(static_cast<double>(time_product / output.scale()), &p.time_multiplier, &shift);
  p.time_shift = shift;
  p.input_zero_point = input.zero_point();
  p.state_zero_point = state.zero_point();
  p.output_zero_point = output.zero_point();
  memory->scratch_bytes = SvdfScratchBytes(p);
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const SvdfParams*>(op_data);
  SvdfInt8(p, In<int8_t>(b, kInput), In<int8_t>(b, kWeightsFeature), b.inputs[kWeightsTime], In<int32_t>(b, kBias),
           const_cast<void*>(b.inputs[kState]), Out<int8_t>(b, 0), static_cast<int32_t*>(b.scratch));
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kSvdf = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
