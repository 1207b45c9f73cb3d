// K-means on feature rows, for anomaly detection without labels (as Edge
// Impulse's anomaly block does): fit clusters on normal data only, then
// score a row by its distance to the nearest centroid. A row far from every
// cluster of normal operation is anomalous.
//
// Seeding is k-means++ (each next centroid drawn with probability
// proportional to the squared distance to the nearest one chosen so far)
// from rng.h's Rng, then Lloyd iterations until no row changes cluster or
// `max_iterations`. Sums run in row order in double precision, so a seed
// gives bit-identical centroids on any machine.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace mote::train {

struct KMeansOptions {
  int64_t k = 8;                 // clusters, >= 1 and <= the number of rows
  uint64_t seed = 1;             // k-means++ draws
  int64_t max_iterations = 100;  // Lloyd iterations, >= 1
  // Score as distance / the cluster's spread (the RMS distance of its rows
  // to its centroid) rather than the plain Euclidean distance: a row counts
  // as far in units of how wide the normal cluster it is nearest to is.
  bool scale_by_spread = true;
};

struct KMeansModel {
  int64_t dims = 0;
  std::vector<double> centroids;  // k rows of `dims`
  std::vector<double> spread;     // per cluster: RMS distance of its rows (> 0: floored)
  std::vector<int64_t> sizes;     // per cluster: rows assigned at the end of fitting
  int64_t iterations = 0;         // Lloyd iterations run
  bool scale_by_spread = true;

  int64_t k() const { return static_cast<int64_t>(spread.size()); }
  // The nearest centroid to `row` (dims floats) and its squared distance.
  int64_t Nearest(std::span<const float> row, double* squared_distance) const;
  // Anomaly score of one row (higher: more anomalous), see scale_by_spread.
  double Score(std::span<const float> row) const;
  // Scores of `rows` (a multiple of dims floats), one per row.
  std::vector<double> Scores(std::span<const float> rows) const;
};

// Fits `options.k` clusters to `rows` (row-major, `dims` floats each).
// InvalidArgument when dims < 1, rows is not a whole number of rows, there
// are fewer rows than clusters, or a value is not finite. Not thread-safe
// with respect to `rows`' owner writing them meanwhile; otherwise pure.
Result<KMeansModel> FitKMeans(std::span<const float> rows, int64_t dims, const KMeansOptions& options);

}  // namespace mote::train
