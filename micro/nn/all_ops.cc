#include "micro/nn/kernel.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

constexpr OpRegistration kAllOps[] = {
    {tflite::kConv2d, nullptr, "CONV_2D", &kernels::kConv2d},
    {tflite::kDepthwiseConv2d, nullptr, "DEPTHWISE_CONV_2D", &kernels::kDepthwiseConv2d},
    {tflite::kFullyConnected, nullptr, "FULLY_CONNECTED", &kernels::kFullyConnected},
    {tflite::kAveragePool2d, nullptr, "AVERAGE_POOL_2D", &kernels::kAveragePool2d},
    {tflite::kMaxPool2d, nullptr, "MAX_POOL_2D", &kernels::kMaxPool2d},
    {tflite::kSoftmax, nullptr, "SOFTMAX", &kernels::kSoftmax},
    {tflite::kAdd, nullptr, "ADD", &kernels::kAdd},
    {tflite::kReshape, nullptr, "RESHAPE", &kernels::kReshape},
    {tflite::kQuantize, nullptr, "QUANTIZE", &kernels::kQuantize},
    {tflite::kDequantize, nullptr, "DEQUANTIZE", &kernels::kDequantize},
    {tflite::kRelu, nullptr, "RELU", &kernels::kRelu},
    {tflite::kRelu6, nullptr, "RELU6", &kernels::kRelu6},
    {tflite::kSvdf, nullptr, "SVDF", &kernels::kSvdf},
    {tflite::kUnidirectionalSequenceLstm, nullptr, "UNIDIRECTIONAL_SEQUENCE_LSTM", &kernels::kUnidirectionalSequenceLstm},
    {tflite::kMul, nullptr, "MUL", &kernels::kMul},
    {tflite::kDiv, nullptr, "DIV", &kernels::kDiv},
    {tflite::kMinimum, nullptr, "MINIMUM", &kernels::kMinimum},
    {tflite::kMaximum, nullptr, "MAXIMUM", &kernels::kMaximum},
    {tflite::kCast, nullptr, "CAST", &kernels::kCast},
    {tflite::kStridedSlice, nullptr, "STRIDED_SLICE", &kernels::kStridedSlice},
    {tflite::kConcatenation, nullptr, "CONCATENATION", &kernels::kConcatenation},
    {tflite::kSub, nullptr, "SUB", &kernels::kSub},
    {tflite::kLeakyRelu, nullptr, "LEAKY_RELU", &kernels::kLeakyRelu},
    {tflite::kPad, nullptr, "PAD", &kernels::kPad},
    {tflite::kTranspose, nullptr, "TRANSPOSE", &kernels::kTranspose},
    {tflite::kLogistic, nullptr, "LOGISTIC", &kernels::kLogistic},
    {tflite::kTanh, nullptr, "TANH", &kernels::kTanh},
    {tflite::kMean, nullptr, "MEAN", &kernels::kMean},
    {tflite::kCustom, "SignalWindow", "SignalWindow", &kernels::kSignalWindow},
    {tflite::kCustom, "SignalFftAutoScale", "SignalFftAutoScale", &kernels::kSignalFftAutoScale},
    {tflite::kCustom, "SignalRfft", "SignalRfft", &kernels::kSignalRfft},
    {tflite::kCustom, "SignalEnergy", "SignalEnergy", &kernels::kSignalEnergy},
    {tflite::kCustom, "SignalFilterBank", "SignalFilterBank", &kernels::kSignalFilterBank},
    {tflite::kCustom, "SignalFilterBankSquareRoot", "SignalFilterBankSquareRoot",
     &kernels::kSignalFilterBankSquareRoot},
    {tflite::kCustom, "SignalFilterBankSpectralSubtraction", "SignalFilterBankSpectralSubtraction",
     &kernels::kSignalFilterBankSpectralSubtraction},
    {tflite::kCustom, "SignalPCAN", "SignalPCAN", &kernels::kSignalPcan},
    {tflite::kCustom, "SignalFilterBankLog", "SignalFilterBankLog", &kernels::kSignalFilterBankLog},
};

constexpr OpResolver kAllOpsResolver(kAllOps, sizeof kAllOps / sizeof kAllOps[0]);

}  // namespace

const OpResolver& AllOps() { return kAllOpsResolver; }

}  // namespace mote::nn
