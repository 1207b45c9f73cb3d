// Dense (fully connected): y[N, out] = x[N, in] * w^T + b, with w stored
// [out, in] as .tflite's FULLY_CONNECTED weights are.
#pragma once

#include "train/autograd.h"

namespace mote::train {

// x rank 2 [N, in]; w [out, in]; b [out] or null (no bias). Shapes are the
// caller's contract (checked by the model builder), asserted in debug builds.
template <typename T>
Var<T> Dense(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b);

}  // namespace mote::train
