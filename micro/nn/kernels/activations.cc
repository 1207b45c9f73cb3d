// Prepare and invoke of RELU, RELU6 and LEAKY_RELU; the arithmetic is in
// activations.h's functions.
#include "micro/nn/kernels/activations.h"

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

void ActivateFloat(const ActivationParams& p, const float* in, float* out) {
  if (p.kind == ActivationKind::kLeakyRelu) {
    for (uint32_t i = 0; i < p.elements; ++i) out[i] = in[i] > 0.0f ? in[i] : in[i] * p.alpha;
  } else {
    for (uint32_t i = 0; i < p.elements; ++i) out[i] = Clamp(in[i], p.min, p.max);
  }
}

void ActivateInt8(const ActivationParams& p, const int8_t* in, int8_t* out) {
  for (uint32_t i = 0; i < p.elements; ++i) {
    int32_t v = in[i];
    if (p.kind != ActivationKind::kRelu6) {
      const int32_t x = v - p.input_offset;
      const bool negative = p.kind == ActivationKind::kLeakyRelu && x < 0;
      v = p.output_offset + MultiplyByQuantizedMultiplier(x, negative ? p.alpha_multiplier : p.multiplier,
                                                          negative ? p.alpha_shift : p.shift);
    }
    out[i] = static_cast<int8_t>(Clamp(v, p.act_min, p.act_max));
  }
}

namespace kernels {

namespace {

using tflite::TensorType;

// The LEAKY_RELU alpha (LeakyReluOptions.alpha, default 0).
NnStatus ReadAlpha(const OpContext& ctx, float* alpha) {
  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kLeakyReluOptions, &o); s != NnStatus::kOk) return s;
  if (!o.Scalar<float>(tflite::leaky_relu_options::kAlpha, 0.0f, alpha) || !(*alpha == *alpha)) {
    return ctx.Fail(NnStatus::kBadOptions, "LeakyReluOptions.alpha");
  }
  return NnStatus::kOk;
}

NnStatus PrepareInt8(const OpContext& ctx, ActivationKind kind, const TensorView& input, const TensorView& output,
                     float alpha, ActivationParams* p) {
  for (const TensorView* t : {&input, &output}) {
    if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
  }
  p->input_offset = input.zero_point();
  p->output_offset = output.zero_point();
  if (kind == ActivationKind::kRelu6) {
    const float six = RoundHalfAwayFromZero(6.0f / input.scale()) + static_cast<float>(input.zero_point());
    p->act_min = input.zero_point();
    p->act_max = six > 127.0f ? 127 : static_cast<int32_t>(six);
    return NnStatus::kOk;
  }
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(input.scale() / output.scale()), &p->multiplier, &shift);
  p->shift = shift;
  p->act_min = kind == ActivationKind::kRelu && output.zero_point() > -128 ? output.zero_point() : -128;
  p->act_max = 127;
  if (kind == ActivationKind::kLeakyRelu) {
    const float real = input.scale() * alpha / output.scale();
    if (!(real >= 0.0f)) return ctx.Fail(NnStatus::kBadOptions, "LeakyReluOptions.alpha (int8: negative)");
    QuantizeMultiplier(static_cast<double>(real), &p->alpha_multiplier, &shift);
    p->alpha_shift = shift;
  }
  return NnStatus::kOk;
}

template <ActivationKind kKind>
NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  ActivationParams p{};
  p.kind = kKind;
  p.type = input.type;
  p.elements = input.elements;
  if (kKind == ActivationKind::kLeakyRelu) {
    if (NnStatus s = ReadAlpha(ctx, &p.alpha); s != NnStatus::kOk) return s;
  }
  if (input.type == TensorType::kFloat32) {
    if (kKind != ActivationKind::kLeakyRelu) {
      const auto fused = kKind == ActivationKind::kRelu6 ? tflite::Activation::kRelu6 : tflite::Activation::kRelu;
      FloatActivationRange(fused, &p.min, &p.max);
    }
  } else if (input.type == TensorType::kInt8) {
    if (NnStatus s = PrepareInt8(ctx, kKind, input, output, p.alpha, &p); s != NnStatus::kOk) return s;
  } else {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const ActivationParams*>(op_data);
  if (p.type == TensorType::kFloat32) {
    ActivateFloat(p, In<float>(b, 0), Out<float>(b, 0));
  } else {
    ActivateInt8(p, In<int8_t>(b, 0), Out<int8_t>(b, 0));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kRelu = {Prepare<ActivationKind::kRelu>, Invoke};
const OpKernel kRelu6 = {Prepare<ActivationKind::kRelu6>, Invoke};
const OpKernel kLeakyRelu = {Prepare<ActivationKind::kLeakyRelu>, Invoke};

}  // namespace kernels
}  // namespace mote::nn
