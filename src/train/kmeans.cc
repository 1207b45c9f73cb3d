#include "train/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "train/rng.h"

namespace mote::train {
namespace {

double SquaredDistance(std::span<const float> row, const double* centroid) {
  double sum = 0;
  for (size_t d = 0; d < row.size(); ++d) {
    const double diff = static_cast<double>(row[d]) - centroid[d];
    sum += diff * diff;
  }
  return sum;
}

// k-means++: the first centroid a uniformly drawn row, each next one a row
// drawn with probability proportional to its squared distance to the
// nearest centroid so far.
std::vector<double> SeedCentroids(std::span<const float> rows, int64_t dims, int64_t k, Rng& rng) {
  const int64_t n = static_cast<int64_t>(rows.size()) / dims;
  auto row = [&](int64_t i) { return rows.subspan(i * dims, dims); };
  std::vector<double> centroids;
  centroids.reserve(k * dims);
  auto add = [&](int64_t i) {
    for (float v : row(i)) centroids.push_back(v);
  };
  add(static_cast<int64_t>(rng.Below(n)));
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  for (int64_t c = 1; c < k; ++c) {
    const double* last = centroids.data() + (c - 1) * dims;
    double total = 0;
    for (int64_t i = 0; i < n; ++i) {
      nearest[i] = std::min(nearest[i], SquaredDistance(row(i), last));
      total += nearest[i];
    }
    int64_t chosen = n - 1;
    if (total > 0) {
      double target = rng.Uniform() * total;
      for (int64_t i = 0; i < n; ++i) {
        target -= nearest[i];
        if (target < 0) {
          chosen = i;
          break;
        }
      }
    } else {  // every row sits on a centroid already: any row will do
      chosen = static_cast<int64_t>(rng.Below(n));
    }
    add(chosen);
  }
  return centroids;
}

}  // namespace

int64_t KMeansModel::Nearest(std::span<const float> row, double* squared_distance) const {
  int64_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (int64_t c = 0; c < k(); ++c) {
    const double d = SquaredDistance(row, centroids.data() + c * dims);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  if (squared_distance) *squared_distance = best_d;
  return best;
}

double KMeansModel::Score(std::span<const float> row) const {
  double d2 = 0;
  const int64_t c = Nearest(row, &d2);
  const double distance = std::sqrt(d2);
  return scale_by_spread ? distance / spread[c] : distance;
}

std::vector<double> KMeansModel::Scores(std::span<const float> rows) const {
  std::vector<double> scores;
  scores.reserve(rows.size() / dims);
  for (size_t first = 0; first + dims <= rows.size(); first += dims) scores.push_back(Score(rows.subspan(first, dims)));
  return scores;
}

Result<KMeansModel> FitKMeans(std::span<const float> rows, int64_t dims, const KMeansOptions& options) {
  if (dims < 1 || rows.size() % dims != 0) {
    return Status::InvalidArgument("k-means: " + std::to_string(rows.size()) + " values are not rows of " +
                                   std::to_string(dims));
  }
  const int64_t n = static_cast<int64_t>(rows.size()) / dims, k = options.k;
  if (k < 1 || n < k) {
    return Status::InvalidArgument("k-means: " + std::to_string(k) + " clusters need at least as many rows (have " +
                                   std::to_string(n) + ")");
  }
  if (options.max_iterations < 1) return Status::InvalidArgument("k-means: max_iterations must be >= 1");
  for (float v : rows) {
    if (!std::isfinite(v)) return Status::InvalidArgument("k-means: a feature value is not finite");
  }
  auto row = [&](int64_t i) { return rows.subspan(i * dims, dims); };

  KMeansModel m;
  m.dims = dims;
  m.scale_by_spread = options.scale_by_spread;
  m.spread.assign(k, 1);  // k() reads its size while assigning
  Rng rng(options.seed);
  m.centroids = SeedCentroids(rows, dims, k, rng);
  std::vector<int64_t> assignment(n, -1);
  std::vector<double> distance(n, 0);
  for (m.iterations = 1; m.iterations <= options.max_iterations; ++m.iterations) {
    bool changed = false;
    for (int64_t i = 0; i < n; ++i) {
      const int64_t c = m.Nearest(row(i), &distance[i]);
      changed |= c != assignment[i];
      assignment[i] = c;
    }
    if (!changed) break;
    std::vector<double> sums(k * dims, 0);
    m.sizes.assign(k, 0);
    for (int64_t i = 0; i < n; ++i) {
      ++m.sizes[assignment[i]];
      for (int64_t d = 0; d < dims; ++d) sums[assignment[i] * dims + d] += row(i)[d];
    }
    for (int64_t c = 0; c < k; ++c) {
      if (m.sizes[c] == 0) {
        // An empty cluster takes the row farthest from its centroid (the
        // lowest index among equals), which then leaves its old cluster.
        int64_t far = 0;
        for (int64_t i = 1; i < n; ++i) {
          if (distance[i] > distance[far]) far = i;
        }
        distance[far] = 0;
        for (int64_t d = 0; d < dims; ++d) m.centroids[c * dims + d] = row(far)[d];
        continue;
      }
      for (int64_t d = 0; d < dims; ++d) m.centroids[c * dims + d] = sums[c * dims + d] / m.sizes[c];
    }
  }
  m.iterations = std::min(m.iterations, options.max_iterations);

  // Final assignment against the final centroids: sizes and spreads.
  std::vector<double> squared_sums(k, 0);
  m.sizes.assign(k, 0);
  for (int64_t i = 0; i < n; ++i) {
    double d2 = 0;
    const int64_t c = m.Nearest(row(i), &d2);
    ++m.sizes[c];
    squared_sums[c] += d2;
  }
  // A cluster of identical rows has no spread; floor it at a small share of
  // the mean spread (or 1 if every cluster is a point) so scores stay finite.
  double mean_spread = 0;
  for (int64_t c = 0; c < k; ++c) {
    m.spread[c] = m.sizes[c] > 0 ? std::sqrt(squared_sums[c] / m.sizes[c]) : 0;
    mean_spread += m.spread[c] / k;
  }
  const double min_spread = mean_spread > 0 ? 1e-3 * mean_spread : 1;
  for (double& s : m.spread) s = std::max(s, min_spread);
  return m;
}

}  // namespace mote::train
