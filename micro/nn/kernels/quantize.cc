// QUANTIZE (float -> int8, int8 -> int8) and DEQUANTIZE (int8 -> float), as
// TensorFlow Lite Micro's reference kernels:
//   float -> int8:  clamp(round(x / scale) + zero_point), x / scale in float,
//                   round halves away from zero;
//   int8 -> int8:   MultiplyByQuantizedMultiplier(x - zp_in, in_scale / out_scale) + zp_out, clamped;
//   int8 -> float:  scale * (x - zero_point), computed in double and rounded
//                   to float once — the same value as one float multiply,
//                   since the exact product of a float and a 9-bit integer
//                   rounds the same way, so it is done in float here.
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn::kernels {

namespace {

using tflite::TensorType;

struct QuantizeParams {
  TensorType input_type;
  uint32_t elements;
  float scale;          // float -> int8: output scale; int8 -> float: input scale
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift;  // int8 -> int8
};

NnStatus PrepareCommon(const OpContext& ctx, bool quantize, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  QuantizeParams p{};
  p.input_type = input.type;
  p.elements = input.elements;
  if (quantize) {
    if (NnStatus s = RequireType(ctx, output, TensorType::kInt8); s != NnStatus::kOk) return s;
    if (NnStatus s = RequireQuantized(ctx, output); s != NnStatus::kOk) return s;
    p.scale = output.scale();
    p.output_zero_point = output.zero_point();
    if (input.type == TensorType::kInt8) {
      if (NnStatus s = RequireQuantized(ctx, input); s != NnStatus::kOk) return s;
      p.input_zero_point = input.zero_point();
      int shift = 0;
      QuantizeMultiplier(static_cast<double>(input.scale()) / static_cast<double>(output.scale()), &p.multiplier,
                         &shift);
      p.shift = shift;
    } else if (input.type != TensorType::kFloat32) {
      return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
    }
  } else {
    if (NnStatus s = RequireType(ctx, input, TensorType::kInt8); s != NnStatus::kOk) return s;
    if (NnStatus s = RequireType(ctx, output, TensorType::kFloat32); s != NnStatus::kOk) return s;
    if (NnStatus s = RequireQuantized(ctx, input); s != NnStatus::kOk) return s;
    p.scale = input.scale();
    p.input_zero_point = input.zero_point();
  }
  return KeepParams(p, op_data, memory);
}

NnStatus PrepareQuantize(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareCommon(ctx, true, op_data, memory);
}
NnStatus PrepareDequantize(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareCommon(ctx, false, op_data, memory);
}

inline int8_t ClampInt8(int32_t v) { return static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v); }

NnStatus InvokeQuantize(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const QuantizeParams*>(op_data);
  int8_t* out = Out<int8_t>(b, 0);
  if (p.input_type == TensorType::kFloat32) {
    const float* in = In<float>(b, 0);
    for (uint32_t i = 0; i < p.elements; ++i) {
      const float r = RoundHalfAwayFromZero(in[i] / p.scale);
      // Beyond int8 after any zero point: saturate (also NaN -> the low end).
      const int32_t q = r >= 1024.0f ? 1024 : r > -1024.0f ? static_cast<int32_t>(r) : -1024;
      out[i] = ClampInt8(q + p.output_zero_point);
    }
  } else {
    const int8_t* in = In<int8_t>(b, 0);
    for (uint32_t i = 0; i < p.elements; ++i) {
      out[i] = ClampInt8(MultiplyByQuantizedMultiplier(in[i] - p.input_zero_point, p.multiplier, p.shift) +
                         p.output_zero_point);
    }
  }
  return NnStatus::kOk;
}

NnStatus InvokeDequantize(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const QuantizeParams*>(op_data);
  const int8_t* in = In<int8_t>(b, 0);
  float* out = Out<float>(b, 0);
  for (uint32_t i = 0; i < p.elements; ++i) out[i] = p.scale * static_cast<float>(in[i] - p.input_zero_point);
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kQuantize = {PrepareQuantize, InvokeQuantize};
const OpKernel kDequantize = {PrepareDequantize, InvokeDequantize};

}  // namespace mote::nn::kernels
