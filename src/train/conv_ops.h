// Convolutions on NHWC activations, split over the batch (the depthwise
// convolution is depthwise_conv_op.h). Stride 1 and dilation 1, a window
// larger than 1x1, and channel counts the direct kernels vectorise
// (direct_conv.h: 16, 32 or 64 output channels in float, 8, 16 or 32 in
// double, and input channels among those when the input gradient is
// wanted) run on those kernels on a CPU with AVX2 and FMA or AVX-512, from
// a padded copy of each image (the forward pass and input gradient of a
// 3x3 with an even output and at least 512 channel pairs as Winograd
// tiles, winograd_conv.h); the rest (all of them on other CPUs) is
// im2col + a matrix product (OpenBLAS, gemm.h), where
// with stride 1 the backward pass takes both gradients from the columns
// of dy under the turned kernel's geometry (docs/training.md) and other
// strides use x's columns and col2im.
//
//   Conv2D           x [N, H, W, C], w [OC, KH, KW, C]  -> [N, OH, OW, OC]
//   Conv1D           x [N, L, C],    w [OC, K, C]       -> [N, OL, OC]
//                    (a 2-D convolution of height 1: the same weights as
//                    .tflite's CONV_2D with a [OC, 1, K, C] filter)
// b is [output channels] or null. Weight layouts are .tflite's, so export
// copies them as they are. Window geometry (stride, dilation, same/valid
// padding) is window_geometry.h's; the kernel size in `window` must match w.
#pragma once

#include "train/autograd.h"
#include "train/window_geometry.h"

namespace mote::train {

// `geometry` is ComputeWindowGeometry(H, W, window) for this input.
template <typename T>
Var<T> Conv2D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& geometry);

// `geometry` is ComputeWindowGeometry(1, L, window) with kernel_h 1.
template <typename T>
Var<T> Conv1D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& geometry);

}  // namespace mote::train
