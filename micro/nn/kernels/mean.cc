// Prepare and invoke of MEAN; the arithmetic is in mean.h's functions.
#include "micro/nn/kernels/mean.h"

#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

// Adds every input element to its output element's sum, in row-major input
// order (the order TensorFlow Lite's ReduceSumImpl adds them in).
template <typename In, typename Sum>
void SumInto(const MeanParams& p, const In* input, Sum* sums) {
  for (uint32_t o = 0; o < p.output_elements; ++o) sums[o] = Sum{};
  int32_t index[kMaxRank] = {};
  uint32_t o = 0;
  for (uint32_t i = 0; i < p.input_elements; ++i) {
    sums[o] += static_cast<Sum>(input[i]);
    for (int32_t d = p.rank - 1; d >= 0; --d) {
      o += static_cast<uint32_t>(p.out_stride[d]);
      if (++index[d] < p.in_dims[d]) break;
      o -= static_cast<uint32_t>(p.out_stride[d]) * static_cast<uint32_t>(p.in_dims[d]);
      index[d] = 0;
    }
  }
}

}  // namespace

void MeanFloat(const MeanParams& p, const float* input, float* output) {
  SumInto(p, input, output);
  const float count = static_cast<float>(p.count);
  for (uint32_t o = 0; o < p.output_elements; ++o) output[o] = output[o] / count;
}

void MeanInt8(const MeanParams& p, const int8_t* input, int8_t* output, int32_t* sums) {
  SumInto(p, input, sums);
  const int64_t offset = static_cast<int64_t>(p.input_offset) * p.count;
  for (uint32_t o = 0; o < p.output_elements; ++o) {
    // TensorFlow Lite computes sum - zp * count in 64 bits and keeps the low 32.
    const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(static_cast<int64_t>(sums[o]) - offset));
    const int32_t v = MultiplyByQuantizedMultiplier(shifted, p.multiplier, p.shift) + p.output_offset;
    output[o] = static_cast<int8_t>(Clamp<int32_t>(v, -128, 127));
  }
}

namespace kernels {

namespace {

using tflite::TensorType;

// Which input axes the constant int32 axis tensor reduces (negative axes
// count from the end; repeats are allowed, as TensorFlow Lite's ResolveAxis).
NnStatus ReducedAxes(const OpContext& ctx, const TensorView& input, const TensorView& axes, uint32_t* mask) {
  if (axes.type != TensorType::kInt32 || !axes.is_constant()) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type (constant int32)", axes.index);
  }
  if (axes.rank > 1) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", axes.index);
  *mask = 0;
  for (uint32_t i = 0; i < axes.elements; ++i) {
    int32_t axis = ConstantAt<int32_t>(axes, i);
    if (axis < 0) axis += input.rank;
    if (axis < 0 || axis >= input.rank) return ctx.Fail(NnStatus::kBadModel, "axis (out of range)", axes.index);
    *mask |= 1u << axis;
  }
  return NnStatus::kOk;
}

// The output's shape: the input's with reduced axes 1 (keep_dims) or gone.
bool OutputShapeMatches(const TensorView& input, const TensorView& output, uint32_t mask, bool keep_dims) {
  int32_t d_out = 0;
  for (int32_t d = 0; d < input.rank; ++d) {
    const bool reduced = (mask >> d) & 1u;
    if (reduced && !keep_dims) continue;
    if (d_out >= output.rank || output.dims[d_out] != (reduced ? 1 : input.dims[d])) return false;
    ++d_out;
  }
  return d_out == output.rank;
}

NnStatus PrepareInt8(const OpContext& ctx, const TensorView& input, const TensorView& output, MeanParams* p) {
  for (const TensorView* t : {&input, &output}) {
    if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
  }
  p->input_offset = input.zero_point();
  p->output_offset = output.zero_point();
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(input.scale()) / static_cast<double>(output.scale()), &p->multiplier,
                     &shift);
  // Fold 1 / count into the multiplier (TensorFlow Lite's QuantizedMeanOrSum).
  int k = 31 - __builtin_clz(p->count);  // floor(log2(count)); count >= 1
  if (k > 31 + shift) k = 31 + shift;
  p->multiplier = static_cast<int32_t>((static_cast<int64_t>(p->multiplier) << k) / p->count);
  p->shift = shift - k;
  return NnStatus::kOk;
}

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  TensorView input, axes, output;
  if (NnStatus s = ctx.Input(0, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(1, &axes); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  if (input.type != TensorType::kFloat32 && input.type != TensorType::kInt8) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kReducerOptions, &o); s != NnStatus::kOk) return s;
  uint8_t keep_dims_byte = 0;  // a bool is read as a byte
  if (!o.Scalar<uint8_t>(tflite::reducer_options::kKeepDims, 0, &keep_dims_byte)) {
    return ctx.Fail(NnStatus::kCorrupt, "ReducerOptions");
  }
  const bool keep_dims = keep_dims_byte != 0;
  uint32_t mask = 0;
  if (NnStatus s = ReducedAxes(ctx, input, axes, &mask); s != NnStatus::kOk) return s;
  if (!OutputShapeMatches(input, output, mask, keep_dims) || input.elements == 0) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  MeanParams p{};
  p.type = input.type;
  p.rank = input.rank;
  p.input_elements = input.elements;
  p.output_elements = output.elements;
  p.count = input.elements / output.elements;
  int32_t stride = 1;
  for (int32_t d = input.rank - 1; d >= 0; --d) {
    p.in_dims[d] = input.dims[d];
    const bool reduced = (mask >> d) & 1u;
    p.out_stride[d] = reduced ? 0 : stride;
    if (!reduced) stride *= input.dims[d];
  }
  if (input.type == TensorType::kInt8) {
    if (NnStatus s = PrepareInt8(ctx, input, output, &p); s != NnStatus::kOk) return s;
    memory->scratch_bytes = 4 * p.output_elements;
  }
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const MeanParams*>(op_data);
  if (p.type == TensorType::kFloat32) {
    MeanFloat(p, In<float>(b, 0), Out<float>(b, 0));
  } else {
    MeanInt8(p, In<int8_t>(b, 0), Out<int8_t>(b, 0), static_cast<int32_t*>(b.scratch));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kMean = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
