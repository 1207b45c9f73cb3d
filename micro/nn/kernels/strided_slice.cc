// STRIDED_SLICE with constant int32 begin / end / strides, as TensorFlow Lite
// Micro's reference kernel computes it (its StridedSliceStartForAxis /
// EndForAxis rules): per axis, a negative index counts from the end; start
// and end are clamped to [0, size] for a positive stride and [-1, size - 1]
// for a negative one; begin_mask / end_mask take the whole axis; `offset`
// makes end relative to begin; shrink_axis_mask takes one element. When
// begin has fewer entries than the input's rank, leading axes are taken
// whole. ellipsis_mask and new_axis_mask are not supported (kBadOptions).
// Any element type: elements are copied as bytes.
#include <cstring>

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/kernels/strided_slice.h"

namespace mote::nn {
namespace kernels {

namespace {

using tflite::TensorType;

// A constant int32 vector input with `n` elements.
NnStatus ConstantIndices(const OpContext& ctx, uint32_t input, int32_t n, TensorView* t) {
  if (NnStatus s = ctx.Input(input, t); s != NnStatus::kOk) return s;
  if (t->type != TensorType::kInt32 || !t->is_constant()) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type (constant int32)", t->index);
  }
  if (t->rank != 1 || t->dims[0] != n) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", t->index);
  return NnStatus::kOk;
}

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(4, 4, 1); s != NnStatus::kOk) return s;
  TensorView input, output, begin, end, strides;
  if (NnStatus s = ctx.Input(0, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.element_bytes == 0) return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  if (input.rank < 1) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", input.index);
  if (NnStatus s = ctx.Input(1, &begin); s != NnStatus::kOk) return s;
  const int32_t n = begin.rank == 1 ? begin.dims[0] : -1;
  if (n < 0 || n > input.rank) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", begin.index);
  if (NnStatus s = ConstantIndices(ctx, 1, n, &begin); s != NnStatus::kOk) return s;
  if (NnStatus s = ConstantIndices(ctx, 2, n, &end); s != NnStatus::kOk) return s;
  if (NnStatus s = ConstantIndices(ctx, 3, n, &strides); s != NnStatus::kOk) return s;

  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kStridedSliceOptions, &o); s != NnStatus::kOk) return s;
  namespace f = tflite::strided_slice_options;
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_mask = 0;
  uint8_t offset = 0;
  if (!o.Scalar<int32_t>(f::kBeginMask, 0, &begin_mask) || !o.Scalar<int32_t>(f::kEndMask, 0, &end_mask) ||
      !o.Scalar<int32_t>(f::kEllipsisMask, 0, &ellipsis_mask) ||
      !o.Scalar<int32_t>(f::kNewAxisMask, 0, &new_axis_mask) ||
      !o.Scalar<int32_t>(f::kShrinkAxisMask, 0, &shrink_mask) || !o.Scalar<uint8_t>(f::kOffset, 0, &offset)) {
    return ctx.Fail(NnStatus::kCorrupt, "StridedSliceOptions");
  }
  if (ellipsis_mask != 0 || new_axis_mask != 0) {
    return ctx.Fail(NnStatus::kBadOptions, "StridedSliceOptions.ellipsis_mask/new_axis_mask");
  }
  // Leading axes that begin does not name are taken whole.
  const int32_t pad = input.rank - n;
  const auto pad_bits = static_cast<uint32_t>((1u << pad) - 1);
  const uint32_t begin_bits = (static_cast<uint32_t>(begin_mask) << pad) | pad_bits;
  const uint32_t end_bits = (static_cast<uint32_t>(end_mask) << pad) | pad_bits;
  const uint32_t shrink_bits = static_cast<uint32_t>(shrink_mask) << pad;

  StridedSliceParams p{};
  p.rank = input.rank;
  p.element_bytes = input.element_bytes;
  uint64_t elements = 1;
  int32_t in_stride = 1;
  for (int32_t d = input.rank - 1; d >= 0; --d) {
    p.in_stride[d] = in_stride;
    in_stride *= input.dims[d];
  }
  for (int32_t d = 0; d < input.rank; ++d) {
    const int64_t size = input.dims[d];
    const int64_t stride = d < pad ? 1 : ConstantAt<int32_t>(strides, static_cast<uint32_t>(d - pad));
    if (stride == 0) return ctx.Fail(NnStatus::kBadModel, "strides (0)", strides.index);
    const int64_t lo = stride > 0 ? 0 : -1, hi = stride > 0 ? size : size - 1;
    const uint32_t bit = 1u << d;
    int64_t start = d < pad ? 0 : ConstantAt<int32_t>(begin, static_cast<uint32_t>(d - pad));
    if (start < 0) start += size;
    start = Clamp(start, lo, hi);
    if (begin_bits & bit) start = stride > 0 ? 0 : size - 1;
    int64_t stop = 0;
    if (shrink_bits & bit) {
      stop = start >= size ? start : start + 1;
    } else {
      stop = d < pad ? 1 : ConstantAt<int32_t>(end, static_cast<uint32_t>(d - pad));
      if (offset) stop += start;
      if (stop < 0) stop += size;
      stop = Clamp(stop, lo, hi);
      if (end_bits & bit) stop = stride > 0 ? size : -1;
    }
    const int64_t span = stride > 0 ? stop - start : start - stop;
    const int64_t step = stride > 0 ? stride : -stride;
    const int64_t count = span > 0 ? (span + step - 1) / step : 0;
    p.start[d] = static_cast<int32_t>(start);
    p.stride[d] = static_cast<int32_t>(stride);
    p.count[d] = static_cast<int32_t>(count);
    elements *= static_cast<uint64_t>(count);
  }
  if (elements != output.elements) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  p.elements = output.elements;
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  StridedSlice(*static_cast<const StridedSliceParams*>(op_data), b.inputs[0], b.outputs[0]);
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kStridedSlice = {Prepare, Invoke};

}  // namespace kernels

void StridedSlice(const StridedSliceParams& p, const void* input, void* output) {
  if (p.elements == 0) return;
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  const uint32_t eb = p.element_bytes;
  const int32_t last = p.rank - 1;
  // Contiguous runs along the last axis when its stride is 1.
  const bool run = p.stride[last] == 1;
  const uint32_t per_copy = run ? static_cast<uint32_t>(p.count[last]) : 1;
  int32_t index[kMaxRank] = {};
  int64_t offset = 0;  // input element of the current output element
  for (int32_t d = 0; d < p.rank; ++d) offset += static_cast<int64_t>(p.start[d]) * p.in_stride[d];
  for (uint32_t done = 0; done < p.elements; done += per_copy) {
    std::memmove(out + static_cast<size_t>(done) * eb, in + offset * eb, static_cast<size_t>(per_copy) * eb);
    for (int32_t d = run ? last - 1 : last; d >= 0; --d) {
      offset += static_cast<int64_t>(p.stride[d]) * p.in_stride[d];
      if (++index[d] < p.count[d]) break;
      offset -= static_cast<int64_t>(p.stride[d]) * p.in_stride[d] * p.count[d];
      index[d] = 0;
    }
  }
}

}  // namespace mote::nn
