#include "train/tensor_ops.h"

#include <algorithm>
#include <cassert>

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
  Tensor<T> mask = Tensor<T>::Uninitialized(x->value.shape());
  const T keep_scale = static_cast<T>(1.0 / (1.0 - rate));
  // Each draw gives two 32-bit uniforms; a value is dropped when its one is
  // below rate * 2^32. Branch-free: a branch on a random draw mispredicts.
  const uint64_t threshold = static_cast<uint64_t>(rate * 0x1.0p32);
  T* __restrict mp = mask.data();
  const int64_t n = mask.size();
  for (int64_t i = 0; i < n; i += 2) {
    const uint64_t bits = rng->Next();
    mp[i] = keep_scale * T((bits & 0xFFFFFFFFu) >= threshold);
    if (i + 1 < n) mp[i + 1] = keep_scale * T((bits >> 32) >= threshold);
  }
  Tensor<T> y = Tensor<T>::Uninitialized(x->value.shape());
  const T* __restrict xp = x->value.data();
  T* __restrict yp = y.data();
  for (int64_t i = 0; i < y.size(); ++i) yp[i] = xp[i] * mp[i];
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result, mask = std::move(mask)] {
      if (!result->has_grad()) return;
      const T* __restrict dy = result->grad.data();
      const T* __restrict m = mask.data();
      AddToGrad(*x, [dy, m](int64_t i) { return dy[i] * m[i]; });
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
