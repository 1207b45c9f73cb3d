// RESHAPE: the same bytes under another shape. The output is copied from the
// input (TensorFlow Lite Micro does the same); when the planner gives both
// the same place there is nothing to copy.
#include <cstring>

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn::kernels {

namespace {

struct ReshapeParams {
  uint32_t bytes;
};

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  // The second input (the new shape as a tensor) is optional; the output's
  // shape in the model is what counts.
  if (NnStatus s = ctx.ExpectCounts(1, 2, 1); s != NnStatus::kOk) return s;
  TensorView input, output;
  if (NnStatus s = ctx.Input(0, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.bytes != output.bytes || input.element_bytes == 0) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  memory->persistent_bytes = sizeof(ReshapeParams);
  if (op_data) static_cast<ReshapeParams*>(op_data)->bytes = input.bytes;
  return NnStatus::kOk;
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  if (b.inputs[0] != b.outputs[0]) {
    std::memcpy(b.outputs[0], b.inputs[0], static_cast<const ReshapeParams*>(op_data)->bytes);
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kReshape = {Prepare, Invoke};

}  // namespace mote::nn::kernels
