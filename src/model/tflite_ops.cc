#include "model/tflite_ops.h"

#include <climits>

namespace mote::model {
namespace {

const std::vector<TfliteOpInfo>& Table() {
  using namespace ::mote::tflite;
  static const std::vector<TfliteOpInfo> table = {
      {OpType::kAdd, BuiltinOperator_ADD, BuiltinOptions_AddOptions, 2, 2, {}},
      {OpType::kAveragePool2D, BuiltinOperator_AVERAGE_POOL_2D, BuiltinOptions_Pool2DOptions, 1, 1, {}},
      {OpType::kCast, BuiltinOperator_CAST, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kConcatenation, BuiltinOperator_CONCATENATION, BuiltinOptions_ConcatenationOptions, 1, INT_MAX, {}},
      {OpType::kConv2D, BuiltinOperator_CONV_2D, BuiltinOptions_Conv2DOptions, 2, 3, {0, 1}},
      {OpType::kDepthwiseConv2D, BuiltinOperator_DEPTHWISE_CONV_2D, BuiltinOptions_DepthwiseConv2DOptions, 2, 3,
       {0, 1}},
      {OpType::kDequantize, BuiltinOperator_DEQUANTIZE, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kDiv, BuiltinOperator_DIV, BuiltinOptions_DivOptions, 2, 2, {}},
      {OpType::kFullyConnected, BuiltinOperator_FULLY_CONNECTED, BuiltinOptions_FullyConnectedOptions, 2, 3,
       {0, 1}},
      {OpType::kLeakyRelu, BuiltinOperator_LEAKY_RELU, BuiltinOptions_LeakyReluOptions, 1, 1, {}},
      {OpType::kLogistic, BuiltinOperator_LOGISTIC, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kMaxPool2D, BuiltinOperator_MAX_POOL_2D, BuiltinOptions_Pool2DOptions, 1, 1, {}},
      {OpType::kMaximum, BuiltinOperator_MAXIMUM, BuiltinOptions_MaximumMinimumOptions, 2, 2, {}},
      {OpType::kMean, BuiltinOperator_MEAN, BuiltinOptions_ReducerOptions, 2, 2, {}},
      {OpType::kMinimum, BuiltinOperator_MINIMUM, BuiltinOptions_MaximumMinimumOptions, 2, 2, {}},
      {OpType::kMul, BuiltinOperator_MUL, BuiltinOptions_MulOptions, 2, 2, {}},
      {OpType::kPad, BuiltinOperator_PAD, BuiltinOptions_PadOptions, 2, 2, {}},
      {OpType::kQuantize, BuiltinOperator_QUANTIZE, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kRelu, BuiltinOperator_RELU, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kRelu6, BuiltinOperator_RELU6, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kReshape, BuiltinOperator_RESHAPE, BuiltinOptions_ReshapeOptions, 1, 2, {0}},
      {OpType::kSoftmax, BuiltinOperator_SOFTMAX, BuiltinOptions_SoftmaxOptions, 1, 1, {}},
      {OpType::kStridedSlice, BuiltinOperator_STRIDED_SLICE, BuiltinOptions_StridedSliceOptions, 4, 4, {}},
      {OpType::kSub, BuiltinOperator_SUB, BuiltinOptions_SubOptions, 2, 2, {}},
      // input, weights_feature, weights_time, bias (optional), state
      {OpType::kSvdf, BuiltinOperator_SVDF, BuiltinOptions_SVDFOptions, 5, 5, {0, 1, 2, 4}},
      {OpType::kTanh, BuiltinOperator_TANH, BuiltinOptions_NONE, 1, 1, {}},
      {OpType::kTranspose, BuiltinOperator_TRANSPOSE, BuiltinOptions_TransposeOptions, 2, 2, {}},
      // input; 4 input and 4 recurrent weights; 3 peepholes; 4 biases;
      // projection weights and bias; output and cell state; 4 layer norms.
      // Without an input gate (CIFG) its weights and bias are absent.
      {OpType::kUnidirectionalSequenceLstm, BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM,
       BuiltinOptions_UnidirectionalSequenceLSTMOptions, 20, 24, {0, 2, 3, 4, 6, 7, 8, 13, 14, 15, 18, 19}},
  };
  return table;
}

}  // namespace

const TfliteOpInfo* FindTfliteOp(int32_t builtin_code) {
  for (const TfliteOpInfo& info : Table())
    if (info.code == builtin_code) return &info;
  return nullptr;
}

const TfliteOpInfo& TfliteOpFor(OpType type) {
  for (const TfliteOpInfo& info : Table())
    if (info.type == type) return info;
  return Table().front();  // unreachable for the types in the table
}

std::string SupportedTfliteOpList() {
  std::string list;
  for (const TfliteOpInfo& info : Table()) list += std::string(OpTypeName(info.type)) + ", ";
  return list + "and custom operators (kept by name)";
}

std::string TfliteBuiltinName(int32_t builtin_code) {
  if (builtin_code >= tflite::BuiltinOperator_MIN && builtin_code <= tflite::BuiltinOperator_MAX) {
    const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(builtin_code));
    if (name && *name) return name;
  }
  return "BUILTIN_" + std::to_string(builtin_code);
}

}  // namespace mote::model
