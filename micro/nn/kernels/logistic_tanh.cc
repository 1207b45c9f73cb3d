// Prepare and invoke of LOGISTIC and TANH; the arithmetic is in
// logistic_tanh.h's functions.
#include "micro/nn/kernels/logistic_tanh.h"

#include "micro/dsp/log2_exp2.h"
#include "micro/nn/fixed_point.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

constexpr int kInputIntegerBits = 4;  // the rescaled input is Q4.27

float Exp(float x) {
  constexpr float kLog2E = 1.44269504f;
  return dsp::Exp2F(x * kLog2E);
}

float Logistic(float x) {
  constexpr float kUpperCutoff = 16.619047164916992188f;  // TFLM's: 1 - sigmoid(x) is below float's step at 1
  constexpr float kLowerCutoff = -9.0f;                   // below, sigmoid(x) = exp(x) to float precision
  if (x > kUpperCutoff) return 1.0f;
  if (x < kLowerCutoff) return Exp(x);
  return 1.0f / (1.0f + Exp(-x));
}

float Tanh(float x) {
  const float e = Exp(x < 0.0f ? 2.0f * x : -2.0f * x);  // exp(-2|x|) in (0, 1]
  const float magnitude = (1.0f - e) / (1.0f + e);
  return x < 0.0f ? -magnitude : magnitude;
}

}  // namespace

void SigmoidFloat(const SigmoidParams& p, const float* in, float* out) {
  if (p.kind == SigmoidKind::kLogistic) {
    for (uint32_t i = 0; i < p.elements; ++i) out[i] = Logistic(in[i]);
  } else {
    for (uint32_t i = 0; i < p.elements; ++i) out[i] = Tanh(in[i]);
  }
}

void SigmoidInt8(const SigmoidParams& p, const int8_t* in, int8_t* out) {
  const bool logistic = p.kind == SigmoidKind::kLogistic;
  // Q0.31 to the output step (2^-8 or 2^-7) and its zero point.
  const int output_shift = logistic ? 31 - 8 : 31 - 7;
  const int32_t output_offset = logistic ? -128 : 0;
  for (uint32_t i = 0; i < p.elements; ++i) {
    const int32_t x = in[i] - p.input_offset;
    if (x <= -p.input_radius) {
      out[i] = -128;
    } else if (x >= p.input_radius) {
      out[i] = 127;
    } else {
      const int32_t q4 = MultiplyByQuantizedMultiplier(x, p.input_multiplier, p.input_left_shift);
      const int32_t q0 = logistic ? fixed::Logistic(q4, kInputIntegerBits) : fixed::Tanh(q4, kInputIntegerBits);
      out[i] = static_cast<int8_t>(Clamp<int32_t>(RoundingDivideByPOT(q0, output_shift) + output_offset, -128, 127));
    }
  }
}

namespace kernels {

namespace {

using tflite::TensorType;

NnStatus PrepareInt8(const OpContext& ctx, SigmoidKind kind, const TensorView& input, const TensorView& output,
                     SigmoidParams* p) {
  for (const TensorView* t : {&input, &output}) {
    if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
  }
  // The arithmetic produces 1/256 steps from -128 (LOGISTIC) or 1/128 steps
  // around 0 (TANH); accepted within 0.1 % as for SOFTMAX.
  const bool logistic = kind == SigmoidKind::kLogistic;
  const float step = logistic ? 1.0f / 256 : 1.0f / 128;
  const float off = output.scale() - step;
  if (off > 0.001f * step || off < -0.001f * step || output.zero_point() != (logistic ? -128 : 0)) {
    return ctx.Fail(NnStatus::kBadQuantization,
                    logistic ? "QuantizationParameters (LOGISTIC int8 output: scale 1/256, zero point -128)"
                             : "QuantizationParameters (TANH int8 output: scale 1/128, zero point 0)",
                    output.index);
  }
  p->input_offset = input.zero_point();
  // input_scale * 2^27 as a Q31 fraction and a power of two (TFLM: frexp and
  // a rounding of the fraction, which QuantizeMultiplier computes exactly).
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(input.scale()) * static_cast<double>(int64_t{1} << (31 - kInputIntegerBits)),
                     &p->input_multiplier, &shift);
  if (shift < 0 || shift > 30) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale (outside [2^-28, 8))", input.index);
  }
  p->input_left_shift = shift;
  // CalculateInputRadius: floor((2^4 - 1) * 2^27 / 2^shift), exact here.
  p->input_radius = static_cast<int32_t>((int64_t{15} << (31 - kInputIntegerBits)) >> shift);
  return NnStatus::kOk;
}

template <SigmoidKind kKind>
NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  SigmoidParams p{};
  p.kind = kKind;
  p.type = input.type;
  p.elements = input.elements;
  if (input.type == TensorType::kInt8) {
    if (NnStatus s = PrepareInt8(ctx, kKind, input, output, &p); s != NnStatus::kOk) return s;
  } else if (input.type != TensorType::kFloat32) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const SigmoidParams*>(op_data);
  if (p.type == TensorType::kFloat32) {
    SigmoidFloat(p, In<float>(b, 0), Out<float>(b, 0));
  } else {
    SigmoidInt8(p, In<int8_t>(b, 0), Out<int8_t>(b, 0));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kLogistic = {Prepare<SigmoidKind::kLogistic>, Invoke};
const OpKernel kTanh = {Prepare<SigmoidKind::kTanh>, Invoke};

}  // namespace kernels
}  // namespace mote::nn
