// micro/anomaly's K-means scorer against the host's KMeansModel::Score
// (src/train/kmeans.h, double precision) on random models and rows, with
// and without the normalization folded in, and its integer square root
// against the FPU's correctly rounded sqrtf.
#include "micro/anomaly/kmeans_score.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <vector>

#include "micro/anomaly/square_root.h"
#include "micro/dsp/float_bits.h"
#include "micro/dsp/normalize.h"
#include "train/kmeans.h"
#include "train/rng.h"

namespace mote::anomaly {
namespace {

TEST(SquareRootTest, EqualsTheCorrectlyRoundedSqrtfBitForBit) {
  train::Rng rng(11);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    // Every exponent, subnormals included: random bit patterns of positive floats.
    const uint32_t bits = static_cast<uint32_t>(rng.Below(0x7F800000u));
    const float x = dsp::FloatFromBits(bits);
    ASSERT_EQ(dsp::FloatBits(SquareRoot(x)), dsp::FloatBits(std::sqrt(x))) << "x bits " << bits;
    ++checked;
  }
  for (float x : {0.0f, -0.0f, FLT_MIN, FLT_MAX, 1.0f, 2.0f, 4.0f, 0.25f, 1e-45f, 16777215.0f, 16777216.0f,
                  INFINITY}) {
    EXPECT_EQ(dsp::FloatBits(SquareRoot(x)), dsp::FloatBits(std::sqrt(x))) << x;
  }
  // Perfect squares come out exact. The float below 4, 4 (1 - 2^-24), has
  // its root just under the midpoint 2 - 2^-24 of the floats around it, so
  // it rounds down, not to 2.
  for (int k = 1; k < 4096; ++k) EXPECT_EQ(SquareRoot(static_cast<float>(k * k)), static_cast<float>(k));
  EXPECT_EQ(SquareRoot(std::nextafter(4.0f, 0.0f)), std::nextafter(2.0f, 0.0f));
  EXPECT_TRUE(std::isnan(SquareRoot(-1.0f)));
  EXPECT_TRUE(std::isnan(SquareRoot(NAN)));
  EXPECT_EQ(checked, 200000);
}

// A random model of `k` clusters of `frames` x `features` values: centroids
// around the origin in normalized units, spreads in [0.2, 2].
train::KMeansModel RandomModel(train::Rng& rng, int64_t k, int64_t dims, bool scale_by_spread) {
  train::KMeansModel m;
  m.dims = dims;
  m.scale_by_spread = scale_by_spread;
  for (int64_t i = 0; i < k * dims; ++i) m.centroids.push_back(1.5 * rng.Normal());
  for (int64_t c = 0; c < k; ++c) m.spread.push_back(0.2 + 1.8 * rng.Uniform());
  return m;
}

// What an exporter stores: the model's doubles rounded to float.
struct FloatTables {
  std::vector<float> centroids, spread;
  KMeansTables tables;
};

FloatTables Tables(const train::KMeansModel& m) {
  FloatTables t;
  for (double v : m.centroids) t.centroids.push_back(static_cast<float>(v));
  for (double v : m.spread) t.spread.push_back(static_cast<float>(v));
  t.tables.clusters = static_cast<uint32_t>(m.k());
  t.tables.dims = static_cast<uint32_t>(m.dims);
  t.tables.centroids = t.centroids.data();
  t.tables.spread = t.spread.data();
  t.tables.scale_by_spread = m.scale_by_spread;
  return t;
}

// The bound on |device - host| for a row whose nearest centroid is c at
// distance d (u = FLT_EPSILON / 2, the unit roundoff; D the dims):
//  - the centroid rounded to float moves by at most u * |c|, so the
//    distance by at most u * ||c|| (triangle inequality);
//  - each difference and square rounds once (relative u each), the D-term
//    sum of non-negative squares accumulates at most (D - 1) u of relative
//    error, the root halves the relative error and adds u, the division by
//    the rounded spread adds 2u: in all (D + 4) u of d, to first order;
//  - the host's own double rounding is negligible (2^-29 times smaller).
// Doubled for second-order terms and divided by the spread when scaled.
double Bound(const train::KMeansModel& m, int64_t c, double distance) {
  const double u = FLT_EPSILON / 2;
  double norm2 = 0;
  for (int64_t d = 0; d < m.dims; ++d) norm2 += m.centroids[c * m.dims + d] * m.centroids[c * m.dims + d];
  const double bound = 2 * (u * std::sqrt(norm2) + (static_cast<double>(m.dims) + 4) * u * distance);
  return m.scale_by_spread ? bound / m.spread[c] : bound;
}

TEST(KMeansScoreTest, NormalizedRowsScoreAsTheHostWithinFloatRounding) {
  train::Rng rng(5);
  int rows_checked = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const int64_t k = 1 + static_cast<int64_t>(rng.Below(8)), dims = 1 + static_cast<int64_t>(rng.Below(120));
    const train::KMeansModel m = RandomModel(rng, k, dims, trial % 2 == 0);
    const FloatTables t = Tables(m);
    for (int r = 0; r < 50; ++r) {
      std::vector<float> row(dims);
      // Half the rows near a centroid (normal operation), half anywhere.
      const int64_t near = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(k)));
      for (int64_t d = 0; d < dims; ++d) {
        row[d] = static_cast<float>(r % 2 ? m.centroids[near * dims + d] + 0.3 * rng.Normal() : 4 * rng.Normal());
      }
      double d2 = 0;
      const int64_t host_cluster = m.Nearest(row, &d2);
      const double host = m.Score(row);
      const KMeansResult device = KMeansScore(t.tables, row.data());
      ASSERT_EQ(static_cast<int64_t>(device.cluster), host_cluster) << "trial " << trial << " row " << r;
      ASSERT_NEAR(device.score, host, Bound(m, host_cluster, std::sqrt(d2))) << "trial " << trial << " row " << r;
      ++rows_checked;
    }
  }
  EXPECT_EQ(rows_checked, 2000);
}

