// Prepare and invoke glue of CONV_2D and DEPTHWISE_CONV_2D (int8 per-channel
// and float32).
#include "micro/nn/kernels/conv.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn::kernels {

namespace {

using Layout = ChannelLayout<ConvParams>;
using tflite::TensorType;

struct ConvOptions {
  tflite::Padding padding;
  int32_t stride_w, stride_h, dilation_w, dilation_h;
  tflite::Activation activation;
};

NnStatus ReadConvOptions(const OpContext& ctx, bool depthwise, ConvOptions* o) {
  fb::Table t;
  if (NnStatus s = ctx.Options(depthwise ? tflite::kDepthwiseConv2DOptions : tflite::kConv2DOptions, &t);
      s != NnStatus::kOk) {
    return s;
  }
  namespace c = tflite::conv2d_options;
  namespace d = tflite::depthwise_options;
  int8_t padding = 0;
  bool ok = t.Scalar<int8_t>(depthwise ? d::kPadding : c::kPadding, 0, &padding) &&
            t.Scalar<int32_t>(depthwise ? d::kStrideW : c::kStrideW, 0, &o->stride_w) &&
            t.Scalar<int32_t>(depthwise ? d::kStrideH : c::kStrideH, 0, &o->stride_h) &&
            t.Scalar<int32_t>(depthwise ? d::kDilationW : c::kDilationW, 1, &o->dilation_w) &&
            t.Scalar<int32_t>(depthwise ? d::kDilationH : c::kDilationH, 1, &o->dilation_h);
  if (!ok) return ctx.Fail(NnStatus::kCorrupt, "Conv2DOptions");
  o->padding = static_cast<tflite::Padding>(padding);
  return ReadActivation(ctx, t, depthwise ? d::kActivation : c::kActivation, &o->activation);
}

NnStatus PrepareConvLike(const OpContext& ctx, bool depthwise, void* op_data, OpMemory* memory) {
  WeightedTensors w;
  if (NnStatus s = ReadWeightedTensors(ctx, &w); s != NnStatus::kOk) return s;
  const TensorView &input = w.input, &filter = w.filter, &bias = w.bias, &output = w.output;
  const bool has_bias = w.has_bias;
  for (const TensorView* t : {&input, &filter, &output}) {
    if (NnStatus s = RequireRank(ctx, *t, 4); s != NnStatus::kOk) return s;
  }
  ConvOptions o;
  if (NnStatus s = ReadConvOptions(ctx, depthwise, &o); s != NnStatus::kOk) return s;

  ConvParams p{};
  p.type = input.type;
  p.batches = input.dims[0];
  p.input_h = input.dims[1];
  p.input_w = input.dims[2];
  p.input_c = input.dims[3];
  p.output_h = output.dims[1];
  p.output_w = output.dims[2];
  p.output_c = output.dims[3];
  p.filter_h = filter.dims[1];
  p.filter_w = filter.dims[2];
  p.filter_c = filter.dims[3];
  p.stride_h = o.stride_h;
  p.stride_w = o.stride_w;
  p.dilation_h = o.dilation_h;
  p.dilation_w = o.dilation_w;
  bool shapes_ok = output.dims[0] == p.batches;
  if (depthwise) {
    shapes_ok = shapes_ok && filter.dims[0] == 1 && p.filter_c == p.output_c && p.output_c % p.input_c == 0;
    p.depth_multiplier = p.output_c / p.input_c;
  } else {
    shapes_ok = shapes_ok && filter.dims[0] == p.output_c && p.input_c % p.filter_c == 0 &&
                p.output_c % (p.input_c / p.filter_c) == 0;
    p.depth_multiplier = 1;
  }
  if (!shapes_ok) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", filter.index);
  Window wy, wx;
  if (!ComputeWindow(o.padding, p.input_h, p.filter_h, p.stride_h, p.dilation_h, &wy) ||
      !ComputeWindow(o.padding, p.input_w, p.filter_w, p.stride_w, p.dilation_w, &wx)) {
    return ctx.Fail(NnStatus::kBadOptions, "padding/stride/dilation");
  }
  if (wy.out != p.output_h || wx.out != p.output_w) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  p.pad_h = wy.pad;
  p.pad_w = wx.pad;
  if (has_bias && bias.elements != static_cast<uint32_t>(p.output_c)) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", bias.index);
  }

