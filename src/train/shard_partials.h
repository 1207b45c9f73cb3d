// ShardPartials: one zeroed buffer per shard of a parallel loop for a
// quantity the shards all add to (a weight gradient summed over the batch).
// The shards write their own buffers; AddTo() then sums them into the
// target in shard order, so the result depends on the shard count only,
// never on which thread finished first.
#pragma once

#include <cstdint>
#include <vector>

namespace mote::train {

template <typename T>
class ShardPartials {
 public:
  ShardPartials(int shards, int64_t size) : shards_(shards), size_(size), buf_(shards * size, T(0)) {}

  T* shard(int s) { return buf_.data() + s * size_; }

  // target[i] += sum over shards s = 0, 1, ... of shard(s)[i], in that order.
  void AddTo(T* target) const {
    for (int s = 0; s < shards_; ++s) {
      const T* p = buf_.data() + s * size_;
      for (int64_t i = 0; i < size_; ++i) target[i] += p[i];
    }
  }

 private:
  int shards_;
  int64_t size_;
  std::vector<T> buf_;
};

}  // namespace mote::train
