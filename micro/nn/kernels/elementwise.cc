#include "micro/nn/kernels/elementwise.h"

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/quantization.h"

namespace mote::nn {

namespace {

template <typename T>
void MulQuantized(const MulParams& p, const T* input1, const T* input2, T* output) {
  BroadcastBinary(p.shape, input1, input2, output, [&p](T a, T b) {
    const int32_t product = (p.input1_offset + a) * (p.input2_offset + b);
    const int32_t v = p.output_offset + MultiplyByQuantizedMultiplier(product, p.output_multiplier, p.output_shift);
    return static_cast<T>(Clamp(v, p.act_min, p.act_max));
  });
}

}  // namespace

void MulInt8(const MulParams& p, const int8_t* input1, const int8_t* input2, int8_t* output) {
  MulQuantized(p, input1, input2, output);
}

void MulInt16(const MulParams& p, const int16_t* input1, const int16_t* input2, int16_t* output) {
  MulQuantized(p, input1, input2, output);
}

void MulInt32(const MulParams& p, const int32_t* input1, const int32_t* input2, int32_t* output) {
  BroadcastBinary(p.shape, input1, input2, output, [&p](int32_t a, int32_t b) {
    const auto product = static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
    return Clamp(product, p.act_min, p.act_max);
  });
}

void MulFloat(const MulParams& p, const float* input1, const float* input2, float* output) {
  BroadcastBinary(p.shape, input1, input2, output,
                  [&p](float a, float b) { return Clamp(a * b, p.float_act_min, p.float_act_max); });
}

bool DivInt32(const MulParams& p, const int32_t* input1, const int32_t* input2, int32_t* output) {
  bool ok = true;
  BroadcastBinary(p.shape, input1, input2, output, [&p, &ok](int32_t a, int32_t b) {
    if (b == 0) {
      ok = false;
      return int32_t{0};
    }
    // In 64 bits: INT32_MIN / -1 = 2^31 wraps to INT32_MIN.
    const auto quotient = static_cast<int32_t>(static_cast<uint32_t>(static_cast<int64_t>(a) / b));
    return Clamp(quotient, p.act_min, p.act_max);
  });
  return ok;
}

void DivFloat(const MulParams& p, const float* input1, const float* input2, float* output) {
  BroadcastBinary(p.shape, input1, input2, output,
                  [&p](float a, float b) { return Clamp(a / b, p.float_act_min, p.float_act_max); });
}

namespace kernels {
namespace {

using tflite::TensorType;

// The two inputs and the output of a binary op, all of one type, and their
// broadcast.
NnStatus BinaryTensors(const OpContext& ctx, TensorView* a, TensorView* b, TensorView* out, BroadcastShape* shape) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(0, a); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(1, b); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, out); s != NnStatus::kOk) return s;
  for (const TensorView* t : {b, out}) {
    if (NnStatus s = RequireType(ctx, *t, a->type); s != NnStatus::kOk) return s;
  }
  if (!ComputeBroadcast(*a, *b, *out, shape)) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", out->index);
  return NnStatus::kOk;
}

// MUL and DIV: tensors, activation, and for MUL's quantized types the
// offsets and the multiplier.
NnStatus PrepareMulDiv(const OpContext& ctx, uint8_t options_type, int activation_field, bool quantized_ok,
                       void* op_data, OpMemory* memory) {
  TensorView a, b, out;
  MulParams p{};
  if (NnStatus s = BinaryTensors(ctx, &a, &b, &out, &p.shape); s != NnStatus::kOk) return s;
  p.type = a.type;
  fb::Table o;
  if (NnStatus s = ctx.Options(options_type, &o); s != NnStatus::kOk) return s;
  tflite::Activation activation;
  if (NnStatus s = ReadActivation(ctx, o, activation_field, &activation); s != NnStatus::kOk) return s;
  if (a.type == TensorType::kFloat32) {
    if (NnStatus s = FloatRange(ctx, activation, &p.float_act_min, &p.float_act_max); s != NnStatus::kOk) return s;
  } else if (a.type == TensorType::kInt32) {
    if (NnStatus s = Int32Range(ctx, activation, &p.act_min, &p.act_max); s != NnStatus::kOk) return s;
  } else if (quantized_ok && (a.type == TensorType::kInt8 || a.type == TensorType::kInt16)) {
    for (const TensorView* t : {&a, &b, &out}) {
      if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
      if (a.type == TensorType::kInt16 && t->zero_point() != 0) {
        return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.zero_point", t->index);
      }
    }
    p.input1_offset = -a.zero_point();
    p.input2_offset = -b.zero_point();
    p.output_offset = out.zero_point();
    int shift = 0;
    QuantizeMultiplier(ConvRescale(a.scale(), b.scale(), out.scale()), &p.output_multiplier, &shift);
    p.output_shift = shift;
    const bool int8 = a.type == TensorType::kInt8;
    if (!QuantizedActivationRange(activation, out.scale(), out.zero_point(), int8 ? -128 : -32768,
                                  int8 ? 127 : 32767, &p.act_min, &p.act_max)) {
      return ctx.Fail(NnStatus::kBadOptions, "fused_activation_function");
    }
  } else {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", a.index);
  }
  return KeepParams(p, op_data, memory);
}

