#include "micro/nn/kernels/add.h"

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/kernels/requantize.h"

namespace mote::nn {

namespace {

// MultiplyByQuantizedMultiplier for a shift <= 0 and an x that is never
// INT32_MIN — ADD's operands are at most 255 * 2^20 and their rescaled sum
// below 2^30 — so neither its left shift nor its saturation case can occur:
// the same value with less work per element.
inline int32_t ScaleBelowOne(int32_t x, int32_t multiplier, int shift) {
  const int64_t ab = static_cast<int64_t>(x) * multiplier;
  const int64_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return RoundingDivideByPOT(static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31)), -shift);
}

// SUB is ADD with the second rescaled operand subtracted (TFLM rescales
// both operands the same way, then subtracts).
template <bool kSub>
inline int8_t AddOneInt8(const AddParams& p, int32_t a, int32_t b) {
  const int32_t x = (p.input1_offset + a) * (int32_t{1} << p.left_shift);
  const int32_t y = (p.input2_offset + b) * (int32_t{1} << p.left_shift);
  const int32_t scaled_x = ScaleBelowOne(x, p.input1_multiplier, p.input1_shift);
  const int32_t scaled_y = ScaleBelowOne(y, p.input2_multiplier, p.input2_shift);
  const int32_t v = ScaleBelowOne(kSub ? scaled_x - scaled_y : scaled_x + scaled_y, p.output_multiplier,
                                  p.output_shift) + p.output_offset;
  return static_cast<int8_t>(Clamp(v, p.act_min, p.act_max));
}

// The short form of ADD's rescales (requantize.h's derivation). An operand
// x = (q + offset) * 2^left_shift enters as u = 2x, formed by one
// multiply-add from q; with m >= 0, a right shift e in [1, 31] and
// |x| < 2^30, TensorFlow Lite's rescale is
//   (SMMLAR(u, m, 2^(e-1)) + (u >> 31)) >> e       (requantize.h).
// The larger-scale input has e = 0 and m = 2^30 (its ratio is exactly 1/2),
// where the rescale is SaturatingRoundingDoublingHighMul(x, 2^30) =
// floor(x/2 + 1/2) = x/2, x being even. The same four instructions give it
// with u = 4x, m = 2^30, addend 1 and e = 1: SMMLAR gives x + 1, the sign
// term makes it x for a negative x, and the shift halves an even x exactly
// either way (needs |4x| < 2^31). A zero shift with another m (no Prepare
// makes one) takes the long form.
// |SaturatingRoundingDoublingHighMul(x, m)| <= |x| and a rounding right
// shift does not grow it, so the rescaled sum is at most |x1| + |x2|: the
// bound the output's short form (OutputStage) is checked against.
struct ShortOperand {
  int32_t u_scale, u_offset;  // u = q * u_scale + u_offset
  int32_t m, e, addend;

  ShortOperand(int32_t offset, int32_t left_shift, int32_t multiplier, int32_t shift)
      : u_scale(int32_t{1} << (left_shift + (shift == 0 ? 2 : 1))),
        u_offset(offset * u_scale),
        m(multiplier),
        e(shift == 0 ? 1 : -shift),
        addend(int32_t{1} << (e - 1)) {}

  int32_t operator()(int32_t q) const {
    const int32_t u = q * u_scale + u_offset;
    return (OutputStage::RoundedHighMulAdd(u, m, addend) + (u >> 31)) >> e;
  }

  // |x| for any int8 q, or -1 when the form does not hold for these values.
  static int64_t Bound(int32_t offset, int32_t left_shift, int32_t multiplier, int32_t shift) {
    if (left_shift < 1 || left_shift > 21 || multiplier < 0 || shift > 0 || shift < -31) return -1;
    if (shift == 0 && multiplier != (int32_t{1} << 30)) return -1;
    const int64_t q = 128 + (offset < 0 ? -static_cast<int64_t>(offset) : offset);
    const int64_t x = q << left_shift;
    return x < (int64_t{1} << (shift == 0 ? 29 : 30)) ? x : -1;
  }
};

// The output's rescale as an OutputStage with one channel, when every
// rescale has its short form; else null (TensorFlow Lite's long form).
struct AddShortForm {
  int32_t output_multiplier;
  int8_t output_shift;
  bool holds;

  explicit AddShortForm(const AddParams& p)
      : output_multiplier(p.output_multiplier),
        output_shift(static_cast<int8_t>(p.output_shift < -31 || p.output_shift > 0 ? 0 : p.output_shift)),
        holds(false) {
    const int64_t x1 = ShortOperand::Bound(p.input1_offset, p.left_shift, p.input1_multiplier, p.input1_shift);
    const int64_t x2 = ShortOperand::Bound(p.input2_offset, p.left_shift, p.input2_multiplier, p.input2_shift);
    holds = x1 >= 0 && x2 >= 0 && p.output_shift == output_shift &&
            OutputStage::ShortFormHolds(&output_multiplier, &output_shift, 1, nullptr, 0, x1 + x2, p.output_offset);
  }
};

template <bool kSub>
void AddOrSubInt8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  const AddShortForm short_form(p);
  // Rare (an output scale about 2^20 times below the inputs' or 2^24 and more
  // above them): the walk alone, the shortest code.
  if (!short_form.holds) {
    BroadcastWalk(p.shape, input1, input2, output, [&p](int8_t a, int8_t b) { return AddOneInt8<kSub>(p, a, b); });
    return;
  }
  const ShortOperand first(p.input1_offset, p.left_shift, p.input1_multiplier, p.input1_shift);
  const ShortOperand second(p.input2_offset, p.left_shift, p.input2_multiplier, p.input2_shift);
  const OutputStage stage(&short_form.output_multiplier, &short_form.output_shift, true, p.output_offset, p.act_min,
                          p.act_max);
  const OutputStage::Channel out = stage.channel(0);
  const int32_t act_min = p.act_min, act_max = p.act_max;
  BroadcastBinary(p.shape, input1, input2, output, [&](int8_t a, int8_t b) {
    const int32_t x = first(a), y = second(b);
    return static_cast<int8_t>(Clamp(stage.Rescaled(kSub ? x - y : x + y, out), act_min, act_max));
  });
}

