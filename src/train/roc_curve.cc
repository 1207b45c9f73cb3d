#include "train/roc_curve.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "train/roc_auc.h"

namespace mote::train {

Result<std::vector<RocPoint>> RocCurve(std::span<const double> scores, std::span<const uint8_t> positive) {
  // RocAuc validates the same inputs; its value is not needed here.
  MOTE_RETURN_IF_ERROR(RocAuc(scores, positive).status());
  const size_t n = scores.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  double positives = 0;
  for (uint8_t p : positive) positives += p != 0;
  const double negatives = static_cast<double>(n) - positives;
  std::vector<RocPoint> curve = {{0, 0}};
  double tp = 0, fp = 0;
  for (size_t first = 0; first < n;) {
    size_t last = first;
    while (last < n && scores[order[last]] == scores[order[first]]) {
      (positive[order[last]] ? tp : fp) += 1;
      ++last;
    }
    curve.push_back({fp / negatives, tp / positives});
    first = last;
  }
  return curve;
}

double TprAt(std::span<const RocPoint> curve, double fpr) {
  // The last vertex at or left of fpr, and the one after it.
  size_t i = 0;
  while (i + 1 < curve.size() && curve[i + 1].fpr <= fpr) ++i;
  if (i + 1 >= curve.size() || curve[i + 1].fpr == curve[i].fpr) return curve[i].tpr;
  const RocPoint& a = curve[i];
  const RocPoint& b = curve[i + 1];
  return a.tpr + (fpr - a.fpr) / (b.fpr - a.fpr) * (b.tpr - a.tpr);
}

}  // namespace mote::train
