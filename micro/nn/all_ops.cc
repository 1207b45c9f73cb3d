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
};

constexpr OpResolver kAllOpsResolver(kAllOps, sizeof kAllOps / sizeof kAllOps[0]);

}  // namespace

const OpResolver& AllOps() { return kAllOpsResolver; }

}  // namespace mote::nn
