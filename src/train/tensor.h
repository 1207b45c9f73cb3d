// Tensor<T>: a dense, row-major, owning array of float or double with a
// shape. Activations are NHWC ([batch, height, width, channels]) and 1-D
// signals NLC, as in .tflite, so a trained model exports without transposes.
// The training engine runs in float; the gradient tests run the same code in
// double. A value type: copies copy the data; not thread-safe to mutate.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mote::train {

using Shape = std::vector<int64_t>;

// Product of the dimensions (1 for a scalar's empty shape).
inline int64_t ShapeSize(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

// "[32, 28, 28, 1]", for error messages.
std::string ShapeString(const Shape& shape);

// std::allocator whose value-less construct leaves a float uninitialised,
// so that a vector can be sized without writing every element: the ops'
// outputs and gradients are megabytes that the op then writes in full, and
// zero-filling them first cost a fifth of a training step.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename T>
class Tensor {
 public:
  using Buffer = std::vector<T, DefaultInitAllocator<T>>;

  Tensor() = default;
  // A tensor of `shape` (every dimension >= 0) filled with `fill`.
  explicit Tensor(Shape shape, T fill = T(0)) : shape_(std::move(shape)), data_(ShapeSize(shape_), fill) {}
  // A copy of `data`, ShapeSize(shape) values.
  Tensor(Shape shape, const std::vector<T>& data) : shape_(std::move(shape)), data_(data.begin(), data.end()) {
    assert(static_cast<int64_t>(data_.size()) == ShapeSize(shape_));
  }
  // A tensor of `shape` whose values are indeterminate: for a result the
  // caller writes in full before anything reads it.
  static Tensor Uninitialized(Shape shape) {
    Tensor t;
    t.data_.resize(ShapeSize(shape));
    t.shape_ = std::move(shape);
    return t;
  }

  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int64_t dim(int i) const { return shape_[i < 0 ? shape_.size() + i : i]; }
  int64_t size() const { return static_cast<int64_t>(data_.size()); }
  bool empty() const { return data_.empty(); }

  T* data() { return data_.data(); }
  const T* data() const { return data_.data(); }
  T& operator[](int64_t i) { return data_[i]; }
  const T& operator[](int64_t i) const { return data_[i]; }
  Buffer& values() { return data_; }
  const Buffer& values() const { return data_; }

  // Same data under another shape of the same size.
  void Reshape(Shape shape) {
    assert(ShapeSize(shape) == size());
    shape_ = std::move(shape);
  }
  void Fill(T value) { std::fill(data_.begin(), data_.end(), value); }

 private:
  Shape shape_;
  Buffer data_;
};

}  // namespace mote::train
