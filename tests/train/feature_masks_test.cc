// Feature masks (SpecAugment): a row loses one band of frames and one band
// of features, no wider than asked, and keeps every other value; the draws
// depend on (seed, epoch, example) only; off, nothing changes.
#include "train/feature_masks.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace mote::train {
namespace {

constexpr int64_t kFrames = 49, kFeatures = 13;

std::vector<float> Ramp() {
  std::vector<float> row(kFrames * kFeatures);
  std::iota(row.begin(), row.end(), 1.0f);  // no zero before masking
  return row;
}

// Which frames are zero throughout and which features are zero in every frame.
std::pair<std::vector<int64_t>, std::vector<int64_t>> ZeroBands(const std::vector<float>& row) {
  std::vector<int64_t> frames, features;
  for (int64_t f = 0; f < kFrames; ++f) {
    bool all = true;
    for (int64_t k = 0; k < kFeatures; ++k) all = all && row[f * kFeatures + k] == 0;
    if (all) frames.push_back(f);
  }
  for (int64_t k = 0; k < kFeatures; ++k) {
    bool all = true;
    for (int64_t f = 0; f < kFrames; ++f) all = all && row[f * kFeatures + k] == 0;
    if (all) features.push_back(k);
  }
  return {frames, features};
}

bool Consecutive(const std::vector<int64_t>& v) {
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i] != v[i - 1] + 1) return false;
  }
  return true;
}

TEST(FeatureMasksTest, ZeroOneBandOfFramesAndOneOfFeaturesAndNothingElse) {
  Rng rng(3);
  size_t widest_time = 0, widest_freq = 0;
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<float> row = Ramp();
    MaskFeatureRow({.time = 8, .freq = 3}, kFrames, &rng, row);
    const auto [frames, features] = ZeroBands(row);
    ASSERT_LE(frames.size(), 8u);
    ASSERT_LE(features.size(), 3u);
    ASSERT_TRUE(Consecutive(frames) && Consecutive(features));
    widest_time = std::max(widest_time, frames.size());
    widest_freq = std::max(widest_freq, features.size());
    const std::vector<float> original = Ramp();
    for (int64_t f = 0; f < kFrames; ++f) {
      for (int64_t k = 0; k < kFeatures; ++k) {
        const bool masked = std::count(frames.begin(), frames.end(), f) || std::count(features.begin(), features.end(), k);
        ASSERT_EQ(row[f * kFeatures + k], masked ? 0.0f : original[f * kFeatures + k]) << f << " " << k;
      }
    }
  }
  EXPECT_EQ(widest_time, 8u);  // the widths reach their limits
  EXPECT_EQ(widest_freq, 3u);
}

TEST(FeatureMasksTest, BandsNoWiderThanTheRow) {
  Rng rng(5);
  std::vector<float> row = Ramp();
  MaskFeatureRow({.time = 1000, .freq = 1000}, kFrames, &rng, row);  // may zero everything, never beyond
  EXPECT_EQ(row.size(), static_cast<size_t>(kFrames * kFeatures));
}

TEST(FeatureMasksTest, BatchDrawsDependOnSeedEpochAndExampleOnly) {
  const std::vector<int64_t> rows = {4, 9, 2};
  Tensor<float> batch({3, kFrames, kFeatures});
  for (int i = 0; i < 3; ++i) std::copy_n(Ramp().begin(), kFrames * kFeatures, batch.data() + i * kFrames * kFeatures);
  Tensor<float> reordered = batch, other_epoch = batch, off = batch;
  MaskFeatureBatch({.time = 8, .freq = 3}, kFrames, 7, 2, rows, &batch);
  const std::vector<int64_t> swapped = {9, 4, 2};
  MaskFeatureBatch({.time = 8, .freq = 3}, kFrames, 7, 2, swapped, &reordered);
  const size_t n = kFrames * kFeatures;
  EXPECT_TRUE(std::equal(batch.data(), batch.data() + n, reordered.data() + n));  // example 4 moved, same masks
  EXPECT_TRUE(std::equal(batch.data() + 2 * n, batch.data() + 3 * n, reordered.data() + 2 * n));
  MaskFeatureBatch({.time = 8, .freq = 3}, kFrames, 7, 3, rows, &other_epoch);
  EXPECT_NE(batch.values(), other_epoch.values());
  MaskFeatureBatch({}, kFrames, 7, 2, rows, &off);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(std::equal(off.data() + i * n, off.data() + (i + 1) * n, Ramp().begin()));
}

}  // namespace
}  // namespace mote::train
