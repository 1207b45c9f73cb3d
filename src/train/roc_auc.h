// ROC AUC: the probability that a positive example scores higher than a
// negative one (ties count one half), computed from ranks as the
// Mann-Whitney U statistic: AUC = (R+ - P(P+1)/2) / (P N), where R+ is the
// sum of the positives' ranks among all scores (tied scores share the mean
// of their ranks), P and N the numbers of positives and negatives.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.h"

namespace mote::train {

// `scores[i]` of example i (higher: more likely positive) and whether it is
// positive (`positive[i]` != 0). InvalidArgument when the spans differ in
// length, a score is NaN, or either class is absent. O(n log n); pure.
Result<double> RocAuc(std::span<const double> scores, std::span<const uint8_t> positive);

}  // namespace mote::train
