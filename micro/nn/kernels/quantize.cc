// Prepare and invoke of QUANTIZE and DEQUANTIZE; the arithmetic is in
// quantize.h's functions.
#include "micro/nn/kernels/quantize.h"

#include <limits>

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

using tflite::TensorType;

template <typename Out>
Out Saturate(int32_t v) {
  constexpr int32_t kMin = std::numeric_limits<Out>::min();
  constexpr int32_t kMax = std::numeric_limits<Out>::max();
  return static_cast<Out>(v < kMin ? kMin : v > kMax ? kMax : v);
}

template <typename Out>
void QuantizeFloat(const QuantizeParams& p, const float* in, Out* out) {
  for (uint32_t i = 0; i < p.elements; ++i) {
    const float r = RoundHalfAwayFromZero(in[i] / p.scale);
    // Beyond the type after any zero point: saturate (also NaN -> the low end).
    const int32_t q = r >= 262144.0f ? 262144 : r > -262144.0f ? static_cast<int32_t>(r) : -262144;
    out[i] = Saturate<Out>(q + p.output_zero_point);
  }
}

template <typename In, typename Out>
void Requantize(const QuantizeParams& p, const In* in, Out* out) {
  for (uint32_t i = 0; i < p.elements; ++i) {
    const int32_t scaled = MultiplyByQuantizedMultiplier(in[i] - p.input_zero_point, p.multiplier, p.shift);
    out[i] = Saturate<Out>(WrappingAdd(scaled, p.output_zero_point));
  }
}

template <typename In>
void RequantizeFrom(const QuantizeParams& p, const In* in, void* out) {
  switch (p.output_type) {
    case TensorType::kInt8: Requantize(p, in, static_cast<int8_t*>(out)); break;
    case TensorType::kInt16: Requantize(p, in, static_cast<int16_t*>(out)); break;
    default: Requantize(p, in, static_cast<int32_t*>(out)); break;
  }
}

}  // namespace

void Quantize(const QuantizeParams& p, const void* input, void* output) {
  switch (p.input_type) {
    case TensorType::kFloat32:
      if (p.output_type == TensorType::kInt8) {
        QuantizeFloat(p, static_cast<const float*>(input), static_cast<int8_t*>(output));
      } else {
        QuantizeFloat(p, static_cast<const float*>(input), static_cast<int16_t*>(output));
      }
      break;
    case TensorType::kInt8: RequantizeFrom(p, static_cast<const int8_t*>(input), output); break;
    default: RequantizeFrom(p, static_cast<const int16_t*>(input), output); break;
  }
}

void DequantizeInt8(const QuantizeParams& p, const int8_t* in, float* out) {
  for (uint32_t i = 0; i < p.elements; ++i) out[i] = p.scale * static_cast<float>(in[i] - p.input_zero_point);
}

namespace kernels {

namespace {

using tflite::TensorType;

bool IsRequantizable(TensorType t) { return t == TensorType::kInt8 || t == TensorType::kInt16; }

// Zero points of int16/int32 tensors within this bound keep x - zp and
// y + zp inside int32.
constexpr int32_t kMaxWideZeroPoint = 65536;

NnStatus RequireZeroPointFits(const OpContext& ctx, const TensorView& t) {
  const int32_t zp = t.zero_point();
  return zp >= -kMaxWideZeroPoint && zp <= kMaxWideZeroPoint
             ? NnStatus::kOk
             : ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.zero_point", t.index);
}

NnStatus PrepareCommon(const OpContext& ctx, bool quantize, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  QuantizeParams p{};
  p.input_type = input.type;
  p.output_type = output.type;
  p.elements = input.elements;
  if (quantize) {
    const bool from_float = input.type == TensorType::kFloat32;
    const bool output_ok = IsRequantizable(output.type) || (!from_float && output.type == TensorType::kInt32);
    if (!output_ok) return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", output.index);
    if (!from_float && !IsRequantizable(input.type)) {
      return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
    }
    if (NnStatus s = RequireQuantized(ctx, output); s != NnStatus::kOk) return s;
    if (NnStatus s = RequireZeroPointFits(ctx, output); s != NnStatus::kOk) return s;
    p.scale = output.scale();
    p.output_zero_point = output.zero_point();
    if (!from_float) {
      if (NnStatus s = RequireQuantized(ctx, input); s != NnStatus::kOk) return s;
      if (NnStatus s = RequireZeroPointFits(ctx, input); s != NnStatus::kOk) return s;
      p.input_zero_point = input.zero_point();
      int shift = 0;
      QuantizeMultiplier(static_cast<double>(input.scale()) / static_cast<double>(output.scale()), &p.multiplier,
                         &shift);
      p.shift = shift;
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
  Quantize(*static_cast<const QuantizeParams*>(op_data), b.inputs[0], b.outputs[0]);
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
