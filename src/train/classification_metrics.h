// How well a classifier did on labelled examples: accuracy, the confusion
// matrix and per-class precision, recall and F1, as `mote eval` prints them
// and the run report draws them.
//
// Precision of a class never predicted, and recall of a class absent from
// the labels, are 0 (scikit-learn's zero_division=0), so that an empty row
// or column reads as "nothing right" rather than as a division by zero.
// Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mote::train {

struct ClassMetrics {
  int64_t support = 0;  // examples whose label is the class
  double precision = 0, recall = 0, f1 = 0;
};

struct ClassificationMetrics {
  std::vector<std::string> classes;
  int64_t count = 0;
  double accuracy = 0;
  double macro_f1 = 0;  // mean of the classes' F1
  // confusion[label][prediction]: how many examples of class `label` were
  // predicted as class `prediction`.
  std::vector<std::vector<int64_t>> confusion;
  std::vector<ClassMetrics> per_class;

  // {"count", "accuracy", "macro_f1", "classes", "confusion",
  //  "per_class": [{"class", "support", "precision", "recall", "f1"}]}.
  nlohmann::json ToJson() const;
  // The accuracy line, the confusion matrix (rows: true class) and the
  // per-class table, for a terminal.
  std::string ToText() const;
};

// Requires labels.size() == predictions.size() and every value in
// [0, classes.size()).
ClassificationMetrics ComputeClassificationMetrics(const std::vector<std::string>& classes,
                                                   std::span<const int32_t> labels,
                                                   std::span<const int32_t> predictions);

}  // namespace mote::train
