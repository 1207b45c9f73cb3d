#include "train/thread_pool.h"

#include <algorithm>
#include <cassert>

namespace mote::train {

ThreadPool::ThreadPool(int threads, int64_t min_work_per_shard) : min_work_per_shard_(min_work_per_shard) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ThreadPool::Run(int shards, const std::function<void(int)>& fn) {
  assert(shards >= 1 && shards <= threads());
  if (shards == 1) {
    fn(0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &fn;
    job_shards_ = shards;
    pending_ = shards - 1;
    ++generation_;
  }
  start_cv_.notify_all();
  fn(0);
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [this] { return pending_ == 0; });
  job_ = nullptr;
}

void ThreadPool::WorkerLoop(int index) {
  int64_t seen = 0;
  for (;;) {
    const std::function<void(int)>* job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (index >= job_shards_) continue;
      job = job_;
    }
    (*job)(index);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (--pending_ == 0) done_cv_.notify_one();
    }
  }
}

int ShardsFor(const ThreadPool& pool, int64_t n, int64_t work) {
  const int64_t shards =
      std::min<int64_t>({pool.threads(), n, std::max<int64_t>(1, work / pool.min_work_per_shard())});
  return static_cast<int>(std::max<int64_t>(1, shards));
}

}  // namespace mote::train
