// The anomaly score of a K-means model on the device: the distance of a
// window's normalized feature row to the nearest centroid, divided by that
// cluster's spread when the model scales by spread. The same score as the
// host's KMeansModel::Score (src/train/kmeans.h), in float arithmetic:
//   y[d]  = (x[d] - offset[d % F]) * scale[d % F]     (dsp::ApplyNormalization's
//           arithmetic, so the host's normalized rows, bit for bit)
//   c*    = the centroid with the smallest sum over d of (y[d] - c[d])^2
//           (the lowest index among equals, as the host)
//   score = sqrt(that sum) / spread[c*]   (or without the division)
// Sums run in dimension order in float, without contraction, and the root
// is SquareRoot's (integer arithmetic): host and device give the same bits.
// Against the host's double-precision score the difference is float
// rounding (tests/anomaly/kmeans_score_test.cc states the bound).
//
// The tables are constants an exporter places in flash (`mote export
// --format cpp-lib` of a K-means run, src/deploy/kmeans_lib.h). No heap, no
// state: reentrant.
#pragma once

#include <cstdint>

#include "micro/dsp/normalize.h"

namespace mote::anomaly {

struct KMeansTables {
  uint32_t clusters = 0;             // >= 1
  uint32_t dims = 0;                 // values per row: frames * features
  const float* centroids = nullptr;  // [clusters * dims], row-major, in normalized units
  const float* spread = nullptr;     // [clusters], each > 0 (the host floors them)
  bool scale_by_spread = true;
  // The features' normalization; norm.features == 0: rows come normalized.
  // Else dims must be a multiple of norm.features (whole frames).
  dsp::NormalizationArrays norm;
};

struct KMeansResult {
  uint32_t cluster = 0;  // the nearest centroid
  float score = 0;       // its distance, over its spread when scale_by_spread
};

// Scores `row` (model.dims floats: the block's raw output when model.norm
// has features, else an already normalized row). Requires the tables'
// contract above; returns cluster 0 and score 0 for an empty model.
KMeansResult KMeansScore(const KMeansTables& model, const float* row);

}  // namespace mote::anomaly
