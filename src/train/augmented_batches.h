// Augmented training batches: each training window's raw values, loaded
// once from the project's dataset store, changed as `train: augment:` says
// (augmentation.h), run through the project's DSP (FeatureExtractor, the
// features stage's own code) and normalized as the cached features are;
// the result replaces the window's cached row in the batch. Validation and
// test rows stay the cached ones.
//
// Why the DSP runs in the loop: the train stage otherwise trains on the
// features stage's cached rows, and time shift, background noise, jitter
// and scaling are changes to the signal whose effect on MFCCs or spectral
// peaks is not an operation on those rows. An augmented epoch costs one DSP
// pass over the training windows, split over `threads` (one extractor each).
//
// Determinism: row r of epoch e draws from Rng(AugmentSeed(seed, e, r)), so
// the batches depend on the seed only, not on the thread count, the batch
// order or an interruption (--resume gives the same epochs); each row is
// computed by one thread alone.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "core/status.h"
#include "features/feature_extractor.h"
#include "features/feature_set.h"
#include "project/project.h"
#include "train/augmentation.h"
#include "train/tensor.h"
#include "train/thread_pool.h"

namespace mote::train {

class AugmentedBatches {
 public:
  // `index_rows[i]` is the features.index() row of training example i.
  // Loads those rows' samples and, with a noise_label, the train recordings
  // of that label (mixed down to mono). InvalidArgument when the
  // noise_label has no train recordings; Internal when the project's DSP
  // does not give rows of the cached size.
  static Result<std::unique_ptr<AugmentedBatches>> Create(Project& project, FeatureSet& features,
                                                          std::vector<int64_t> index_rows, AugmentConfig config,
                                                          uint64_t seed, int threads);

  // Replaces row i of `batch` ([rows.size(), ...]) with example rows[i]'s
  // window augmented for `epoch`. Called from one thread at a time.
  Status Apply(int64_t epoch, std::span<const int64_t> rows, Tensor<float>* batch);

  // Example `row`'s window, augmented for `epoch` (before the DSP).
  RawWindow Window(int64_t epoch, int64_t row) const;

 private:
  AugmentedBatches() = default;
  struct Source {
    size_t sample;          // into samples_
    uint32_t first_frame;   // of the window
  };
  AugmentConfig config_;
  uint64_t seed_ = 0;
  InputSpec input_;
  std::unique_ptr<ThreadPool> pool_;
  std::vector<std::unique_ptr<FeatureExtractor>> dsp_;  // one per thread
  FeatureNormalization normalization_;
  std::vector<SampleData> samples_;
  std::vector<Source> sources_;  // per training example
  std::vector<std::vector<float>> noise_bank_;
};

}  // namespace mote::train
