// Batch normalization over the last (channel) axis of x [..., C]:
//   y = gamma * (x - mean) / sqrt(var + epsilon) + beta.
// Training mode normalizes with the batch's mean and (biased) variance over
// every other axis, backpropagates through them, and moves the running
// statistics: running = momentum * running + (1 - momentum) * batch, the
// running variance taking the unbiased batch variance (Keras's momentum
// convention; PyTorch's momentum is 1 - this one). Evaluation mode
// normalizes with the running statistics (an affine map, as exported).
#pragma once

#include "train/autograd.h"

namespace mote::train {

struct BatchNormOptions {
  bool training = true;
  double momentum = 0.99;
  double epsilon = 1e-3;
};

// gamma, beta [C]. running_mean, running_var [C] (not owned) are read in
// evaluation mode and updated in training mode, during the call only.
template <typename T>
Var<T> BatchNorm(Tape<T>& tape, const Var<T>& x, const Var<T>& gamma, const Var<T>& beta, Tensor<T>* running_mean,
                 Tensor<T>* running_var, const BatchNormOptions& options);

}  // namespace mote::train
