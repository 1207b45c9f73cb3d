#include "micro/nn/kernels/softmax.h"

#include <cmath>
#include <limits>

#include "micro/nn/fixed_point.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
}  // namespace

namespace {

// One template for both output types: the final scaling keeps
// sizeof(Out) * 8 bits and offsets by the type's minimum.
template <typename Out>
void SoftmaxFromInt8(const SoftmaxParams& p, const int8_t* input, Out* output) {
  constexpr int kOutputBits = static_cast<int>(sizeof(Out)) * 8;
  constexpr int32_t kMin = std::numeric_limits<Out>::min();
  constexpr int32_t kMax = std::numeric_limits<Out>::max();
  for (int32_t r = 0; r < p.rows; ++r) {
    const int8_t* in = input + static_cast<size_t>(r) * p.depth;
    Out* out = output + static_cast<size_t>(r) * p.depth;
    int32_t max = -128;
    for (int32_t c = 0; c < p.depth; ++c) max = in[c] > max ? in[c] : max;
    // exp(beta * scale * (x - max)) in Q0.31, or nothing below diff_min.
    auto exp_of = [&](int32_t c, int32_t* e) {
      const int32_t diff = in[c] - max;
      if (diff < p.diff_min) return false;
      const int32_t rescaled =
          SaturatingRoundingDoublingHighMul(diff * (int32_t{1} << p.input_left_shift), p.input_multiplier);
      *e = fixed::ExpOnNegativeValues(rescaled, kScaledDiffIntegerBits);
      return true;
    };
    int32_t sum = 0;  // Q12.19
    for (int32_t c = 0; c < p.depth; ++c) {
      int32_t e = 0;
      if (exp_of(c, &e)) sum = fixed::Add(sum, RoundingDivideByPOT(e, kAccumulationIntegerBits));
    }
    int bits_over_unit = 0;
    const int32_t reciprocal = fixed::Reciprocal(sum, kAccumulationIntegerBits, &bits_over_unit);
    for (int32_t c = 0; c < p.depth; ++c) {
      int32_t e = 0;
      if (!exp_of(c, &e)) {
        out[c] = static_cast<Out>(kMin);
        continue;
      }
      const int32_t unsat = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(reciprocal, e),
                                                bits_over_unit + 31 - kOutputBits);
      int32_t v = unsat + kMin;
      v = v < kMin ? kMin : v;
      out[c] = static_cast<Out>(v > kMax ? kMax : v);
    }
  }
}

}  // namespace

void SoftmaxInt8(const SoftmaxParams& p, const int8_t* input, int8_t* output) { SoftmaxFromInt8(p, input, output); }

void SoftmaxInt8ToInt16(const SoftmaxParams& p, const int8_t* input, int16_t* output) {
  SoftmaxFromInt8(p, input, output);
}

void SoftmaxFloat(const SoftmaxParams& p, const float* input, float* output) {
  for (int32_t r = 0; r < p.rows; ++r) {
    const float* in = input + static_cast<size_t>(r) * p.depth;
    float* out = output + static_cast<size_t>(r) * p.depth;
    float max = in[0];
    for (int32_t c = 1; c < p.depth; ++c) max = in[c] > max ? in[c] : max;
    float sum = 0.0f;
    for (int32_t c = 0; c < p.depth; ++c) {
      out[c] = std::exp((in[c] - max) * p.beta);
      sum += out[c];
    }
    for (int32_t c = 0; c < p.depth; ++c) out[c] /= sum;
  }
}

namespace kernels {
namespace {

using tflite::TensorType;

NnStatus ReadBeta(const OpContext& ctx, float* beta) {
  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kSoftmaxOptions, &o); s != NnStatus::kOk) return s;
  if (!o.Scalar<float>(tflite::softmax_options::kBeta, 0.0f, beta)) return ctx.Fail(NnStatus::kCorrupt, "SoftmaxOptions");
  return NnStatus::kOk;
}

