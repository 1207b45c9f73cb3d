#include "micro/nn/kernels/svdf.h"

#include <cstring>
#include <limits>

#include "micro/nn/kernels/dot_rows.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/kernels/requantize.h"

namespace mote::nn {

namespace {

// v clamped to State's range (SSAT on the DSP cores).
template <typename State>
inline int32_t Saturate(int32_t v) {
#ifdef MOTE_DSP_ARM_SIMD
  return __ssat(v, 8 * sizeof(State));
#else
  constexpr int32_t kMin = std::numeric_limits<State>::min(), kMax = std::numeric_limits<State>::max();
  return v < kMin ? kMin : v > kMax ? kMax : v;
#endif
}

// A one-channel OutputStage for a multiplier and shift of SvdfParams.
struct Rescale {
  Rescale(const int32_t& multiplier, int32_t shift, bool short_form, int32_t offset)
      : shift8(static_cast<int8_t>(shift)), stage(&multiplier, &shift8, short_form, offset, -128, 127),
        channel(stage.channel(0)) {}
  int32_t operator()(int32_t x) const { return stage.Rescaled(x, channel); }
  const int8_t shift8;
  const OutputStage stage;
  const OutputStage::Channel channel;
};

#ifdef MOTE_DSP_ARM_SIMD
// How the DSP form walks a row of `memory` values, kLanes (4 int8, 2 int16)
// a word: `words` words whose values all come from the row's next ones,
// then `rest` values (1 to kLanes), the last of which is the newest. Worked
// out once per call rather than per row.
template <typename State>
struct RowSplit {
  static constexpr int32_t kLanes = 4 / sizeof(State);
  explicit RowSplit(int32_t memory) : words((memory - 1) / kLanes), rest(memory - kLanes * words) {}
  int32_t words, rest;
};

// The DSP cores' time step of one filter, the state's shift folded in: the
// row s becomes s[m + 1] for m < memory - 1 and `newest` last (what the
// whole-state move of the portable form does to it), and the result is
// sum_m w[m] * (new s[m] - zp), with offset_pair = OffsetPair(-zp). Four
// int8 values a word: the shifted word is the unaligned one at s + m + 1
// (the Cortex-M4, M7 and M33 load and store unaligned words), or, for a
// last word, the word at s + m moved down a byte with `newest` put on top,
// so that nothing past the row is read. int16 state: two values a word the
// same way (its zero point is 0). The sums are the portable form's: exact
// integer products, added with int32 wrapping.
inline int32_t ShiftAndDot(int8_t* s, const int8_t* w, const RowSplit<int8_t>& split, int32_t newest,
                           int8_mac::Word offset_pair, int32_t zp) {
  int32_t acc = 0;
  auto word = [&](int8_mac::Word shifted) {
    dsp::pairs::Store(s, shifted);
    int8_mac::Word s02, s13;
    int8_mac::WidenWordWithOffset(shifted, offset_pair, &s02, &s13);
    acc = int8_mac::MacGroup(w, s02, s13, acc);
  };
  for (int32_t k = split.words; k > 0; --k, s += 4, w += 4) word(int8_mac::Load(s + 1));
  if (split.rest == 4) {
    word(int8_mac::Load(s) >> 8 | static_cast<uint32_t>(newest) << 24);
    return acc;
  }
  for (int32_t k = split.rest - 1; k > 0; --k, ++s, ++w) {
    *s = s[1];
    acc += *w * (*s - zp);
  }
  *s = static_cast<int8_t>(newest);
  return acc + *w * (newest - zp);
}

inline int32_t ShiftAndDot(int16_t* s, const int16_t* w, const RowSplit<int16_t>& split, int32_t newest,
                           int8_mac::Word /*offset_pair*/, int32_t /*zp: 0*/) {
  int32_t acc = 0;
  auto pair = [&](int8_mac::Word shifted) {
    dsp::pairs::Store(s, shifted);
    acc = __smlad(static_cast<int16x2_t>(int8_mac::Load(w)), static_cast<int16x2_t>(shifted), acc);
  };
  for (int32_t k = split.words; k > 0; --k, s += 2, w += 2) pair(int8_mac::Load(s + 1));
  if (split.rest == 2) {
    pair(int8_mac::Load(s) >> 16 | static_cast<uint32_t>(newest) << 16);
    return acc;
  }
  *s = static_cast<int16_t>(newest);
  return acc + *w * newest;
}
#endif

template <typename State>
void Svdf(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature, const State* weights_time,
          const int32_t* bias, State* state, int8_t* output, int32_t* scratch) {
  // Locals: the state's stores could otherwise change p as far as the
  // compiler knows, and every field would be read again after each.
  const int32_t memory = p.memory, rank = p.rank, units = p.units, filters = p.filters, zp = p.state_zero_point;
  const Rescale feature_rescale(p.feature_multiplier, p.feature_shift, p.feature_short_form, zp);
  const Rescale time_rescale(p.time_multiplier, p.time_shift, p.time_short_form, p.output_zero_point);
#ifdef MOTE_DSP_ARM_SIMD
  const int8_mac::Word offset_pair = int8_mac::OffsetPair(-zp);
  const RowSplit<State> split(memory);
#else
  // 1. One step older: the whole state moves left by one element (the
  // newest column of each filter is overwritten below). The DSP form moves
  // each row as it reads it (ShiftAndDot).
  const size_t state_size = static_cast<size_t>(p.batches) * p.filters * memory;
  std::memmove(state, state + 1, (state_size - 1) * sizeof(State));
#endif
  State* s = state;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = input + static_cast<size_t>(b) * p.input_size;
    // 2. Feature: each filter's newest value, kept in scratch until its row
    // has moved.
    DotRows(weights_feature, p.filters, p.input_size, x, -p.input_zero_point, [&](int32_t f, int32_t acc) {
      scratch[f] = Saturate<State>(feature_rescale(acc));
    });
    // 3. Time: each filter's memory (with the newest value) against its
    // time weights; 4. per unit, the sum of its rank filters plus the bias,
    // rescaled to the output. One loop over the filters, a unit ending every
    // rank of them: fewer counters to keep in registers. The bias joins a
    // unit's sum at its end (wrapping additions: the order changes no bit).
    const State* w = weights_time;
    const int32_t* unit_bias = bias;
    int8_t* out = output + static_cast<size_t>(b) * units;
    int32_t acc = 0, left = rank;
    for (int32_t f = 0; f < filters; ++f, s += memory, w += memory) {
#ifdef MOTE_DSP_ARM_SIMD
      acc = WrappingAdd(acc, ShiftAndDot(s, w, split, scratch[f], offset_pair, zp));
#else
      s[memory - 1] = static_cast<State>(scratch[f]);
      // Four partial sums: independent additions, fewer loop steps.
      int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      int32_t m = 0;
      for (; m + 4 <= memory; m += 4) {
        a0 += w[m] * (s[m] - zp);
        a1 += w[m + 1] * (s[m + 1] - zp);
        a2 += w[m + 2] * (s[m + 2] - zp);
        a3 += w[m + 3] * (s[m + 3] - zp);
      }
      for (; m < memory; ++m) a0 += w[m] * (s[m] - zp);
      acc = WrappingAdd(acc, a0 + a1 + a2 + a3);
#endif
      if (--left == 0) {
        if (unit_bias) acc = WrappingAdd(acc, *unit_bias++);
        *out++ = static_cast<int8_t>(Saturate<int8_t>(time_rescale(acc)));
        acc = 0;
        left = rank;
      }
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
  // The short forms: sums of int8 weights times an int8 input plus its
  // offset; the time sums the same for an int8 state (never for int16, whose
  // products are too large), with a constant bias (one computed at run time
  // could be anything).
  const auto shift8 = [](int32_t value) { return static_cast<int8_t>(value); };
  const int8_t feature_shift = shift8(p.feature_shift), time_shift = shift8(p.time_shift);
  p.feature_short_form = OutputStage::ShortFormHolds(&p.feature_multiplier, &feature_shift, 1, nullptr, 0,
                                                     Int8SumBound(p.input_size), p.state_zero_point);
  if (p.state_type == TensorType::kInt8 && (!has_bias || bias.is_constant())) {
    const auto* bias_data = has_bias ? static_cast<const int32_t*>(static_cast<const void*>(bias.const_data)) : nullptr;
    p.time_short_form = OutputStage::ShortFormHolds(&p.time_multiplier, &time_shift, 1, bias_data, p.units,
                                                    Int8SumBound(int64_t{p.rank} * p.memory), p.output_zero_point);
  }
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
