// CAST between int8, uint8, int16, uint16, int32, uint32, bool and float32,
// as TensorFlow Lite Micro's reference kernel does with static_cast:
// integers wrap to the narrower type (two's complement), floats truncate
// toward zero, bool is 0 or 1. A float outside the target's range is
// undefined in C++ (and so in TFLM); mote truncates it to int64 (saturated;
// NaN gives 0) and then wraps, so it never traps.
#include <cstring>

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/cast.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {
namespace {

using tflite::TensorType;

bool Castable(TensorType t) {
  switch (t) {
    case TensorType::kInt8: case TensorType::kUInt8: case TensorType::kInt16: case TensorType::kUInt16:
    case TensorType::kInt32: case TensorType::kUInt32: case TensorType::kBool: case TensorType::kFloat32:
      return true;
    default:
      return false;
  }
}

// One element, as an integer or a float.
struct Element {
  bool is_float;
  int64_t i;
  float f;
};

Element Load(TensorType t, const void* data, uint32_t k) {
  switch (t) {
    case TensorType::kInt8: return {false, static_cast<const int8_t*>(data)[k], 0};
    case TensorType::kUInt8: return {false, static_cast<const uint8_t*>(data)[k], 0};
    case TensorType::kBool: return {false, static_cast<const uint8_t*>(data)[k] != 0, 0};
    case TensorType::kInt16: return {false, static_cast<const int16_t*>(data)[k], 0};
    case TensorType::kUInt16: return {false, static_cast<const uint16_t*>(data)[k], 0};
    case TensorType::kInt32: return {false, static_cast<const int32_t*>(data)[k], 0};
    case TensorType::kUInt32: return {false, static_cast<const uint32_t*>(data)[k], 0};
    default: return {true, 0, static_cast<const float*>(data)[k]};
  }
}

// Truncated toward zero, saturated to int64; NaN gives 0.
int64_t TruncateToInt64(float f) {
  if (!(f == f)) return 0;
  if (f >= 9.2233720e18f) return INT64_MAX;
  if (f <= -9.2233720e18f) return INT64_MIN;
  return static_cast<int64_t>(f);
}

void Store(TensorType t, void* data, uint32_t k, const Element& e) {
  if (t == TensorType::kFloat32) {
    static_cast<float*>(data)[k] = e.is_float ? e.f : static_cast<float>(e.i);
    return;
  }
  if (t == TensorType::kBool) {
    static_cast<uint8_t*>(data)[k] = e.is_float ? e.f != 0.0f : e.i != 0;
    return;
  }
  // Two's complement wrap to the target's width.
  const auto v = static_cast<uint64_t>(e.is_float ? TruncateToInt64(e.f) : e.i);
  switch (t) {
    case TensorType::kInt8: static_cast<int8_t*>(data)[k] = static_cast<int8_t>(v); break;
    case TensorType::kUInt8: static_cast<uint8_t*>(data)[k] = static_cast<uint8_t>(v); break;
    case TensorType::kInt16: static_cast<int16_t*>(data)[k] = static_cast<int16_t>(v); break;
    case TensorType::kUInt16: static_cast<uint16_t*>(data)[k] = static_cast<uint16_t>(v); break;
    case TensorType::kInt32: static_cast<int32_t*>(data)[k] = static_cast<int32_t>(v); break;
    default: static_cast<uint32_t*>(data)[k] = static_cast<uint32_t>(v); break;
  }
}

}  // namespace

void Cast(const CastParams& p, const void* input, void* output) {
  if (p.copy_bytes) {
    std::memmove(output, input, p.copy_bytes);
    return;
  }
  for (uint32_t k = 0; k < p.elements; ++k) Store(p.to, output, k, Load(p.from, input, k));
}

namespace kernels {
namespace {

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (!Castable(input.type)) return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  if (!Castable(output.type)) return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", output.index);
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  // Between integers of one width the two's complement bits do not change.
  const bool integers = input.type != TensorType::kFloat32 && input.type != TensorType::kBool &&
                        output.type != TensorType::kFloat32 && output.type != TensorType::kBool;
  const uint32_t copy_bytes = integers && input.element_bytes == output.element_bytes ? input.bytes : 0;
  return KeepParams(CastParams{input.type, output.type, input.elements, copy_bytes}, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  Cast(*static_cast<const CastParams*>(op_data), b.inputs[0], b.outputs[0]);
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kCast = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
