// Drives a SynthGenerator: renders `count` files per label on a pool of
// worker threads and writes them as <out_dir>/<label>/NNNN<ext>.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/synth/synth_generator.h"

namespace mote {

struct SynthRunOptions {
  uint64_t seed = 1;
  int64_t count = 1;                  // files per label, >= 1
  std::vector<std::string> labels;    // subset of the generator's; empty: all
  std::filesystem::path out_dir;      // files go to out_dir/<label>/
  int jobs = 1;                       // worker threads, >= 1
  bool show_progress = true;
};

struct SynthRunResult {
  std::vector<std::filesystem::path> files;  // written, ordered by label then index
  double seconds = 0;
};

// Usage error naming the label if `labels` holds one the generator does not
// know; otherwise the labels to generate (all of them when `labels` is empty).
Result<std::vector<std::string>> SelectLabels(const SynthGenerator& generator, const std::vector<std::string>& labels);

// Renders and writes every file (each atomically, replacing a file of the same
// name). File `index` of a label always gets the same random stream, whatever
// `jobs` is. Stops at the first error and returns it; returns Cancelled on
// SIGINT. Files written before an error or interrupt stay on disk.
Result<SynthRunResult> RunSynth(const SynthGenerator& generator, const SynthRunOptions& options);

}  // namespace mote
