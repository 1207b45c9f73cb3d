#include "micro/nn/kernels/fully_connected.h"

#include "micro/nn/kernels/dot_rows.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/kernels/requantize.h"

namespace mote::nn {

void FullyConnectedInt8(const FullyConnectedParams& p, const int32_t* multipliers, const int8_t* shifts,
                        const int8_t* input, const int8_t* filter, const int32_t* bias,
                        int8_t* output) {
  const bool per_tensor = p.channels == 1;
  const OutputStage stage(multipliers, shifts, p.short_form, p.output_offset, p.act_min, p.act_max);
  const OutputStage::Channel first = stage.channel(0);  // every row's, per tensor
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = input + static_cast<size_t>(b) * p.depth;
    int8_t* out = output + static_cast<size_t>(b) * p.output_depth;
    DotRows(filter, p.output_depth, p.depth, x, p.input_offset, [&](int32_t o, int32_t acc) {
      const int32_t sum = bias ? WrappingAdd(acc, bias[o]) : acc;
      out[o] = per_tensor ? stage.Output(sum, first) : stage(sum, o);
    });
  }
}

namespace {

// A row's sum plus its bias, clamped, as TensorFlow Lite finishes it.
inline float FinishFloat(const FullyConnectedParams& p, float total, const float* bias, int32_t o) {
  const float v = total + (bias ? bias[o] : 0.0f);
  const float low = v < p.float_act_min ? p.float_act_min : v;
  return low > p.float_act_max ? p.float_act_max : low;
}

}  // namespace

// Four rows a pass, each element of x loaded once for the four; every row
// is still summed from d = 0 upwards, one rounding per product and per
// addition, so the floats are TensorFlow Lite's own.
void FullyConnectedFloat(const FullyConnectedParams& p, const float* input, const float* filter, const float* bias,
                         float* output) {
  const int32_t depth = p.depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* x = input + static_cast<size_t>(b) * depth;
    float* out = output + static_cast<size_t>(b) * p.output_depth;
    int32_t o = 0;
    for (; o + 4 <= p.output_depth; o += 4) {
      const float* f0 = filter + static_cast<size_t>(o) * depth;
      const float* f1 = f0 + depth;
      const float* f2 = f1 + depth;
      const float* f3 = f2 + depth;
      float t0 = 0.0f, t1 = 0.0f, t2 = 0.0f, t3 = 0.0f;
      auto step = [&](int32_t d) {
        const float v = x[d];
        t0 += v * f0[d];
        t1 += v * f1[d];
        t2 += v * f2[d];
        t3 += v * f3[d];
      };
      int32_t d = 0;
      for (; d + 2 <= depth; d += 2) {  // two steps a pass: half the loop's own instructions
        step(d);
        step(d + 1);
      }
      if (d < depth) step(d);
      out[o] = FinishFloat(p, t0, bias, o);
      out[o + 1] = FinishFloat(p, t1, bias, o + 1);
      out[o + 2] = FinishFloat(p, t2, bias, o + 2);
      out[o + 3] = FinishFloat(p, t3, bias, o + 3);
    }
    for (; o < p.output_depth; ++o) {
      const float* f = filter + static_cast<size_t>(o) * depth;
      float total = 0.0f;
      int32_t d = 0;
      for (; d + 4 <= depth; d += 4) {
        total += x[d] * f[d];
        total += x[d + 1] * f[d + 1];
        total += x[d + 2] * f[d + 2];
        total += x[d + 3] * f[d + 3];
      }
      for (; d < depth; ++d) total += x[d] * f[d];
      out[o] = FinishFloat(p, total, bias, o);
    }
  }
}

namespace kernels {
namespace {

using tflite::TensorType;
using Layout = ChannelLayout<FullyConnectedParams>;

// Channels of multipliers the op data holds: 1 for a per-tensor filter.
int32_t ChannelCount(const TensorView& filter) { return filter.scales.size() > 1 ? filter.dims[0] : 1; }

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  WeightedTensors w;
  if (NnStatus s = ReadWeightedTensors(ctx, &w); s != NnStatus::kOk) return s;
  const TensorView &input = w.input, &filter = w.filter, &bias = w.bias, &output = w.output;
  const bool has_bias = w.has_bias;
  fb::Table options;
  if (NnStatus s = ctx.Options(tflite::kFullyConnectedOptions, &options); s != NnStatus::kOk) return s;
  tflite::Activation activation;
  if (NnStatus s = ReadActivation(ctx, options, tflite::fully_connected_options::kActivation, &activation);
      s != NnStatus::kOk) {
    return s;
  }
  int8_t weights_format = 0;
  if (!options.Scalar<int8_t>(tflite::fully_connected_options::kWeightsFormat, 0, &weights_format) ||
      weights_format != 0) {
    return ctx.Fail(NnStatus::kBadOptions, "FullyConnectedOptions.weights_format");
  }
  if (NnStatus s = RequireRank(ctx, filter, 2); s != NnStatus::kOk) return s;

