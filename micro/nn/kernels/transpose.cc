// TRANSPOSE: prepare checks the op and computes TransposeParams; Transpose
// copies (transpose.h).
#include "micro/nn/kernels/transpose.h"

#include <cstring>

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {
namespace kernels {

namespace {

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  TensorView input, perm, output;
  if (NnStatus s = ctx.Input(0, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(1, &perm); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.element_bytes == 0) return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  if (perm.type != tflite::TensorType::kInt32 || !perm.is_constant()) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type (constant int32)", perm.index);
  }
  if (perm.rank != 1 || perm.dims[0] != input.rank || output.rank != input.rank || input.rank < 1) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", perm.index);
  }
  TransposeParams p{};
  p.rank = input.rank;
  p.element_bytes = input.element_bytes;
  p.elements = input.elements;
  int32_t stride[kMaxRank];
  int32_t s = 1;
  for (int32_t d = input.rank - 1; d >= 0; --d) {
    stride[d] = s;
    s *= input.dims[d];
  }
  uint32_t seen = 0;
  for (int32_t d = 0; d < input.rank; ++d) {
    const int32_t axis = ConstantAt<int32_t>(perm, static_cast<uint32_t>(d));
    if (axis < 0 || axis >= input.rank || (seen & (1u << axis))) {
      return ctx.Fail(NnStatus::kBadModel, "perm (not a permutation)", perm.index);
    }
    seen |= 1u << axis;
    if (output.dims[d] != input.dims[axis]) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
    p.out_dims[d] = output.dims[d];
    p.in_stride[d] = stride[axis];
  }
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  Transpose(*static_cast<const TransposeParams*>(op_data), b.inputs[0], b.outputs[0]);
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kTranspose = {Prepare, Invoke};

}  // namespace kernels

void Transpose(const TransposeParams& p, const void* input, void* output) {
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  const uint32_t eb = p.element_bytes;
  int32_t index[kMaxRank] = {};
  size_t offset = 0;  // input element of the current output element
  for (uint32_t i = 0; i < p.elements; ++i) {
    std::memmove(out + static_cast<size_t>(i) * eb, in + offset * eb, eb);
    for (int32_t d = p.rank - 1; d >= 0; --d) {
      offset += static_cast<size_t>(p.in_stride[d]);
      if (++index[d] < p.out_dims[d]) break;
      offset -= static_cast<size_t>(p.in_stride[d]) * static_cast<size_t>(p.out_dims[d]);
      index[d] = 0;
    }
  }
}

}  // namespace mote::nn
