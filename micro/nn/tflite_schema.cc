#include "micro/nn/tflite_schema.h"

namespace mote::nn::tflite {

const char* BuiltinOpName(int32_t code) {
  switch (code) {
    case kAdd: return "ADD";
    case kAveragePool2d: return "AVERAGE_POOL_2D";
    case kConcatenation: return "CONCATENATION";
    case kConv2d: return "CONV_2D";
    case kDepthwiseConv2d: return "DEPTHWISE_CONV_2D";
    case kDequantize: return "DEQUANTIZE";
    case kFullyConnected: return "FULLY_CONNECTED";
    case kLogistic: return "LOGISTIC";
    case kMaxPool2d: return "MAX_POOL_2D";
    case kMul: return "MUL";
    case kRelu: return "RELU";
    case kReluN1To1: return "RELU_N1_TO_1";
    case kRelu6: return "RELU6";
    case kReshape: return "RESHAPE";
    case kSoftmax: return "SOFTMAX";
    case kSvdf: return "SVDF";
    case kTanh: return "TANH";
    case kCustom: return "CUSTOM";
    case kPad: return "PAD";
    case kTranspose: return "TRANSPOSE";
    case kMean: return "MEAN";
    case kSub: return "SUB";
    case kDiv: return "DIV";
    case kSqueeze: return "SQUEEZE";
    case kUnidirectionalSequenceLstm: return "UNIDIRECTIONAL_SEQUENCE_LSTM";
    case kStridedSlice: return "STRIDED_SLICE";
    case kCast: return "CAST";
    case kMaximum: return "MAXIMUM";
    case kMinimum: return "MINIMUM";
    case kLeakyRelu: return "LEAKY_RELU";
    case kQuantize: return "QUANTIZE";
    default: return nullptr;
  }
}

}  // namespace mote::nn::tflite
