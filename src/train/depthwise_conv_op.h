// The depthwise convolution on NHWC activations, with its backward pass:
//
//   DepthwiseConv2D  x [N, H, W, C], w [1, KH, KW, C*M] -> [N, OH, OW, C*M]
//
// output channel c*M + m reads input channel c (M is the depth
// multiplier), as .tflite's DEPTHWISE_CONV_2D; b is [C*M] or null. Window
// geometry (stride, dilation, same/valid padding) is window_geometry.h's;
// the kernel size in `geometry` must match w.
//
// Computed directly rather than through im2col (each output channel has
// its own KH*KW weights, too few for a matrix product): per pixel, the
// in-bounds taps are listed once and blocks of channels are summed in
// registers. The input gradient is gathered per input pixel (the taps that
// read it), so each element is written once, without zero-filling. Work is
// split over the batch; the weight and bias gradients go through
// ShardPartials.
#pragma once

#include "train/autograd.h"
#include "train/window_geometry.h"

namespace mote::train {

// `geometry` is ComputeWindowGeometry(H, W, window) for this input.
template <typename T>
Var<T> DepthwiseConv2D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b,
                       const WindowGeometry& geometry);

}  // namespace mote::train