  if (input.type == TensorType::kInt8) {
    for (const TensorView* t : {&filter, &output}) {
      if (NnStatus s = RequireType(ctx, *t, TensorType::kInt8); s != NnStatus::kOk) return s;
    }
    if (has_bias) {
      if (NnStatus s = RequireType(ctx, bias, TensorType::kInt32); s != NnStatus::kOk) return s;
    }
    if (NnStatus s = ChannelMultipliers(ctx, input, filter, output, p.output_c, depthwise ? 3 : 0, nullptr, nullptr);
        s != NnStatus::kOk) {
      return s;
    }
    p.input_offset = -input.zero_point();
    p.output_offset = output.zero_point();
    if (NnStatus s = Int8ActivationRange(ctx, o.activation, output, &p.act_min, &p.act_max); s != NnStatus::kOk) {
      return s;
    }
    memory->persistent_bytes = Layout::bytes(p.output_c);
    memory->scratch_bytes = depthwise ? DepthwiseConvInt8ScratchBytes(p) : ConvInt8ScratchBytes(p);
    if (!op_data) return NnStatus::kOk;
    *static_cast<ConvParams*>(op_data) = p;
    return ChannelMultipliers(ctx, input, filter, output, p.output_c, depthwise ? 3 : 0,
                              DataAt<int32_t>(op_data, Layout::kMultipliers),
                              DataAt<int8_t>(op_data, Layout::shifts(p.output_c)));
  }
  if (input.type == TensorType::kFloat32) {
    for (const TensorView* t : {&filter, &output}) {
      if (NnStatus s = RequireType(ctx, *t, TensorType::kFloat32); s != NnStatus::kOk) return s;
    }
    if (has_bias) {
      if (NnStatus s = RequireType(ctx, bias, TensorType::kFloat32); s != NnStatus::kOk) return s;
    }
    if (NnStatus s = FloatRange(ctx, o.activation, &p.float_act_min, &p.float_act_max); s != NnStatus::kOk) return s;
    return KeepParams(p, op_data, memory);
  }
  return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
}

NnStatus PrepareConv(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareConvLike(ctx, false, op_data, memory);
}
NnStatus PrepareDepthwise(const OpContext& ctx, void* op_data, OpMemory* memory) {
  return PrepareConvLike(ctx, true, op_data, memory);
}

NnStatus InvokeConv(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const ConvParams*>(op_data);
  if (p.type == TensorType::kInt8) {
    ConvInt8(p, DataAt<int32_t>(op_data, Layout::kMultipliers), DataAt<int8_t>(op_data, Layout::shifts(p.output_c)),
             In<int8_t>(b, 0), In<int8_t>(b, 1), In<int32_t>(b, 2), Out<int8_t>(b, 0), static_cast<int16_t*>(b.scratch));
  } else {
    ConvFloat(p, In<float>(b, 0), In<float>(b, 1), In<float>(b, 2), Out<float>(b, 0));
  }
  return NnStatus::kOk;
}

NnStatus InvokeDepthwise(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const ConvParams*>(op_data);
  if (p.type == TensorType::kInt8) {
    DepthwiseConvInt8(p, DataAt<int32_t>(op_data, Layout::kMultipliers),
                      DataAt<int8_t>(op_data, Layout::shifts(p.output_c)), In<int8_t>(b, 0), In<int8_t>(b, 1),
                      In<int32_t>(b, 2), Out<int8_t>(b, 0), static_cast<int32_t*>(b.scratch));
  } else {
    DepthwiseConvFloat(p, In<float>(b, 0), In<float>(b, 1), In<float>(b, 2), Out<float>(b, 0));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kConv2d = {PrepareConv, InvokeConv};
const OpKernel kDepthwiseConv2d = {PrepareDepthwise, InvokeDepthwise};

}  // namespace mote::nn::kernels