NnStatus PrepareFloat(const OpContext& ctx, const TensorView& input, const TensorView& output, void* op_data,
                      OpMemory* memory) {
  if (NnStatus s = RequireType(ctx, output, TensorType::kFloat32); s != NnStatus::kOk) return s;
  if (input.rank < 1 || output.elements != input.elements || input.dim(-1) < 1) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  SoftmaxParams p{};
  if (NnStatus s = ReadBeta(ctx, &p.beta); s != NnStatus::kOk) return s;
  if (!(p.beta > 0.0f)) return ctx.Fail(NnStatus::kBadOptions, "SoftmaxOptions.beta");
  p.output_type = TensorType::kFloat32;
  p.depth = input.dim(-1);
  p.rows = static_cast<int32_t>(input.elements / static_cast<uint32_t>(p.depth));
  return KeepParams(p, op_data, memory);
}

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (input.type == TensorType::kFloat32) return PrepareFloat(ctx, input, output, op_data, memory);
  if (NnStatus s = RequireType(ctx, input, TensorType::kInt8); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireQuantized(ctx, input); s != NnStatus::kOk) return s;
  if (output.type == TensorType::kInt16) {
    // TensorFlow Lite Micro checks only the zero point of an int16 output.
    if (output.zero_point() != -32768) {
      return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.zero_point", output.index);
    }
  } else {
    if (NnStatus s = RequireType(ctx, output, TensorType::kInt8); s != NnStatus::kOk) return s;
    if (NnStatus s = RequireQuantized(ctx, output); s != NnStatus::kOk) return s;
    const float kStep = 1.0f / 256;  // TensorFlow Lite accepts the scale within 0.1 %
    const float off = output.scale() - kStep;
    if (off > 0.001f * kStep || off < -0.001f * kStep || output.zero_point() != -128) {
      return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters", output.index);
    }
  }
  if (input.rank < 1 || output.elements != input.elements) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  float beta = 0.0f;
  if (NnStatus s = ReadBeta(ctx, &beta); s != NnStatus::kOk) return s;
  SoftmaxParams p{};
  p.output_type = output.type;
  p.depth = input.dim(-1);
  p.rows = static_cast<int32_t>(input.elements / static_cast<uint32_t>(p.depth));
  // TensorFlow Lite's PreprocessSoftmaxScaling: beta * input_scale in Q5.26,
  // capped at the largest Q31 multiplier.
  double real = static_cast<double>(beta) * static_cast<double>(input.scale()) *
                static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits));
  const double kMaxMultiplier = 2147483647.0;
  if (real > kMaxMultiplier) real = kMaxMultiplier;
  if (!(real > 0.0)) return ctx.Fail(NnStatus::kBadOptions, "SoftmaxOptions.beta");
  int shift = 0;
  QuantizeMultiplier(real, &p.input_multiplier, &shift);
  if (shift < 0) return ctx.Fail(NnStatus::kBadOptions, "SoftmaxOptions.beta");
  p.input_left_shift = shift;
  // CalculateInputRadius: floor((2^5 - 1) * 2^26 / 2^shift); exact in double,
  // and positive, so truncation is the floor.
  const double radius = 31.0 * static_cast<double>(int64_t{1} << 26) / static_cast<double>(int64_t{1} << shift);
  p.diff_min = -static_cast<int32_t>(radius);
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const SoftmaxParams*>(op_data);
  if (p.output_type == TensorType::kInt16) {
    SoftmaxInt8ToInt16(p, In<int8_t>(b, 0), Out<int16_t>(b, 0));
  } else if (p.output_type == TensorType::kFloat32) {
    SoftmaxFloat(p, In<float>(b, 0), Out<float>(b, 0));
  } else {
    SoftmaxInt8(p, In<int8_t>(b, 0), Out<int8_t>(b, 0));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kSoftmax = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
