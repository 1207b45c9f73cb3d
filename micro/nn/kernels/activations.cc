// RELU and RELU6 on float32: max(x, 0) and min(max(x, 0), 6).
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn::kernels {

namespace {

struct ClampParams {
  uint32_t elements;
  float min, max;
};

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
  const auto& p = *static_cast<const ClampParams*>(op_data);
  const float* in = In<float>(b, 0);
  float* out = Out<float>(b, 0);
  for (uint32_t i = 0; i < p.elements; ++i) {
    const float v = in[i] < p.min ? p.min : in[i];
    out[i] = v > p.max ? p.max : v;
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kRelu = {Prepare<0>, Invoke};
const OpKernel kRelu6 = {Prepare<6>, Invoke};

}  // namespace mote::nn::kernels
