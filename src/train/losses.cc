#include "train/losses.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace mote::train {

template <typename T>
Var<T> SoftmaxCrossEntropy(Tape<T>& tape, const Var<T>& logits, std::span<const int32_t> labels,
                           const CrossEntropyOptions& options) {
  const int64_t n = logits->value.dim(0), k = logits->value.dim(-1);
  assert(static_cast<int64_t>(labels.size()) == n);
  const double eps = options.label_smoothing;
  // d(loss)/d(logits), filled here because it falls out of the softmax.
  Tensor<T> dlogits(logits->value.shape());
  double loss = 0, weight_sum = 0;
  std::vector<double> sample_weight(n);
  for (int64_t i = 0; i < n; ++i) {
    sample_weight[i] = options.class_weights.empty() ? 1.0 : options.class_weights[labels[i]];
    weight_sum += sample_weight[i];
  }
  for (int64_t i = 0; i < n; ++i) {
    const T* z = logits->value.data() + i * k;
    const double max = *std::max_element(z, z + k);
    double sum = 0;
    for (int64_t j = 0; j < k; ++j) sum += std::exp(z[j] - max);
    const double log_sum = max + std::log(sum);
    const double w = sample_weight[i] / weight_sum;
    for (int64_t j = 0; j < k; ++j) {
      const double target = (j == labels[i] ? 1 - eps : 0) + eps / k;
      const double log_p = z[j] - log_sum;
      loss -= w * target * log_p;
      dlogits[i * k + j] = static_cast<T>(w * (std::exp(log_p) - target));
    }
  }
  Var<T> result = MakeVar(Tensor<T>({1}, static_cast<T>(loss)), logits->requires_grad);
  if (result->requires_grad) {
    tape.Record([logits, result, dlogits = std::move(dlogits)] {
      T* dx = logits->MutableGrad();
      const T g = result->grad[0];
      for (int64_t i = 0; i < dlogits.size(); ++i) dx[i] += g * dlogits[i];
    });
  }
  return result;
}

template <typename T>
Var<T> MeanSquaredError(Tape<T>& tape, const Var<T>& prediction, const Tensor<T>& target) {
  assert(prediction->value.shape() == target.shape());
  const int64_t n = target.size();
  double loss = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double d = prediction->value[i] - target[i];
    loss += d * d;
  }
  Var<T> result = MakeVar(Tensor<T>({1}, static_cast<T>(loss / n)), prediction->requires_grad);
  if (result->requires_grad) {
    tape.Record([prediction, result, target, n] {
      T* dx = prediction->MutableGrad();
      const T g = result->grad[0] * T(2) / static_cast<T>(n);
      for (int64_t i = 0; i < n; ++i) dx[i] += g * (prediction->value[i] - target[i]);
    });
  }
  return result;
}

#define MOTE_INSTANTIATE_LOSSES(T)                                                                          \
  template Var<T> SoftmaxCrossEntropy(Tape<T>&, const Var<T>&, std::span<const int32_t>,                    \
                                      const CrossEntropyOptions&);                                          \
  template Var<T> MeanSquaredError(Tape<T>&, const Var<T>&, const Tensor<T>&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_LOSSES)

}  // namespace mote::train
