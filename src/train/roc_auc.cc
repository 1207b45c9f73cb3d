#include "train/roc_auc.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace mote::train {

Result<double> RocAuc(std::span<const double> scores, std::span<const uint8_t> positive) {
  if (scores.size() != positive.size()) {
    return Status::InvalidArgument("ROC AUC: " + std::to_string(scores.size()) + " scores but " +
                                   std::to_string(positive.size()) + " labels");
  }
  const size_t n = scores.size();
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(scores[i])) return Status::InvalidArgument("ROC AUC: score " + std::to_string(i) + " is NaN");
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double positive_rank_sum = 0;
  double positives = 0;
  for (size_t first = 0; first < n;) {
    size_t last = first;  // one past the run of equal scores
    while (last < n && scores[order[last]] == scores[order[first]]) ++last;
    const double mean_rank = (static_cast<double>(first + 1) + static_cast<double>(last)) / 2;  // 1-based
    for (size_t i = first; i < last; ++i) {
      if (positive[order[i]]) {
        positive_rank_sum += mean_rank;
        positives += 1;
      }
    }
    first = last;
  }
  const double negatives = static_cast<double>(n) - positives;
  if (positives == 0 || negatives == 0) {
    return Status::InvalidArgument("ROC AUC needs both positive and negative examples (" +
                                   std::to_string(static_cast<int64_t>(positives)) + " positive, " +
                                   std::to_string(static_cast<int64_t>(negatives)) + " negative)");
  }
  return (positive_rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

}  // namespace mote::train
