#include "data/synth/synth_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/file_util.h"
#include "core/interrupt.h"
#include "core/progress.h"

namespace mote {

namespace fs = std::filesystem;

Result<std::vector<std::string>> SelectLabels(const SynthGenerator& generator,
                                              const std::vector<std::string>& labels) {
  std::vector<std::string> known = generator.labels();
  if (labels.empty()) return known;
  for (const std::string& label : labels) {
    if (std::find(known.begin(), known.end(), label) != known.end()) continue;
    std::string names;
    for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
    return Status::Usage("--labels " + label + ": not a " + std::string(generator.kind()) + " label (known: " +
                         names + ")");
  }
  return labels;
}

namespace {

fs::path FilePath(const fs::path& out_dir, const std::string& label, int64_t index, std::string_view ext) {
  char name[32];
  std::snprintf(name, sizeof name, "%04lld", static_cast<long long>(index));
  return out_dir / label / (name + std::string(ext));
}

}  // namespace

Result<SynthRunResult> RunSynth(const SynthGenerator& generator, const SynthRunOptions& options) {
  auto start = std::chrono::steady_clock::now();
  MOTE_ASSIGN_OR_RETURN(std::vector<std::string> labels, SelectLabels(generator, options.labels));
  if (options.count < 1) return Status::Usage("--count must be at least 1");

  struct Job {
    const std::string* label;
    int64_t index;
  };
  std::vector<Job> jobs;
  SynthRunResult result;
  for (const std::string& label : labels) {
    std::error_code ec;
    fs::create_directories(options.out_dir / label, ec);
    if (ec) return Status::IoError((options.out_dir / label).string() + ": cannot create folder: " + ec.message());
    for (int64_t i = 0; i < options.count; ++i) {
      jobs.push_back({&label, i});
      result.files.push_back(FilePath(options.out_dir, label, i, generator.extension()));
    }
  }

  std::atomic<size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::condition_variable finished;
  Status first_error;
  auto work = [&] {
    while (!stop) {
      size_t j = next++;
      if (j >= jobs.size()) break;
      SynthRandom rng = SynthRandom::ForFile(options.seed, generator.kind(), *jobs[j].label, jobs[j].index);
      Result<std::string> bytes = generator.Render(*jobs[j].label, jobs[j].index, rng);
      Status s = bytes.ok() ? WriteFileAtomically(result.files[j], *bytes) : bytes.status();
      if (!s.ok() || Interrupted()) {
        std::lock_guard<std::mutex> lock(mu);
        if (first_error.ok()) first_error = s;
        stop = true;
      }
      ++done;
      finished.notify_one();
    }
  };
  int threads = std::clamp(options.jobs, 1, static_cast<int>(std::max<size_t>(jobs.size(), 1)));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);

  // Progress is not thread-safe, so only this thread draws it.
  Progress progress(std::string("synth ") + std::string(generator.kind()), static_cast<int64_t>(jobs.size()),
                    "files", options.show_progress);
  {
    std::unique_lock<std::mutex> lock(mu);
    while (!stop && done < jobs.size()) {
      finished.wait_for(lock, std::chrono::milliseconds(100));
      if (Interrupted()) stop = true;
      progress.Update(static_cast<int64_t>(done));
    }
  }
  for (std::thread& t : pool) t.join();
  if (Interrupted())
    return Status::Cancelled("interrupted; files written so far stay in " + options.out_dir.string() +
                             ", nothing was imported");
  if (!first_error.ok()) return first_error;
  progress.Update(static_cast<int64_t>(done));
  progress.Finish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace mote
