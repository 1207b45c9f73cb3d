// Batch normalization over the last (channel) axis of x [..., C]:
//   y = gamma * (x - mean) / sqrt(var + epsilon) + beta.
// Training mode normalizes with the batch's mean and (biased) variance over
// every other axis, backpropagates through them, and moves the running
// statistics: running = momentum * running + (1 - momentum) * batch, the
// running variance taking the unbiased batch variance (Keras's momentum
// convention; PyTorch's momentum is 1 - this one). Evaluation mode
// normalizes with the running statistics (an affine map, as exported).
//
// A relu or relu6 that follows can run in the same op (`clamp`): the output
// is then min(max(y, 0), 6 for relu6), and the gradient is masked where the
// clamp cut. The model fuses them so that the pair makes one pass over
// memory forward and two backward instead of three and four.
//
// Work is split over rows (thread_pool.h); the statistics and the gamma
// and beta gradients are summed in double, per shard and then in shard
// order, so results depend on the thread count only.
#pragma once

#include "train/autograd.h"

namespace mote::train {

enum class BatchNormClamp { kNone, kRelu, kRelu6 };

struct BatchNormOptions {
  bool training = true;
  double momentum = 0.99;
  double epsilon = 1e-3;
  BatchNormClamp clamp = BatchNormClamp::kNone;
};

// gamma, beta [C]. running_mean, running_var [C] (not owned) are read in
// evaluation mode and updated in training mode, during the call only.
template <typename T>
Var<T> BatchNorm(Tape<T>& tape, const Var<T>& x, const Var<T>& gamma, const Var<T>& beta, Tensor<T>* running_mean,
                 Tensor<T>* running_var, const BatchNormOptions& options);

}  // namespace mote::train
