// The reference kernels micro/nn registers (see kernel.h for the interface).
#pragma once

#include "micro/nn/kernel.h"

namespace mote::nn::kernels {

extern const OpKernel kConv2d;
extern const OpKernel kDepthwiseConv2d;
extern const OpKernel kFullyConnected;
extern const OpKernel kAveragePool2d;
extern const OpKernel kMaxPool2d;
extern const OpKernel kSoftmax;
extern const OpKernel kAdd;
extern const OpKernel kReshape;
extern const OpKernel kQuantize;
extern const OpKernel kDequantize;
extern const OpKernel kRelu;
extern const OpKernel kRelu6;
// Recurrent ops.
extern const OpKernel kSvdf;
extern const OpKernel kUnidirectionalSequenceLstm;

}  // namespace mote::nn::kernels
