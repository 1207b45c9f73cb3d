// PAD: prepare checks the op and computes PadParams; Pad copies (pad.h).
#include "micro/nn/kernels/pad.h"

#include <cstring>

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {
namespace kernels {

namespace {

using tflite::TensorType;

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  TensorView input, paddings, output;
  if (NnStatus s = ctx.Input(0, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(1, &paddings); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  PadParams p{};
  if (input.type == TensorType::kInt8) {
    for (const TensorView* t : {&input, &output}) {
      if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
    }
    if (input.scale() != output.scale() || input.zero_point() != output.zero_point()) {
      return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters", output.index);
    }
    p.pad_value[0] = static_cast<uint8_t>(output.zero_point());
  } else if (input.type != TensorType::kFloat32) {  // 0.0f is all zero bytes
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  if (paddings.type != TensorType::kInt32 || !paddings.is_constant()) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type (constant int32)", paddings.index);
  }
  if (paddings.rank != 2 || paddings.dims[0] != input.rank || paddings.dims[1] != 2 || output.rank != input.rank ||
      input.rank < 1) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", paddings.index);
  }
  p.rank = input.rank;
  p.element_bytes = input.element_bytes;
  p.elements = output.elements;
  for (int32_t d = 0; d < input.rank; ++d) {
    const int32_t before = ConstantAt<int32_t>(paddings, static_cast<uint32_t>(2 * d));
    const int32_t after = ConstantAt<int32_t>(paddings, static_cast<uint32_t>(2 * d + 1));
    if (before < 0 || after < 0 ||
        static_cast<int64_t>(input.dims[d]) + before + after != static_cast<int64_t>(output.dims[d])) {
      return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
    }
    p.in_dims[d] = input.dims[d];
    p.before[d] = before;
    p.out_dims[d] = output.dims[d];
  }
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  Pad(*static_cast<const PadParams*>(op_data), b.inputs[0], b.outputs[0]);
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kPad = {Prepare, Invoke};

}  // namespace kernels

// Writes output rows (the last axis) one at a time: padding, the input row
// (when the row's outer coordinates are inside the input), padding.
void Pad(const PadParams& p, const void* input, void* output) {
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  const uint32_t eb = p.element_bytes;
  const int32_t last = p.rank - 1;
  const auto row = static_cast<uint32_t>(p.out_dims[last]);
  auto fill = [&](uint8_t* at, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) std::memcpy(at + static_cast<size_t>(i) * eb, p.pad_value, eb);
  };
  int32_t index[kMaxRank] = {};  // output coordinates of the row (axes before the last)
  for (uint32_t done = 0; done < p.elements; done += row) {
    bool inside = true;
    size_t in_row = 0;  // index of the input row
    for (int32_t d = 0; d < last; ++d) {
      const int32_t i = index[d] - p.before[d];
      inside = inside && i >= 0 && i < p.in_dims[d];
      in_row = in_row * static_cast<size_t>(p.in_dims[d]) + static_cast<size_t>(inside ? i : 0);
    }
    uint8_t* at = out + static_cast<size_t>(done) * eb;
    if (!inside) {
      fill(at, row);
    } else {
      const auto before = static_cast<uint32_t>(p.before[last]), width = static_cast<uint32_t>(p.in_dims[last]);
      fill(at, before);
      std::memmove(at + static_cast<size_t>(before) * eb, in + in_row * width * eb, static_cast<size_t>(width) * eb);
      fill(at + static_cast<size_t>(before + width) * eb, row - before - width);
    }
    for (int32_t d = last - 1; d >= 0; --d) {
      if (++index[d] < p.out_dims[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace mote::nn
