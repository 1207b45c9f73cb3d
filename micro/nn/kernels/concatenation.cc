// CONCATENATION along one axis, as TensorFlow Lite Micro's reference kernel:
// for each index before the axis, each input's block (its axis extent times
// the elements after the axis) is copied in input order. Any element type;
// quantized inputs must share the output's scale and zero point (TFLM
// requires the same), and no fused activation is supported.
#include <cstring>

#include "micro/nn/kernels/concatenation.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

void Concatenate(const ConcatenationParams& p, const uint32_t* block_bytes, const void* const* inputs, void* output) {
  auto* out = static_cast<uint8_t*>(output);
  for (uint32_t o = 0; o < p.outer; ++o) {
    for (uint32_t i = 0; i < p.inputs; ++i) {
      std::memmove(out, static_cast<const uint8_t*>(inputs[i]) + static_cast<size_t>(o) * block_bytes[i],
                   block_bytes[i]);
      out += block_bytes[i];
    }
  }
}

namespace kernels {

namespace {

// The op data: ConcatenationParams, then at kBlockBytes `inputs` uint32:
// bytes each input contributes per outer index.
constexpr uint32_t kBlockBytes = kConcatenationBlocksAt;

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  // Any number of inputs: the interpreter bounds them (kMaxOpIo).
  if (NnStatus s = ctx.ExpectCounts(1, UINT32_MAX, 1); s != NnStatus::kOk) return s;
  TensorView output, input;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  if (output.element_bytes == 0 || output.rank < 1) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", output.index);
  }
  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kConcatenationOptions, &o); s != NnStatus::kOk) return s;
  int32_t axis = 0;
  if (!o.Scalar<int32_t>(tflite::concatenation_options::kAxis, 0, &axis)) {
    return ctx.Fail(NnStatus::kCorrupt, "ConcatenationOptions.axis");
  }
  tflite::Activation activation;
  if (NnStatus s = ReadActivation(ctx, o, tflite::concatenation_options::kActivation, &activation);
      s != NnStatus::kOk) {
    return s;
  }
  if (activation != tflite::Activation::kNone) {
    return ctx.Fail(NnStatus::kBadOptions, "ConcatenationOptions.fused_activation_function");
  }
  if (axis < 0) axis += output.rank;
  if (axis < 0 || axis >= output.rank) return ctx.Fail(NnStatus::kBadOptions, "ConcatenationOptions.axis");

  ConcatenationParams p{ctx.input_count(), 1};
  uint32_t inner = 1;
  for (int32_t d = 0; d < axis; ++d) p.outer *= static_cast<uint32_t>(output.dims[d]);
  for (int32_t d = axis + 1; d < output.rank; ++d) inner *= static_cast<uint32_t>(output.dims[d]);
  uint32_t* block_bytes = op_data ? DataAt<uint32_t>(op_data, kBlockBytes) : nullptr;
  int64_t axis_total = 0;
  for (uint32_t i = 0; i < p.inputs; ++i) {
    if (NnStatus s = ctx.Input(i, &input); s != NnStatus::kOk) return s;
    if (NnStatus s = RequireType(ctx, input, output.type); s != NnStatus::kOk) return s;
    if (input.rank != output.rank) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", input.index);
    for (int32_t d = 0; d < output.rank; ++d) {
      if (d != axis && input.dims[d] != output.dims[d]) {
        return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", input.index);
      }
    }
    if (input.quantized() != output.quantized() ||
        (output.quantized() && (input.scale() != output.scale() || input.zero_point() != output.zero_point()))) {
      return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters", input.index);
    }
    axis_total += input.dims[axis];
    if (block_bytes) block_bytes[i] = static_cast<uint32_t>(input.dims[axis]) * inner * output.element_bytes;
  }
  if (axis_total != output.dims[axis]) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  memory->persistent_bytes = kBlockBytes + 4 * p.inputs;
  if (op_data) *static_cast<ConcatenationParams*>(op_data) = p;
  return NnStatus::kOk;
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  Concatenate(*static_cast<const ConcatenationParams*>(op_data), DataAt<uint32_t>(op_data, kBlockBytes), b.inputs,
              b.outputs[0]);
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kConcatenation = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
