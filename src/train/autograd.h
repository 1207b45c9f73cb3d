// Reverse-mode automatic differentiation over Tensor<T>.
//
// A Variable holds a value and, once backpropagation reaches it, the
// gradient of the loss with respect to that value. Ops (dense_op.h,
// conv_ops.h, ...) compute their output eagerly and, when any input needs a
// gradient, record on the Tape a closure that adds their inputs' gradients
// from their output's. Tape::Backward() seeds d(loss)/d(loss) = 1 and runs
// the closures in reverse order of recording, which is a valid reverse
// topological order because an op records after its inputs exist. A
// variable used twice (a residual connection) receives the sum.
//
// Parameters are Variables that outlive tapes (requires_grad, owned by a
// Model); a tape is built for one forward/backward pass and then cleared.
// Not thread-safe: one tape per training thread; ops parallelise inside.
#pragma once

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "train/tensor.h"
#include "train/thread_pool.h"

namespace mote::train {

template <typename T>
struct Variable {
  Variable(Tensor<T> v, bool needs_grad) : value(std::move(v)), requires_grad(needs_grad) {}

  Tensor<T> value;
  // Empty until something adds to it (MutableGrad); then value's shape.
  Tensor<T> grad;
  bool requires_grad;

  bool has_grad() const { return !grad.empty() || value.size() == 0; }
  // The gradient buffer, allocated as zeros on first use: for an op that
  // adds to some elements only (a scatter).
  T* MutableGrad() {
    if (grad.empty()) grad = Tensor<T>(value.shape());
    return grad.data();
  }
  // The gradient buffer for an op that then writes a contribution to every
  // element. When nothing has been added yet it is allocated uninitialised
  // and *accumulate is set false: the op must assign (=) every element
  // before anything else touches the gradient. Otherwise *accumulate is
  // true and the op adds (+=). Saves zero-filling megabytes that would be
  // overwritten.
  T* GradToWrite(bool* accumulate) {
    *accumulate = !grad.empty();
    if (grad.empty()) grad = Tensor<T>::Uninitialized(value.shape());
    return grad.data();
  }
  void ZeroGrad() { grad = Tensor<T>(); }
};

// grad(v)[i] += contribution(i) for every element i of v, assigned rather
// than added when v has no gradient yet (GradToWrite). `contribution` must
// not read v's gradient.
template <typename T, typename Contribution>
void AddToGrad(Variable<T>& v, Contribution contribution) {
  bool accumulate;
  T* __restrict g = v.GradToWrite(&accumulate);
  const int64_t n = v.value.size();
  if (accumulate) {
    for (int64_t i = 0; i < n; ++i) g[i] += contribution(i);
  } else {
    for (int64_t i = 0; i < n; ++i) g[i] = contribution(i);
  }
}

template <typename T>
using Var = std::shared_ptr<Variable<T>>;

template <typename T>
Var<T> MakeVar(Tensor<T> value, bool requires_grad) {
  return std::make_shared<Variable<T>>(std::move(value), requires_grad);
}

template <typename T>
class Tape {
 public:
  // `pool` (not owned) runs the ops' parallel loops; it must outlive the tape.
  explicit Tape(ThreadPool* pool) : pool_(pool) {}

  ThreadPool& pool() const { return *pool_; }

  // Adds an op's backward step; ops call it only when their output
  // requires a gradient.
  void Record(std::function<void()> backward) { steps_.push_back(std::move(backward)); }

  // Backpropagates from `loss` (one value): its gradient is set to 1 and
  // every recorded step runs, last first. Gradients accumulate into the
  // variables' grad (zero parameters' gradients before the forward pass).
  // The tape is empty afterwards.
  void Backward(const Var<T>& loss) {
    loss->MutableGrad()[0] = T(1);
    RunSteps();
  }
  // The vector-Jacobian product: backpropagates `seed` (output's shape) as
  // d(something)/d(output), for outputs that are not one value.
  void Backward(const Var<T>& output, const Tensor<T>& seed) {
    output->grad = seed;
    RunSteps();
  }

  // Drops the recorded steps (and the intermediate values they hold), for
  // a forward pass whose gradient is not wanted.
  void Clear() { steps_.clear(); }

 private:
  // Each step is dropped as soon as it has run: the variables only it
  // still held (its op's output, value and gradient) are freed then, so
  // the gradients of the layers below reuse that memory, still in cache,
  // instead of fresh pages (a page's first touch costs tens of
  // microseconds on a virtual machine) and a step's peak memory is about a
  // third lower.
  void RunSteps() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
      (*it)();
      *it = nullptr;
    }
    steps_.clear();
  }

  ThreadPool* pool_;
  std::vector<std::function<void()>> steps_;
};

// Explicit instantiation of an op for float and double, in the op's .cc.
#define MOTE_TRAIN_INSTANTIATE(MACRO) \
  MACRO(float)                        \
  MACRO(double)

}  // namespace mote::train