template <bool kSub>
void AddOrSubFloat(const AddParams& p, const float* input1, const float* input2, float* output) {
  BroadcastBinary(p.shape, input1, input2, output,
                  [&p](float a, float b) { return Clamp(kSub ? a - b : a + b, p.float_act_min, p.float_act_max); });
}

template <bool kSub>
void AddOrSubInt32(const AddParams& p, const int32_t* input1, const int32_t* input2, int32_t* output) {
  BroadcastBinary(p.shape, input1, input2, output, [&p](int32_t a, int32_t b) {
    return Clamp(kSub ? WrappingSubtract(a, b) : WrappingAdd(a, b), p.act_min, p.act_max);
  });
}

}  // namespace

void AddInt8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  AddOrSubInt8<false>(p, input1, input2, output);
}
void AddFloat(const AddParams& p, const float* input1, const float* input2, float* output) {
  AddOrSubFloat<false>(p, input1, input2, output);
}
void AddInt32(const AddParams& p, const int32_t* input1, const int32_t* input2, int32_t* output) {
  AddOrSubInt32<false>(p, input1, input2, output);
}
void SubInt8(const AddParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  AddOrSubInt8<true>(p, input1, input2, output);
}
void SubFloat(const AddParams& p, const float* input1, const float* input2, float* output) {
  AddOrSubFloat<true>(p, input1, input2, output);
}
void SubInt32(const AddParams& p, const int32_t* input1, const int32_t* input2, int32_t* output) {
  AddOrSubInt32<true>(p, input1, input2, output);
}

namespace kernels {
namespace {

using tflite::TensorType;

// ADD and SUB share their checks and parameters; only the options' union
// member differs.
NnStatus PrepareAddOrSub(const OpContext& ctx, uint8_t options_type, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  TensorView a, b, out;
  if (NnStatus s = ctx.Input(0, &a); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(1, &b); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &out); s != NnStatus::kOk) return s;
  for (const TensorView* t : {&b, &out}) {
    if (NnStatus s = RequireType(ctx, *t, a.type); s != NnStatus::kOk) return s;
  }
  AddParams p{};
  p.type = a.type;
  if (!ComputeBroadcast(a, b, out, &p.shape)) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", out.index);
  fb::Table o;
  if (NnStatus s = ctx.Options(options_type, &o); s != NnStatus::kOk) return s;
  tflite::Activation activation;
  if (NnStatus s = ReadActivation(ctx, o, tflite::add_options::kActivation, &activation); s != NnStatus::kOk) return s;
  if (a.type == TensorType::kFloat32) {
    if (NnStatus s = FloatRange(ctx, activation, &p.float_act_min, &p.float_act_max); s != NnStatus::kOk) return s;
  } else if (a.type == TensorType::kInt32) {
    if (NnStatus s = Int32Range(ctx, activation, &p.act_min, &p.act_max); s != NnStatus::kOk) return s;
  } else if (a.type == TensorType::kInt8) {
    for (const TensorView* t : {&a, &b, &out}) {
      if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
    }
    p.input1_offset = -a.zero_point();
    p.input2_offset = -b.zero_point();
    p.output_offset = out.zero_point();
    p.left_shift = 20;
    const double twice_max_scale = 2 * static_cast<double>(a.scale() > b.scale() ? a.scale() : b.scale());
    int s1 = 0, s2 = 0, so = 0;
    QuantizeMultiplier(static_cast<double>(a.scale()) / twice_max_scale, &p.input1_multiplier, &s1);
    QuantizeMultiplier(static_cast<double>(b.scale()) / twice_max_scale, &p.input2_multiplier, &s2);
    QuantizeMultiplier(twice_max_scale / (static_cast<double>(1 << p.left_shift) * static_cast<double>(out.scale())),
                       &p.output_multiplier, &so);
    if (s1 > 0 || s2 > 0 || so > 0) return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale");
    p.input1_shift = s1;
    p.input2_shift = s2;
    p.output_shift = so;
    if (NnStatus s = Int8ActivationRange(ctx, activation, out, &p.act_min, &p.act_max); s != NnStatus::kOk) return s;
  } else {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", a.index);
  }
  return KeepParams(p, op_data, memory);
}

template <bool kSub>
NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareAddOrSub(ctx, kSub ? tflite::kSubOptions : tflite::kAddOptions, op_data, memory);
}

template <bool kSub>
NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const AddParams*>(op_data);
  if (p.type == TensorType::kInt8) {
    AddOrSubInt8<kSub>(p, In<int8_t>(b, 0), In<int8_t>(b, 1), Out<int8_t>(b, 0));
  } else if (p.type == TensorType::kInt32) {
    AddOrSubInt32<kSub>(p, In<int32_t>(b, 0), In<int32_t>(b, 1), Out<int32_t>(b, 0));
  } else {
    AddOrSubFloat<kSub>(p, In<float>(b, 0), In<float>(b, 1), Out<float>(b, 0));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kAdd = {Prepare<false>, Invoke<false>};
const OpKernel kSub = {Prepare<true>, Invoke<true>};

}  // namespace kernels
}  // namespace mote::nn
