#include "train/activation_ops.h"

#include <algorithm>
#include <cmath>

namespace mote::train {
namespace {

// Runs forward(x) -> y elementwise and records dx += dy * derivative(x, y).
template <typename T, typename Forward, typename Derivative>
Var<T> Elementwise(Tape<T>& tape, const Var<T>& x, Forward forward, Derivative derivative) {
  Tensor<T> y = Tensor<T>::Uninitialized(x->value.shape());
  const T* __restrict xp = x->value.data();
  T* __restrict yp = y.data();
  const int64_t n = y.size();
  for (int64_t i = 0; i < n; ++i) yp[i] = forward(xp[i]);
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result, derivative] {
      if (!result->has_grad()) return;
      const T* __restrict dy = result->grad.data();
      const T* __restrict xv = x->value.data();
      const T* __restrict yv = result->value.data();
      AddToGrad(*x, [=](int64_t i) { return dy[i] * derivative(xv[i], yv[i]); });
    });
  }
  return result;
}

}  // namespace

template <typename T>
Var<T> Activate(Tape<T>& tape, const Var<T>& x, Activation activation, double alpha) {
  const T a = static_cast<T>(alpha);
  switch (activation) {
    // Branch-free forms: activations' signs are random, so branches would
    // mispredict half the time.
    case Activation::kRelu:
      return Elementwise(tape, x, [](T v) { return std::max(v, T(0)); }, [](T v, T) { return T(v > 0); });
    case Activation::kRelu6:
      return Elementwise(
          tape, x, [](T v) { return std::min(std::max(v, T(0)), T(6)); },
          [](T v, T) { return T((v > 0) & (v < 6)); });
    case Activation::kLeakyRelu:
      return Elementwise(
          tape, x, [a](T v) { return std::max(v, T(0)) + a * std::min(v, T(0)); },
          [a](T v, T) { return T(v > 0) + a * T(v <= 0); });
    case Activation::kSigmoid:
      return Elementwise(
          tape, x, [](T v) { return T(1) / (T(1) + std::exp(-v)); }, [](T, T y) { return y * (T(1) - y); });
    case Activation::kTanh:
      return Elementwise(tape, x, [](T v) { return std::tanh(v); }, [](T, T y) { return T(1) - y * y; });
  }
  return x;
}

template <typename T>
Var<T> Softmax(Tape<T>& tape, const Var<T>& x) {
  const int64_t k = x->value.dim(-1), rows = x->value.size() / k;
  Tensor<T> y = Tensor<T>::Uninitialized(x->value.shape());
  const T* xp = x->value.data();
  for (int64_t r = 0; r < rows; ++r) {
    const T* in = xp + r * k;
    T* out = y.data() + r * k;
    const T max = *std::max_element(in, in + k);
    T sum = 0;
    for (int64_t i = 0; i < k; ++i) sum += out[i] = std::exp(in[i] - max);
    for (int64_t i = 0; i < k; ++i) out[i] /= sum;
  }
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result, k, rows] {
      if (!result->has_grad()) return;
      T* dx = x->MutableGrad();
      const T* dy = result->grad.data();
      const T* yv = result->value.data();
      for (int64_t r = 0; r < rows; ++r) {
        T dot = 0;
        for (int64_t i = 0; i < k; ++i) dot += dy[r * k + i] * yv[r * k + i];
        for (int64_t i = 0; i < k; ++i) dx[r * k + i] += yv[r * k + i] * (dy[r * k + i] - dot);
      }
    });
  }
  return result;
}

#define MOTE_INSTANTIATE_ACTIVATION(T)                                       \
  template Var<T> Activate(Tape<T>&, const Var<T>&, Activation, double); \
  template Var<T> Softmax(Tape<T>&, const Var<T>&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_ACTIVATION)

}  // namespace mote::train