NnStatus PrepareMul(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareMulDiv(ctx, tflite::kMulOptions, tflite::mul_options::kActivation, true, op_data, memory);
}

NnStatus InvokeMul(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const MulParams*>(op_data);
  switch (p.type) {
    case TensorType::kInt8: MulInt8(p, In<int8_t>(b, 0), In<int8_t>(b, 1), Out<int8_t>(b, 0)); break;
    case TensorType::kInt16: MulInt16(p, In<int16_t>(b, 0), In<int16_t>(b, 1), Out<int16_t>(b, 0)); break;
    case TensorType::kInt32: MulInt32(p, In<int32_t>(b, 0), In<int32_t>(b, 1), Out<int32_t>(b, 0)); break;
    default: MulFloat(p, In<float>(b, 0), In<float>(b, 1), Out<float>(b, 0)); break;
  }
  return NnStatus::kOk;
}

NnStatus PrepareDiv(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareMulDiv(ctx, tflite::kDivOptions, tflite::div_options::kActivation, false, op_data, memory);
}

NnStatus InvokeDiv(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const MulParams*>(op_data);
  if (p.type == TensorType::kInt32) {
    // A zero divisor: TensorFlow Lite refuses it too.
    return DivInt32(p, In<int32_t>(b, 0), In<int32_t>(b, 1), Out<int32_t>(b, 0)) ? NnStatus::kOk
                                                                                  : NnStatus::kBadModel;
  }
  DivFloat(p, In<float>(b, 0), In<float>(b, 1), Out<float>(b, 0));
  return NnStatus::kOk;
}

NnStatus PrepareMinMax(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView a, b, out;
  MinMaxParams p{};
  if (NnStatus s = BinaryTensors(ctx, &a, &b, &out, &p.shape); s != NnStatus::kOk) return s;
  p.type = a.type;
  if (a.type != TensorType::kInt8 && a.type != TensorType::kInt16 && a.type != TensorType::kInt32 &&
      a.type != TensorType::kFloat32) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", a.index);
  }
  return KeepParams(p, op_data, memory);
}

template <bool kMax>
NnStatus InvokeMinMax(void* op_data, const OpBuffers& b) {
  (kMax ? Maximum : Minimum)(*static_cast<const MinMaxParams*>(op_data), b.inputs[0], b.inputs[1], b.outputs[0]);
  return NnStatus::kOk;
}

template <bool kMax, typename T>
void MinMax(const MinMaxParams& p, const void* input1, const void* input2, void* output) {
  BroadcastBinary(p.shape, static_cast<const T*>(input1), static_cast<const T*>(input2), static_cast<T*>(output),
                  [](T x, T y) { return kMax ? (x > y ? x : y) : (x < y ? x : y); });
}

template <bool kMax>
void MinMaxOfType(const MinMaxParams& p, const void* input1, const void* input2, void* output) {
  switch (p.type) {
    case TensorType::kInt8: MinMax<kMax, int8_t>(p, input1, input2, output); break;
    case TensorType::kInt16: MinMax<kMax, int16_t>(p, input1, input2, output); break;
    case TensorType::kInt32: MinMax<kMax, int32_t>(p, input1, input2, output); break;
    default: MinMax<kMax, float>(p, input1, input2, output); break;
  }
}

}  // namespace

const OpKernel kMul = {PrepareMul, InvokeMul};
const OpKernel kDiv = {PrepareDiv, InvokeDiv};
const OpKernel kMinimum = {PrepareMinMax, InvokeMinMax<false>};
const OpKernel kMaximum = {PrepareMinMax, InvokeMinMax<true>};

}  // namespace kernels

void Minimum(const MinMaxParams& p, const void* input1, const void* input2, void* output) {
  kernels::MinMaxOfType<false>(p, input1, input2, output);
}
void Maximum(const MinMaxParams& p, const void* input1, const void* input2, void* output) {
  kernels::MinMaxOfType<true>(p, input1, input2, output);
}

}  // namespace mote::nn
