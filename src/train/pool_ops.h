// Pooling on NHWC activations ([N, H, W, C]; [N, L, C] for 1-D signals,
// pooled as height 1). Padded cells take no part: a max ignores them and
// an average divides by the number of real cells under the window, as
// .tflite's MAX_POOL_2D and AVERAGE_POOL_2D do.
#pragma once

#include "train/autograd.h"
#include "train/window_geometry.h"

namespace mote::train {

// `geometry` is ComputeWindowGeometry(H, W, window) (H = 1 for rank 3);
// dilation must be 1. The result has x's rank.
template <typename T>
Var<T> MaxPool(Tape<T>& tape, const Var<T>& x, const WindowGeometry& geometry);
template <typename T>
Var<T> AveragePool(Tape<T>& tape, const Var<T>& x, const WindowGeometry& geometry);

// The mean over every axis but the first and the last: [N, ..., C] -> [N, C].
template <typename T>
Var<T> GlobalAveragePool(Tape<T>& tape, const Var<T>& x);

}  // namespace mote::train