TEST(KMeansScoreTest, RawRowsAreNormalizedAsTheHostDoes) {
  train::Rng rng(8);
  for (int trial = 0; trial < 20; ++trial) {
    const uint32_t features = 1 + static_cast<uint32_t>(rng.Below(20)), frames = 1 + static_cast<uint32_t>(rng.Below(4));
    const int64_t dims = int64_t{features} * frames;
    const train::KMeansModel m = RandomModel(rng, 1 + static_cast<int64_t>(rng.Below(6)), dims, true);
    FloatTables t = Tables(m);
    std::vector<float> offset, scale;
    for (uint32_t f = 0; f < features; ++f) {
      offset.push_back(static_cast<float>(100 * rng.Normal()));
      scale.push_back(static_cast<float>(0.01 + rng.Uniform()));
    }
    t.tables.norm = {features, offset.data(), scale.data()};
    for (int r = 0; r < 20; ++r) {
      std::vector<float> raw(dims);
      for (int64_t d = 0; d < dims; ++d) raw[d] = offset[d % features] + static_cast<float>(3 * rng.Normal()) / scale[d % features];
      // The host normalizes with micro/dsp (FeatureNormalization::Apply), then scores.
      std::vector<float> normalized(dims);
      dsp::ApplyNormalization(t.tables.norm, raw.data(), frames, normalized.data());
      KMeansTables plain = t.tables;
      plain.norm = {};
      const KMeansResult folded = KMeansScore(t.tables, raw.data()), apart = KMeansScore(plain, normalized.data());
      // The same float operations in the same order: the same bits.
      EXPECT_EQ(folded.cluster, apart.cluster);
      EXPECT_EQ(dsp::FloatBits(folded.score), dsp::FloatBits(apart.score));
      double d2 = 0;
      const int64_t c = m.Nearest(normalized, &d2);
      EXPECT_EQ(static_cast<int64_t>(folded.cluster), c);
      EXPECT_NEAR(folded.score, m.Score(normalized), Bound(m, c, std::sqrt(d2)));
    }
  }
}

TEST(KMeansScoreTest, TiesGoToTheLowestClusterAndAnEmptyModelScoresZero) {
  const float centroids[] = {1, 1, -1, -1, 1, 1};
  const float spread[] = {2, 4, 8};
  KMeansTables t{3, 2, centroids, spread, true, {}};
  const float row[] = {1, 1};
  const KMeansResult r = KMeansScore(t, row);
  EXPECT_EQ(r.cluster, 0u);  // clusters 0 and 2 are equally near
  EXPECT_EQ(r.score, 0.0f);
  const float far[] = {4, 5};  // 3-4-5 from cluster 0
  EXPECT_EQ(KMeansScore(t, far).score, 2.5f);
  t.scale_by_spread = false;
  EXPECT_EQ(KMeansScore(t, far).score, 5.0f);
  EXPECT_EQ(KMeansScore(KMeansTables{}, row).score, 0.0f);
}

}  // namespace
}  // namespace mote::anomaly
