// The training baseline of a run, for monitoring: what the model saw in
// training, in a form a drift monitor can compare device telemetry with
// (PSI over the histograms, KS against the quantiles). Computed once at
// the end of training, stored with the run (run_store.h: table
// run_baselines; run_recorder.h: .mote/runs/<id>/baseline.json) and shown
// in its report. docs/formats.md, "Training baseline", is the format.
//
//   features    the DSP output the model trained on, before normalization,
//               over the train split's rows (for an anomaly task: the
//               normal class's): per feature (a column of the block's
//               [frames, features] output; every frame adds one value)
//               count, mean, std, min, max and quantiles; and histograms
//               of at most kMaxHistogramChannels channels: one per feature
//               when there are that few, else each channel the mean of a
//               contiguous band of features per frame (an image's or a
//               spectrum's neighbouring columns move together, and a
//               bounded count keeps the histograms' size bounded)
//   classes     the class mix: examples per class in train, validation, test
//   confidence  classifiers: the top-class probability on the validation
//               split (the test split when there is none), as a histogram
//               over [0, 1]
//   reconstruction_error  reconstruction models: the per-example error on
//               that split, as a histogram
//
// Every histogram carries its bin edges, so a reader needs nothing else.
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "features/feature_set.h"
#include "train/feature_examples.h"
#include "train/trainer.h"

namespace mote::train {

inline constexpr int kTrainingBaselineVersion = 1;
inline constexpr int kMaxHistogramChannels = 32;
inline constexpr int kFeatureHistogramBins = 16;
inline constexpr int kConfidenceBins = 20;
// The quantiles stored per feature (linear interpolation between order
// statistics, as NumPy's default); the feature histograms span the first
// to the last of them.
inline constexpr double kBaselineQuantiles[] = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

// Examples per class index in each split.
struct ClassMix {
  std::vector<int64_t> train, validation, test;  // [classes]
};

// Counts `ex`'s labels (call before they are cleared for reconstruction).
ClassMix CountClasses(const FeatureExamples& ex);

// What the baseline is computed from, as plain data.
struct BaselineInput {
  uint32_t frames = 0, features = 0;       // the DSP block's output shape
  std::vector<std::string> feature_names;  // [features]
  std::span<const float> train_rows;       // raw DSP output, rows of frames * features
  std::vector<std::string> classes;
  ClassMix class_mix;
  bool classifier = true;
  std::string held_out_split;   // "validation" or "test": where `held_out` comes from
  std::vector<double> held_out;  // top-class probabilities, or reconstruction errors
};

// The baseline as JSON (docs/formats.md). Requires train_rows.size() to be
// a multiple of frames * features and feature_names.size() == features.
nlohmann::json TrainingBaselineJson(const BaselineInput& in);

// The baseline of a trained `trainer`'s model on `ex` (normalized rows, as
// LoadFeatureExamples gives them, train rows already restricted to what was
// trained on): de-normalizes the train rows with `features`'
// normalization (x = y / scale + offset) and evaluates the validation split
// (the test split when validation is empty).
Result<nlohmann::json> ComputeTrainingBaseline(const FeatureSet& features, const FeatureExamples& ex,
                                               const ClassMix& class_mix, bool classifier, Trainer& trainer);

}  // namespace mote::train
