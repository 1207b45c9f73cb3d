#include "model/op_type.h"

#include <string>

namespace mote::model {

std::string_view OpTypeName(OpType type) {
  switch (type) {
    case OpType::kAdd: return "ADD";
    case OpType::kAveragePool2D: return "AVERAGE_POOL_2D";
    case OpType::kCast: return "CAST";
    case OpType::kConcatenation: return "CONCATENATION";
    case OpType::kConv2D: return "CONV_2D";
    case OpType::kDepthwiseConv2D: return "DEPTHWISE_CONV_2D";
    case OpType::kDequantize: return "DEQUANTIZE";
    case OpType::kDiv: return "DIV";
    case OpType::kFullyConnected: return "FULLY_CONNECTED";
    case OpType::kLeakyRelu: return "LEAKY_RELU";
    case OpType::kLogistic: return "LOGISTIC";
    case OpType::kMaxPool2D: return "MAX_POOL_2D";
    case OpType::kMaximum: return "MAXIMUM";
    case OpType::kMean: return "MEAN";
    case OpType::kMinimum: return "MINIMUM";
    case OpType::kMul: return "MUL";
    case OpType::kPad: return "PAD";
    case OpType::kQuantize: return "QUANTIZE";
    case OpType::kRelu: return "RELU";
    case OpType::kRelu6: return "RELU6";
    case OpType::kReshape: return "RESHAPE";
    case OpType::kSoftmax: return "SOFTMAX";
    case OpType::kStridedSlice: return "STRIDED_SLICE";
    case OpType::kSub: return "SUB";
    case OpType::kSvdf: return "SVDF";
    case OpType::kTanh: return "TANH";
    case OpType::kTranspose: return "TRANSPOSE";
    case OpType::kUnidirectionalSequenceLstm: return "UNIDIRECTIONAL_SEQUENCE_LSTM";
    case OpType::kCustom: return "CUSTOM";
    case OpType::kUnsupported: return "UNSUPPORTED";
  }
  return "?";
}

std::string_view ActivationName(Activation a) {
  switch (a) {
    case Activation::kNone: return "none";
    case Activation::kRelu: return "relu";
    case Activation::kReluN1To1: return "relu_n1_to_1";
    case Activation::kRelu6: return "relu6";
    case Activation::kTanh: return "tanh";
    case Activation::kSignBit: return "sign_bit";
  }
  return "?";
}

std::string_view PaddingName(Padding p) { return p == Padding::kSame ? "same" : "valid"; }

OpAttributes DefaultAttributes(OpType type) {
  switch (type) {
    case OpType::kConv2D: return Conv2DAttributes{};
    case OpType::kDepthwiseConv2D: return DepthwiseConv2DAttributes{};
    case OpType::kAveragePool2D:
    case OpType::kMaxPool2D: return Pool2DAttributes{};
    case OpType::kFullyConnected: return FullyConnectedAttributes{};
    case OpType::kReshape: return ReshapeAttributes{};
    case OpType::kSoftmax: return SoftmaxAttributes{};
    case OpType::kAdd:
    case OpType::kSub:
    case OpType::kMul:
    case OpType::kDiv: return ElementwiseAttributes{};
    case OpType::kConcatenation: return ConcatenationAttributes{};
    case OpType::kMean: return ReducerAttributes{};
    case OpType::kStridedSlice: return StridedSliceAttributes{};
    case OpType::kLeakyRelu: return LeakyReluAttributes{};
    case OpType::kUnidirectionalSequenceLstm: return SequenceLstmAttributes{};
    case OpType::kSvdf: return SvdfAttributes{};
    default: return NoAttributes{};
  }
}

namespace {

using json = nlohmann::json;

json Act(Activation a) { return std::string(ActivationName(a)); }
json Pad(Padding p) { return std::string(PaddingName(p)); }

struct ToJson {
  json operator()(const NoAttributes&) const { return json::object(); }
  json operator()(const Conv2DAttributes& a) const {
    return {{"padding", Pad(a.padding)}, {"stride", {a.stride_h, a.stride_w}},
            {"dilation", {a.dilation_h, a.dilation_w}}, {"activation", Act(a.activation)}};
  }
  json operator()(const DepthwiseConv2DAttributes& a) const {
    return {{"padding", Pad(a.padding)}, {"stride", {a.stride_h, a.stride_w}},
            {"dilation", {a.dilation_h, a.dilation_w}}, {"depth_multiplier", a.depth_multiplier},
            {"activation", Act(a.activation)}};
  }
  json operator()(const Pool2DAttributes& a) const {
    return {{"padding", Pad(a.padding)}, {"stride", {a.stride_h, a.stride_w}}, {"filter", {a.filter_h, a.filter_w}},
            {"activation", Act(a.activation)}};
  }
  json operator()(const FullyConnectedAttributes& a) const {
    return {{"activation", Act(a.activation)}, {"keep_num_dims", a.keep_num_dims},
            {"asymmetric_quantize_inputs", a.asymmetric_quantize_inputs}};
  }
  json operator()(const ReshapeAttributes& a) const { return {{"new_shape", a.new_shape}}; }
  json operator()(const SoftmaxAttributes& a) const { return {{"beta", a.beta}}; }
  json operator()(const ElementwiseAttributes& a) const {
    return {{"activation", Act(a.activation)}, {"pot_scale_int16", a.pot_scale_int16}};
  }
  json operator()(const ConcatenationAttributes& a) const {
    return {{"axis", a.axis}, {"activation", Act(a.activation)}};
  }
  json operator()(const ReducerAttributes& a) const { return {{"keep_dims", a.keep_dims}}; }
  json operator()(const StridedSliceAttributes& a) const {
    return {{"begin_mask", a.begin_mask},       {"end_mask", a.end_mask},
            {"ellipsis_mask", a.ellipsis_mask}, {"new_axis_mask", a.new_axis_mask},
            {"shrink_axis_mask", a.shrink_axis_mask}, {"offset", a.offset}};
  }
  json operator()(const LeakyReluAttributes& a) const { return {{"alpha", a.alpha}}; }
  json operator()(const SequenceLstmAttributes& a) const {
    return {{"activation", Act(a.activation)},
            {"cell_clip", a.cell_clip},
            {"proj_clip", a.proj_clip},
            {"time_major", a.time_major},
            {"asymmetric_quantize_inputs", a.asymmetric_quantize_inputs},
            {"diagonal_recurrent_tensors", a.diagonal_recurrent_tensors}};
  }
  json operator()(const SvdfAttributes& a) const {
    return {{"rank", a.rank}, {"activation", Act(a.activation)},
            {"asymmetric_quantize_inputs", a.asymmetric_quantize_inputs}};
  }
};

}  // namespace

nlohmann::json AttributesToJson(const OpAttributes& attributes) { return std::visit(ToJson{}, attributes); }

}  // namespace mote::model
