// Optimizers: update parameters from their gradients, in float.
//
//   SGD    v = momentum * v + g;  p -= lr * (nesterov ? g + momentum * v : v)
//          (PyTorch's form: without momentum, p -= lr * g)
//   Adam   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//          p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
//   AdamW  Adam, and first p -= lr * weight_decay * p (decoupled decay)
// L2 regularisation (`l2` > 0) adds l2 * p to g before the update, for the
// parameters marked `decay` (weights, not biases or batch-norm parameters):
// the gradient of (l2 / 2) * |p|^2 added to the loss. AdamW's weight_decay
// also applies to decay parameters only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "train/autograd.h"
#include "train/parameter.h"

namespace mote::train {

enum class OptimizerKind { kSgd, kAdam, kAdamW };
std::string_view OptimizerKindName(OptimizerKind kind);  // "sgd", "adam", "adamw"

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::kAdam;
  double momentum = 0;       // sgd
  bool nesterov = false;     // sgd, needs momentum > 0
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;  // adam, adamw (Keras's epsilon)
  double weight_decay = 0;   // adamw's decoupled decay
  double l2 = 0;             // coupled L2 regularisation, any optimizer
};

class Optimizer {
 public:
  // `params` must stay alive (the optimizer keeps their variables).
  Optimizer(std::vector<Parameter> params, OptimizerOptions options);

  // One update of every parameter with a gradient, at learning rate `lr`.
  // Parameters without a gradient (unused this step) are left as they are.
  void Step(double lr);
  // Clears the parameters' gradients (before the next forward pass).
  void ZeroGrad();

  int64_t steps() const { return steps_; }

  // The optimizer's own state (momenta, step count), for checkpoints.
  struct State {
    std::vector<std::vector<float>> first, second;
    int64_t steps = 0;
  };
  State state() const { return {first_, second_, steps_}; }
  // InvalidArgument when `state` is not shaped as this optimizer's own.
  Status Restore(State state);
  const std::vector<Parameter>& params() const { return params_; }

 private:
  std::vector<Parameter> params_;
  OptimizerOptions options_;
  // Per parameter: SGD's velocity or Adam's first moment, Adam's second.
  std::vector<std::vector<float>> first_, second_;
  int64_t steps_ = 0;
};

}  // namespace mote::train