  FullyConnectedParams p{};
  p.type = input.type;
  p.depth = filter.dims[1];
  p.output_depth = filter.dims[0];
  p.batches = static_cast<int32_t>(input.elements / static_cast<uint32_t>(p.depth));
  if (input.elements % static_cast<uint32_t>(p.depth) != 0 ||
      output.elements != static_cast<uint32_t>(p.batches) * static_cast<uint32_t>(p.output_depth) ||
      output.dim(-1) != p.output_depth) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  if (has_bias && bias.elements != static_cast<uint32_t>(p.output_depth)) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", bias.index);
  }
  const TensorType bias_type = input.type == TensorType::kInt8 ? TensorType::kInt32 : input.type;
  if (input.type != TensorType::kInt8 && input.type != TensorType::kFloat32) {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  for (const TensorView* t : {&filter, &output}) {
    if (NnStatus s = RequireType(ctx, *t, input.type); s != NnStatus::kOk) return s;
  }
  if (has_bias) {
    if (NnStatus s = RequireType(ctx, bias, bias_type); s != NnStatus::kOk) return s;
  }
  if (input.type == TensorType::kFloat32) {
    if (NnStatus s = FloatRange(ctx, activation, &p.float_act_min, &p.float_act_max); s != NnStatus::kOk) return s;
    return KeepParams(p, op_data, memory);
  }
  const int32_t channels = ChannelCount(filter);
  p.channels = channels;
  if (NnStatus s = ChannelMultipliers(ctx, input, filter, output, channels, 0, nullptr, nullptr); s != NnStatus::kOk) {
    return s;
  }
  p.input_offset = -input.zero_point();
  p.output_offset = output.zero_point();
  if (NnStatus s = Int8ActivationRange(ctx, activation, output, &p.act_min, &p.act_max); s != NnStatus::kOk) return s;
  memory->persistent_bytes = Layout::bytes(channels);
  if (!op_data) return NnStatus::kOk;
  *static_cast<FullyConnectedParams*>(op_data) = p;
  int32_t* multipliers = DataAt<int32_t>(op_data, Layout::kMultipliers);
  int8_t* shifts = DataAt<int8_t>(op_data, Layout::shifts(channels));
  if (NnStatus s = ChannelMultipliers(ctx, input, filter, output, channels, 0, multipliers, shifts);
      s != NnStatus::kOk) {
    return s;
  }
  if (channels == 1) {  // TensorFlow Lite rounds the per-tensor scale product to float first
    int shift = 0;
    QuantizeMultiplier(PerTensorRescale(input.scale(), filter.scale(), output.scale()), &multipliers[0], &shift);
    shifts[0] = static_cast<int8_t>(shift);
  }
  // A bias computed at run time could be anything: only constant ones let
  // the short form be chosen here, once.
  if (!has_bias || bias.is_constant()) {
    const auto* bias_data = has_bias ? static_cast<const int32_t*>(static_cast<const void*>(bias.const_data)) : nullptr;
    static_cast<FullyConnectedParams*>(op_data)->short_form = OutputStage::ShortFormHolds(
        multipliers, shifts, channels, bias_data, p.output_depth, Int8SumBound(p.depth), p.output_offset);
  }
  return NnStatus::kOk;
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const FullyConnectedParams*>(op_data);
  if (p.type == TensorType::kFloat32) {
    FullyConnectedFloat(p, In<float>(b, 0), In<float>(b, 1), In<float>(b, 2), Out<float>(b, 0));
    return NnStatus::kOk;
  }
  FullyConnectedInt8(p, DataAt<int32_t>(op_data, Layout::kMultipliers), DataAt<int8_t>(op_data, Layout::shifts(p.channels)),
                     In<int8_t>(b, 0), In<int8_t>(b, 1), In<int32_t>(b, 2), Out<int8_t>(b, 0));
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kFullyConnected = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
