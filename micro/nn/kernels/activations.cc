// RELU, RELU6 and LEAKY_RELU on float32 and int8, as TensorFlow Lite Micro's
// reference kernels compute them:
// - RELU int8 requantizes (x - zp_in) by input_scale / output_scale, adds
//   zp_out and clamps to [max(-128, zp_out), 127];
// - RELU6 int8 does not requantize: it clamps the stored value to
//   [zp_in, zp_in + round(6 / input_scale)] (the output is assumed to share
//   the input's quantization, as TFLM assumes);
// - LEAKY_RELU int8 rescales x - zp_in by input_scale / output_scale when it
//   is >= 0, by input_scale * alpha / output_scale (both computed in float,
//   as TFLM does) when negative, adds zp_out and clamps to int8; float:
//   x > 0 ? x : x * alpha.
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn::kernels {

namespace {

using tflite::TensorType;

enum class Kind : uint8_t { kRelu, kRelu6, kLeakyRelu };

struct ActivationParams {
  TensorType type;
  uint32_t elements;
  float min, max, alpha;                  // float
  int32_t input_offset, output_offset;    // int8: zp_in, zp_out
  int32_t multiplier, shift;              // int8: x >= 0 (RELU, LEAKY_RELU)
  int32_t alpha_multiplier, alpha_shift;  // int8: x < 0 (LEAKY_RELU)
  int32_t act_min, act_max;               // int8
};

// The LEAKY_RELU alpha (LeakyReluOptions.alpha, default 0).
NnStatus ReadAlpha(const OpContext& ctx, float* alpha) {
  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kLeakyReluOptions, &o); s != NnStatus::kOk) return s;
  if (!o.Scalar<float>(tflite::leaky_relu_options::kAlpha, 0.0f, alpha) || !(*alpha == *alpha)) {
    return ctx.Fail(NnStatus::kBadOptions, "LeakyReluOptions.alpha");
  }
  return NnStatus::kOk;
}

NnStatus PrepareInt8(const OpContext& ctx, Kind kind, const TensorView& input, const TensorView& output,
                     float alpha, ActivationParams* p) {
  for (const TensorView* t : {&input, &output}) {
    if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
  }
  p->input_offset = input.zero_point();
  p->output_offset = output.zero_point();
  if (kind == Kind::kRelu6) {
    const float six = RoundHalfAwayFromZero(6.0f / input.scale()) + static_cast<float>(input.zero_point());
    p->act_min = input.zero_point();
    p->act_max = six > 127.0f ? 127 : static_cast<int32_t>(six);
    return NnStatus::kOk;
  }
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(input.scale() / output.scale()), &p->multiplier, &shift);
  p->shift = shift;
  p->act_min = kind == Kind::kRelu && output.zero_point() > -128 ? output.zero_point() : -128;
  p->act_max = 127;
  if (kind == Kind::kLeakyRelu) {
    const float real = input.scale() * alpha / output.scale();
    if (!(real >= 0.0f)) return ctx.Fail(NnStatus::kBadOptions, "LeakyReluOptions.alpha (int8: negative)");
    QuantizeMultiplier(static_cast<double>(real), &p->alpha_multiplier, &shift);
    p->alpha_shift = shift;
  }
  return NnStatus::kOk;
}

template <Kind kKind>
NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  ActivationParams p{};
  p.type = input.type;
  p.elements = input.elements;
  if (kKind == Kind::kLeakyRelu) {
    if (NnStatus s = ReadAlpha(ctx, &p.alpha); s != NnStatus::kOk) return s;
  }
  if (input.type == TensorType::kFloat32) {
    if (kKind != Kind::kLeakyRelu) {
      FloatActivationRange(kKind == Kind::kRelu6 ? tflite::Activation::kRelu6 : tflite::Activation::kRelu, &p.min,
                           &p.max);
    }
  } else if (input.type == TensorType::kInt8) {
    if (NnStatus s = PrepareInt8(ctx, kKind, input, output, p.alpha, &p); s != NnStatus::kOk) return s;
  } else {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  return KeepParams(p, op_data, memory);
}

template <Kind kKind>
NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const ActivationParams*>(op_data);
  if (p.type == TensorType::kFloat32) {
    const float* in = In<float>(b, 0);
    float* out = Out<float>(b, 0);
    for (uint32_t i = 0; i < p.elements; ++i) {
      out[i] = kKind == Kind::kLeakyRelu ? (in[i] > 0.0f ? in[i] : in[i] * p.alpha) : Clamp(in[i], p.min, p.max);
    }
    return NnStatus::kOk;
  }
  const int8_t* in = In<int8_t>(b, 0);
  int8_t* out = Out<int8_t>(b, 0);
  for (uint32_t i = 0; i < p.elements; ++i) {
    int32_t v = in[i];
    if (kKind != Kind::kRelu6) {
      const int32_t x = v - p.input_offset;
      const bool negative = kKind == Kind::kLeakyRelu && x < 0;
      v = p.output_offset + MultiplyByQuantizedMultiplier(x, negative ? p.alpha_multiplier : p.multiplier,
                                                          negative ? p.alpha_shift : p.shift);
    }
    out[i] = static_cast<int8_t>(Clamp(v, p.act_min, p.act_max));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kRelu = {Prepare<Kind::kRelu>, Invoke<Kind::kRelu>};
const OpKernel kRelu6 = {Prepare<Kind::kRelu6>, Invoke<Kind::kRelu6>};
const OpKernel kLeakyRelu = {Prepare<Kind::kLeakyRelu>, Invoke<Kind::kLeakyRelu>};

}  // namespace mote::nn::kernels
