// The ROC curve of anomaly scores: the true positive rate against the false
// positive rate as the threshold falls from the highest score to the
// lowest. Examples with equal scores pass the threshold together, so a tie
// between positives and negatives is a diagonal segment; the area under
// the vertices (trapezoids) is then exactly roc_auc.h's Mann-Whitney AUC.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace mote::train {

struct RocPoint {
  double fpr = 0, tpr = 0;
};

// The curve's vertices from (0, 0) to (1, 1), one after each group of
// equal scores, for `scores[i]` (higher: more likely positive) and whether
// example i is positive. InvalidArgument as RocAuc: lengths differ, a NaN
// score, or a class absent. O(n log n); pure.
Result<std::vector<RocPoint>> RocCurve(std::span<const double> scores, std::span<const uint8_t> positive);

// The true positive rate at false positive rate `fpr` in [0, 1], linear
// between the vertices (the highest where the curve rises vertically).
double TprAt(std::span<const RocPoint> curve, double fpr);

}  // namespace mote::train
