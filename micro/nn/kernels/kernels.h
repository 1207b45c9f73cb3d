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
// Element-wise, shape and other builtins.
extern const OpKernel kMul;
extern const OpKernel kDiv;
extern const OpKernel kMinimum;
extern const OpKernel kMaximum;
extern const OpKernel kCast;
extern const OpKernel kStridedSlice;
extern const OpKernel kConcatenation;
extern const OpKernel kSub;
extern const OpKernel kLeakyRelu;
extern const OpKernel kPad;
extern const OpKernel kTranspose;
extern const OpKernel kLogistic;
extern const OpKernel kTanh;
extern const OpKernel kMean;
// TensorFlow Lite Micro's signal library (custom ops).
extern const OpKernel kSignalWindow;
extern const OpKernel kSignalFftAutoScale;
extern const OpKernel kSignalRfft;
extern const OpKernel kSignalEnergy;
extern const OpKernel kSignalFilterBank;
extern const OpKernel kSignalFilterBankSquareRoot;
extern const OpKernel kSignalFilterBankSpectralSubtraction;
extern const OpKernel kSignalPcan;
extern const OpKernel kSignalFilterBankLog;

}  // namespace mote::nn::kernels
