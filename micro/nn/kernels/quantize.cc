// Prepare and invoke of QUANTIZE and DEQUANTIZE; the arithmetic is in
// quantize.h's functions.
#include "micro/nn/kernels/quantize.h"

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {
inline int8_t ClampInt8(int32_t v) { return static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v); }
}  // namespace

void QuantizeToInt8(const QuantizeParams& p, const void* input, int8_t* out) {
  if (p.input_type == tflite::TensorType::kFloat32) {
    const float* in = static_cast<const float*>(input);
    for (uint32_t i = 0; i < p.elements; ++i) {
      const float r = RoundHalfAwayFromZero(in[i] / p.scale);
      // Beyond int8 after any zero point: saturate (also NaN -> the low end).
      const int32_t q = r >= 1024.0f ? 1024 : r > -1024.0f ? static_cast<int32_t>(r) : -1024;
      out[i] = ClampInt8(q + p.output_zero_point);
    }
  } else {
    const int8_t* in = static_cast<const int8_t*>(input);
    for (uint32_t i = 0; i < p.elements; ++i) {
      out[i] = ClampInt8(MultiplyByQuantizedMultiplier(in[i] - p.input_zero_point, p.multiplier, p.shift) +
                         p.output_zero_point);
    }
  }
}

void DequantizeInt8(const QuantizeParams& p, const int8_t* in, float* out) {
  for (uint32_t i = 0; i < p.elements; ++i) out[i] = p.scale * static_cast<float>(in[i] - p.input_zero_point);
}

namespace kernels {

namespace {

using tflite::TensorType;

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

NnStatus InvokeQuantize(void* op_data, const OpBuffers& b) {
  QuantizeToInt8(*static_cast<const QuantizeParams*>(op_data), b.inputs[0], Out<int8_t>(b, 0));
  return NnStatus::kOk;
}

NnStatus InvokeDequantize(void* op_data, const OpBuffers& b) {
  DequantizeInt8(*static_cast<const QuantizeParams*>(op_data), In<int8_t>(b, 0), Out<float>(b, 0));
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kQuantize = {PrepareQuantize, InvokeQuantize};
const OpKernel kDequantize = {PrepareDequantize, InvokeDequantize};

}  // namespace kernels
}  // namespace mote::nn
