// FitKMeans on separated Gaussian blobs: the centroids come back, a seed
// gives identical results, and rows away from the blobs score higher.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "train/kmeans.h"
#include "train/rng.h"

namespace mote::train {
namespace {

const double kCenters[3][2] = {{0, 0}, {10, 0}, {0, 10}};

// 100 rows around each center, standard deviation 0.5 per axis.
std::vector<float> Blobs(uint64_t seed) {
  Rng rng(seed);
  std::vector<float> rows;
  for (int i = 0; i < 100; ++i) {
    for (const auto& c : kCenters) {
      rows.push_back(static_cast<float>(c[0] + 0.5 * rng.Normal()));
      rows.push_back(static_cast<float>(c[1] + 0.5 * rng.Normal()));
    }
  }
  return rows;
}

TEST(KMeansTest, RecoversTheCentersOfSeparatedBlobs) {
  const std::vector<float> rows = Blobs(3);
  Result<KMeansModel> m = FitKMeans(rows, 2, {.k = 3, .seed = 5});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->k(), 3);
  for (const auto& c : kCenters) {
    const std::vector<float> center = {static_cast<float>(c[0]), static_cast<float>(c[1])};
    double d2 = 0;
    const int64_t nearest = m->Nearest(center, &d2);
    EXPECT_LT(std::sqrt(d2), 0.25) << "center " << c[0] << "," << c[1];  // mean of 100 draws: sd 0.05 per axis
    EXPECT_EQ(m->sizes[nearest], 100);
    // RMS distance of a 2-D normal with sd 0.5: 0.5 * sqrt(2).
    EXPECT_NEAR(m->spread[nearest], 0.5 * std::sqrt(2.0), 0.08);
  }
}

TEST(KMeansTest, SameSeedSameCentroids) {
  const std::vector<float> rows = Blobs(4);
  const KMeansModel a = *FitKMeans(rows, 2, {.k = 5, .seed = 9});
  const KMeansModel b = *FitKMeans(rows, 2, {.k = 5, .seed = 9});
  EXPECT_EQ(a.centroids, b.centroids);
  EXPECT_EQ(a.sizes, b.sizes);
}

TEST(KMeansTest, ScoresGrowAwayFromTheClusters) {
  const std::vector<float> rows = Blobs(6);
  for (bool scaled : {false, true}) {
    const KMeansModel m = *FitKMeans(rows, 2, {.k = 3, .seed = 1, .scale_by_spread = scaled});
    const std::vector<float> probes = {0.2f, -0.1f, 5, 5, 20, 20};
    const std::vector<double> s = m.Scores(probes);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_LT(s[0], s[1]);
    EXPECT_LT(s[1], s[2]);
    if (!scaled) {
      EXPECT_NEAR(s[2], std::hypot(10, 20), 0.2);  // nearest center (0, 10)
    }
  }
}

TEST(KMeansTest, RejectsTooFewRowsAndBadValues) {
  EXPECT_FALSE(FitKMeans(std::vector<float>{1, 2, 3, 4}, 2, {.k = 3}).ok());
  EXPECT_FALSE(FitKMeans(std::vector<float>{1, 2, 3}, 2, {.k = 1}).ok());
  EXPECT_FALSE(FitKMeans(std::vector<float>{1, NAN, 3, 4}, 2, {.k = 1}).ok());
  // Identical rows: a cluster with no spread still gives finite scores.
  const KMeansModel m = *FitKMeans(std::vector<float>{1, 1, 1, 1, 1, 1}, 2, {.k = 2});
  EXPECT_TRUE(std::isfinite(m.Score(std::vector<float>{2, 2})));
}

}  // namespace
}  // namespace mote::train
