// ThreadPool: a fixed set of threads that run the shards of one parallel
// loop at a time. The training ops split their work over the batch into
// contiguous shards, one per thread; each shard writes only its own outputs
// (or its own partial gradient buffer, which the caller then sums in shard
// order), so results depend on the thread count but never on scheduling.
//
// Run() is called from one thread at a time (the training thread); the pool
// itself owns its workers and joins them on destruction.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mote::train {

class ThreadPool {
 public:
  // `threads` >= 1 counts the calling thread: ThreadPool(2) starts one worker.
  // Loops of less than `min_work_per_shard` operations per shard use fewer
  // shards (ShardsFor); below ~50k multiply-adds a shard finishes in about
  // the time it takes to wake a worker. Tests lower it to exercise sharding
  // on small tensors.
  explicit ThreadPool(int threads, int64_t min_work_per_shard = 50'000);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }
  int64_t min_work_per_shard() const { return min_work_per_shard_; }

  // Runs fn(0) .. fn(shards - 1), shards <= threads(), shard 0 on the calling
  // thread, and returns when all are done. fn must not call Run().
  void Run(int shards, const std::function<void(int)>& fn);

 private:
  void WorkerLoop(int index);

  int64_t min_work_per_shard_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_cv_, done_cv_;
  const std::function<void(int)>* job_ = nullptr;
  int job_shards_ = 0;
  int64_t generation_ = 0;
  int pending_ = 0;
  bool stop_ = false;
};

// The contiguous range of `n` items that shard `shard` of `shards` takes.
struct ShardRange {
  int64_t begin, end;
};
inline ShardRange ShardOf(int64_t n, int shards, int shard) {
  return {n * shard / shards, n * (shard + 1) / shards};
}

// How many shards to split `n` items costing about `work` operations in all:
// work / pool.min_work_per_shard(), at least 1, at most the pool's thread
// count and n. A function of its arguments only,
// so the split is the same on every run.
int ShardsFor(const ThreadPool& pool, int64_t n, int64_t work);

}  // namespace mote::train
