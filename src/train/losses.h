// Losses: each returns a variable holding one value, the mean over the
// batch, ready for Tape::Backward().
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "train/autograd.h"

namespace mote::train {

struct CrossEntropyOptions {
  // The target puts 1 - smoothing on the label and smoothing / K on every
  // class (Keras's and PyTorch's label_smoothing). In [0, 1).
  double label_smoothing = 0;
  // Per-class weights (empty: all 1). Each sample's loss is multiplied by
  // its label's weight and the batch mean divides by the sum of the
  // weights, as PyTorch's CrossEntropyLoss(weight=...) does.
  std::vector<double> class_weights{};
};

// Softmax cross-entropy of logits [N, K] against integer labels (N values
// in [0, K)), computed stably from the logits (log-sum-exp).
template <typename T>
Var<T> SoftmaxCrossEntropy(Tape<T>& tape, const Var<T>& logits, std::span<const int32_t> labels,
                           const CrossEntropyOptions& options = {});

// Mean over every element of (prediction - target)^2; shapes match.
template <typename T>
Var<T> MeanSquaredError(Tape<T>& tape, const Var<T>& prediction, const Tensor<T>& target);

}  // namespace mote::train
