// A trained model file (float32, or int8: see host_interpreter.h) evaluated on the test split of a features stage
// output, run by mote's device interpreter (host_interpreter.h): what
// `mote eval` reports. The file says what it is: mote's metadata labels
// (the classes in output order) make it a classifier, scored by argmax;
// without labels it is a reconstruction model (an autoencoder), scored by
// the mean squared error between its output and its input.
//
// Not thread-safe (reads `features`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "features/feature_set.h"
#include "train/classification_metrics.h"

namespace mote::train {

struct TestEvaluation {
  bool classification = true;
  ClassificationMetrics metrics;  // classification only
  std::vector<int32_t> predictions;  // classification: each test row's predicted class, in row order
  double mse = 0;                 // reconstruction only
  int64_t examples = 0;           // test rows (windows)
};

// Errors name the file: NotFound for a missing model, InvalidArgument when
// the model does not take the features' rows, its outputs do not match its
// labels, a test row's label is not one of the model's classes, or the
// test split is empty.
// `on_row(done, total)`, when given, is called after every test row (for a
// progress bar: the device's kernels are not fast on a host).
Result<TestEvaluation> EvaluateOnTestSplit(const std::filesystem::path& model_file, FeatureSet& features,
                                           const std::function<void(int64_t, int64_t)>& on_row = {});
// The same for a model held in memory: `bytes` is the .tflite file, `name`
// what errors call it.
Result<TestEvaluation> EvaluateOnTestSplit(const std::string& bytes, const std::string& name, FeatureSet& features,
                                           const std::function<void(int64_t, int64_t)>& on_row = {});

}  // namespace mote::train
