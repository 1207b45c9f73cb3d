#include "train/tensor_ops.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <vector>

namespace mote::train {

template <typename T>
Var<T> Reshape(Tape<T>& tape, const Var<T>& x, Shape shape) {
  Tensor<T> y = x->value;
  y.Reshape(std::move(shape));
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result] {
      if (!result->has_grad()) return;
      const T* __restrict dy = result->grad.data();
      AddToGrad(*x, [dy](int64_t i) { return dy[i]; });
    });
  }
  return result;
}

template <typename T>
Var<T> Add(Tape<T>& tape, const Var<T>& a, const Var<T>& b) {
  assert(a->value.shape() == b->value.shape());
  Tensor<T> y = Tensor<T>::Uninitialized(a->value.shape());
  const T* __restrict ap = a->value.data();
  const T* __restrict bp = b->value.data();
  T* __restrict yp = y.data();
  for (int64_t i = 0; i < y.size(); ++i) yp[i] = ap[i] + bp[i];
  Var<T> result = MakeVar(std::move(y), a->requires_grad || b->requires_grad);
  if (result->requires_grad) {
    tape.Record([a, b, result] {
      if (!result->has_grad()) return;
      const T* __restrict dy = result->grad.data();
      for (const Var<T>& v : {a, b}) {
        if (v->requires_grad) AddToGrad(*v, [dy](int64_t i) { return dy[i]; });
      }
    });
  }
  return result;
}

template <typename T>
Var<T> ConcatLastAxis(Tape<T>& tape, const std::vector<Var<T>>& inputs) {
  assert(!inputs.empty());
  const int64_t rows = inputs[0]->value.size() / inputs[0]->value.dim(-1);
  int64_t total = 0;
  bool needs_grad = false;
  for (const Var<T>& v : inputs) {
    total += v->value.dim(-1);
    needs_grad = needs_grad || v->requires_grad;
  }
  Shape shape = inputs[0]->value.shape();
  shape.back() = total;
  Tensor<T> y = Tensor<T>::Uninitialized(shape);
  int64_t offset = 0;
  for (const Var<T>& v : inputs) {
    const int64_t c = v->value.dim(-1);
    for (int64_t r = 0; r < rows; ++r) std::copy_n(v->value.data() + r * c, c, y.data() + r * total + offset);
    offset += c;
  }
  Var<T> result = MakeVar(std::move(y), needs_grad);
  if (needs_grad) {
    tape.Record([inputs, result, rows, total] {
      if (!result->has_grad()) return;
      const T* dy = result->grad.data();
      int64_t at = 0;
      for (const Var<T>& v : inputs) {
        const int64_t c = v->value.dim(-1);
        if (v->requires_grad) {
          T* d = v->MutableGrad();
          for (int64_t r = 0; r < rows; ++r) {
            for (int64_t i = 0; i < c; ++i) d[r * c + i] += dy[r * total + at + i];
          }
        }
        at += c;
      }
    });
  }
  return result;
}

template <typename T>
Var<T> Dropout(Tape<T>& tape, const Var<T>& x, double rate, bool training, Rng* rng) {
  if (!training || rate <= 0) return x;
  const int64_t n = x->value.size();
  // Whether each value is kept, one byte apiece: the backward pass reads a
  // quarter of what a float mask would cost. Each draw gives four 16-bit
  // uniforms; a value is dropped when its one is below rate * 2^16 (rate
  // to within 2^-17). Branch-free: a branch on a random draw mispredicts.
  std::vector<uint8_t> keep(static_cast<size_t>(n));
  const uint32_t threshold = static_cast<uint32_t>(std::lround(rate * 0x1.0p16));
  uint8_t* __restrict kp = keep.data();
  for (int64_t i = 0; i < n; i += 4) {
    const uint64_t bits = rng->Next();
    for (int64_t k = 0; k < 4 && i + k < n; ++k) kp[i + k] = ((bits >> (16 * k)) & 0xFFFF) >= threshold;
  }
  const T keep_scale = static_cast<T>(1.0 / (1.0 - rate));
  Tensor<T> y = Tensor<T>::Uninitialized(x->value.shape());
  const T* __restrict xp = x->value.data();
  T* __restrict yp = y.data();
  for (int64_t i = 0; i < n; ++i) yp[i] = xp[i] * (keep_scale * T(kp[i]));
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result, keep = std::move(keep), keep_scale] {
      if (!result->has_grad()) return;
      const T* __restrict dy = result->grad.data();
      const uint8_t* __restrict k = keep.data();
      AddToGrad(*x, [dy, k, keep_scale](int64_t i) { return dy[i] * (keep_scale * T(k[i])); });
    });
  }
  return result;
}

#define MOTE_INSTANTIATE_TENSOR_OPS(T)                                      \
  template Var<T> Reshape(Tape<T>&, const Var<T>&, Shape);                  \
  template Var<T> Add(Tape<T>&, const Var<T>&, const Var<T>&);              \
  template Var<T> ConcatLastAxis(Tape<T>&, const std::vector<Var<T>>&);     \
  template Var<T> Dropout(Tape<T>&, const Var<T>&, double, bool, Rng*);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_TENSOR_OPS)

}  // namespace mote::train
