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
//   held out    what the model gives on the validation split (the test
//               split when there is none), as a histogram under one of
//               three keys (HeldOutMeasure): confidence, the top-class
//               probability of classifiers, over [0, 1];
//               reconstruction_error, an autoencoder's per-example error;
//               anomaly_score, a K-means model's score (kmeans.h). The
//               last two span the split's own 1st to 99th percentile.
//
// Every histogram carries its bin edges, so a reader needs nothing else.
// Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "features/feature_set.h"
#include "train/feature_examples.h"
#include "train/name_table.h"
#include "train/trainer.h"

namespace mote::train {

// 2: the held-out histogram may be anomaly_score (K-means runs).
inline constexpr int kTrainingBaselineVersion = 2;
inline constexpr int kMaxHistogramChannels = 32;
inline constexpr int kFeatureHistogramBins = 16;
inline constexpr int kConfidenceBins = 20;
// The quantiles stored per feature (linear interpolation between order
// statistics, as NumPy's default); the feature histograms span the first
// to the last of them.
inline constexpr double kBaselineQuantiles[] = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

// What the held-out histogram measures; HeldOutKey names it in the JSON.
enum class HeldOutMeasure {
  kConfidence,           // classifiers: the top-class probability, in [0, 1]
  kReconstructionError,  // autoencoders: the per-example mean squared error
  kAnomalyScore,         // K-means: KMeansModel::Score (distance to the nearest centroid)
};
// Each measure's key in the baseline JSON (name_table.h).
inline constexpr std::pair<std::string_view, HeldOutMeasure> kHeldOutKeys[] = {
    {"confidence", HeldOutMeasure::kConfidence},
    {"reconstruction_error", HeldOutMeasure::kReconstructionError},
    {"anomaly_score", HeldOutMeasure::kAnomalyScore}};

// "confidence", "reconstruction_error" or "anomaly_score".
inline std::string HeldOutKey(HeldOutMeasure measure) { return std::string(NameIn(kHeldOutKeys, measure)); }

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
  HeldOutMeasure measure = HeldOutMeasure::kConfidence;
  std::string held_out_split;   // "validation" or "test": where `held_out` comes from
  std::vector<double> held_out;  // `measure` per held-out example
};

// The baseline as JSON (docs/formats.md). Requires train_rows.size() to be
// a multiple of frames * features and feature_names.size() == features.
nlohmann::json TrainingBaselineJson(const BaselineInput& in);

// The split a baseline's held-out histogram describes: `ex`'s validation
// split, or its test split when validation is empty. Points into `ex`.
struct HeldOutSplit {
  const Examples* examples = nullptr;
  const char* name = "";  // "validation" or "test"
};
HeldOutSplit ChooseHeldOutSplit(const FeatureExamples& ex);

// The baseline of a model trained on `ex` (normalized rows, as
// LoadFeatureExamples gives them, train rows already restricted to what was
// trained on): de-normalizes the train rows with `features`' normalization
// (x = y / scale + offset). `held_out` holds `measure` for each example of
// ChooseHeldOutSplit(ex), in order. Internal when the normalization does
// not match the rows' width.
Result<nlohmann::json> ComputeTrainingBaseline(const FeatureSet& features, const FeatureExamples& ex,
                                               const ClassMix& class_mix, HeldOutMeasure measure,
                                               std::vector<double> held_out);

// The held-out values of a trained `trainer`'s model: top-class
// probabilities for a classifier, else reconstruction errors.
Result<std::vector<double>> EvaluateHeldOut(const FeatureExamples& ex, bool classifier, Trainer& trainer);

}  // namespace mote::train
