// Activations, elementwise (softmax over the last axis). Each returns a new
// variable of x's shape.
#pragma once

#include "train/autograd.h"

namespace mote::train {

enum class Activation { kRelu, kRelu6, kLeakyRelu, kSigmoid, kTanh };

// `alpha` is leaky relu's slope for x < 0 (ignored by the others).
template <typename T>
Var<T> Activate(Tape<T>& tape, const Var<T>& x, Activation activation, double alpha = 0.2);

// exp(x - max) / sum(exp(x - max)) over the last axis.
template <typename T>
Var<T> Softmax(Tape<T>& tape, const Var<T>& x);

}  // namespace mote::train
