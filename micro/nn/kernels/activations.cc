// RELU and RELU6 on float32: max(x, 0) and min(max(x, 0), 6).
#include "micro/nn/kernels/activations.h"

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

void ClampFloat(const ClampParams& p, const float* in, float* out) {
  for (uint32_t i = 0; i < p.elements; ++i) {
    const float v = in[i] < p.min ? p.min : in[i];
    out[i] = v > p.max ? p.max : v;
  }
}

namespace kernels {

namespace {

template <int kMax>
NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  for (const TensorView* t : {&input, &output}) {
    if (NnStatus s = RequireType(ctx, *t, tflite::TensorType::kFloat32); s != NnStatus::kOk) return s;
  }
  if (input.elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  memory->persistent_bytes = sizeof(ClampParams);
  if (op_data) {
    float lo = 0.0f, hi = 0.0f;
    FloatActivationRange(kMax == 6 ? tflite::Activation::kRelu6 : tflite::Activation::kRelu, &lo, &hi);
    *static_cast<ClampParams*>(op_data) = {input.elements, lo, hi};
  }
  return NnStatus::kOk;
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  ClampFloat(*static_cast<const ClampParams*>(op_data), In<float>(b, 0), Out<float>(b, 0));
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kRelu = {Prepare<0>, Invoke};
const OpKernel kRelu6 = {Prepare<6>, Invoke};

}  // namespace kernels
}  // namespace mote::nn
