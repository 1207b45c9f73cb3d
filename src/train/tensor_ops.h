// Ops that move or combine values without weights: reshape (and flatten),
// the residual add, channel concatenation and dropout.
#pragma once

#include <vector>

#include "train/autograd.h"
#include "train/rng.h"

namespace mote::train {

// x's data under `shape` (same element count).
template <typename T>
Var<T> Reshape(Tape<T>& tape, const Var<T>& x, Shape shape);

// a + b, same shapes.
template <typename T>
Var<T> Add(Tape<T>& tape, const Var<T>& a, const Var<T>& b);

// Concatenation along the last axis; every input has the same leading
// dimensions. At least one input.
template <typename T>
Var<T> ConcatLastAxis(Tape<T>& tape, const std::vector<Var<T>>& inputs);

// Inverted dropout: in training, each value is zeroed with probability
// `rate` (to within 2^-17: drawn as 16-bit uniforms) and the others scaled
// by 1 / (1 - rate), drawing from `rng`; in evaluation (or with rate 0), x
// itself. 0 <= rate < 1.
template <typename T>
Var<T> Dropout(Tape<T>& tape, const Var<T>& x, double rate, bool training, Rng* rng);

}  // namespace mote::train
