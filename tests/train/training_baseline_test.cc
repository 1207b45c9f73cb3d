// The training baseline's figures on data whose distribution is known: a
// uniform grid (exact mean, std, quantiles and histogram counts), a
// constant, a seeded standard normal, feature bands for wide rows, and the
// confidence histogram's bins and total.
#include "train/training_baseline.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace mote::train {
namespace {

using json = nlohmann::json;

// `frames` x 2 features per row: feature 0 runs over the grid k / (n - 1)
// in row-major order, feature 1 is the constant 5.
BaselineInput GridInput(std::vector<float>* rows, uint32_t frames, int64_t n) {
  rows->clear();
  for (int64_t k = 0; k < n; ++k) {
    rows->push_back(static_cast<float>(static_cast<double>(k) / static_cast<double>(n - 1)));
    rows->push_back(5.0f);
  }
  BaselineInput in;
  in.frames = frames;
  in.features = 2;
  in.feature_names = {"ramp", "flat"};
  in.train_rows = *rows;
  in.classes = {"a", "b"};
  in.class_mix = {{3, 1}, {1, 0}, {2, 2}};
  in.held_out_split = "validation";
  return in;
}

TEST(TrainingBaselineTest, UniformGridGivesExactStatisticsQuantilesAndCounts) {
  std::vector<float> rows;
  const int64_t n = 1000;  // 500 examples of 2 frames
  const json b = TrainingBaselineJson(GridInput(&rows, 2, n));
  EXPECT_EQ(b["format"], "mote-training-baseline");
  EXPECT_EQ(b["version"], kTrainingBaselineVersion);
  const json& f = b["features"];
  EXPECT_EQ(f["examples"], 500);
  EXPECT_EQ(f["values_per_feature"], n);
  EXPECT_EQ(f["names"], json({"ramp", "flat"}));
  const json& per = f["per_feature"];
  // float32 storage of k / 999 is within 6e-8 of it.
  EXPECT_NEAR(per["mean"][0].get<double>(), 0.5, 1e-7);
  // The population variance of k / (n - 1), k < n: (n + 1) / (12 (n - 1)).
  EXPECT_NEAR(per["std"][0].get<double>(), std::sqrt((n + 1.0) / (12.0 * (n - 1.0))), 1e-7);
  EXPECT_EQ(per["min"][0].get<double>(), 0.0);
  EXPECT_EQ(per["max"][0].get<double>(), 1.0);
  ASSERT_EQ(f["quantile_probabilities"].size(), std::size(kBaselineQuantiles));
  for (size_t q = 0; q < std::size(kBaselineQuantiles); ++q) {
    EXPECT_NEAR(per["quantiles"][0][q].get<double>(), kBaselineQuantiles[q], 1e-7) << q;
    EXPECT_DOUBLE_EQ(per["quantiles"][1][q].get<double>(), 5.0) << q;
  }
  EXPECT_DOUBLE_EQ(per["mean"][1].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(per["std"][1].get<double>(), 0.0);

  const json& h = f["histograms"];
  EXPECT_EQ(h["channel"], "feature");
  ASSERT_EQ(h["channels"].size(), 2u);
  const json& ramp = h["channels"][0];
  EXPECT_EQ(ramp["name"], "ramp");
  EXPECT_EQ(ramp["features"], json({0, 1}));
  ASSERT_EQ(ramp["edges"].size(), static_cast<size_t>(kFeatureHistogramBins + 1));
  EXPECT_NEAR(ramp["edges"][0].get<double>(), 0.01, 1e-7);
  EXPECT_NEAR(ramp["edges"][kFeatureHistogramBins].get<double>(), 0.99, 1e-7);
  // Below 0.01: k = 0..9; above 0.99: k = 990..999; the rest in 16 bins of
  // 0.98 / 16 = 0.06125, i.e. 61 or 62 grid points each.
  EXPECT_EQ(ramp["below"], 10);
  EXPECT_EQ(ramp["above"], 10);
  int64_t total = 0;
  for (const json& c : ramp["counts"]) {
    EXPECT_GE(c.get<int64_t>(), 61);
    EXPECT_LE(c.get<int64_t>(), 62);
    total += c.get<int64_t>();
  }
  EXPECT_EQ(total, 980);
  EXPECT_EQ(ramp["count"], n);
  // A constant: its bins widen to 4.5..5.5 and 5 opens bin 8.
  const json& flat = h["channels"][1];
  EXPECT_DOUBLE_EQ(flat["edges"][0].get<double>(), 4.5);
  EXPECT_DOUBLE_EQ(flat["edges"][kFeatureHistogramBins].get<double>(), 5.5);
  EXPECT_EQ(flat["counts"][8], n);

  const json& classes = b["classes"];
  EXPECT_EQ(classes["train"], json({3, 1}));
  EXPECT_EQ(classes["validation"], json({1, 0}));
  EXPECT_EQ(classes["test"], json({2, 2}));
  EXPECT_DOUBLE_EQ(classes["train_fraction"][0].get<double>(), 0.75);
}

TEST(TrainingBaselineTest, StandardNormalFeatureHasItsKnownMomentsAndQuantiles) {
  std::mt19937 gen(7);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> rows(200000);
  for (float& v : rows) v = normal(gen);
  BaselineInput in;
  in.frames = 1;
  in.features = 1;
  in.feature_names = {"x"};
  in.train_rows = rows;
  in.classes = {"a"};
  in.class_mix = {{200000}, {0}, {0}};
  const json per = TrainingBaselineJson(in)["features"]["per_feature"];
  EXPECT_NEAR(per["mean"][0].get<double>(), 0.0, 0.01);
  EXPECT_NEAR(per["std"][0].get<double>(), 1.0, 0.01);
  // Standard normal quantiles at 1, 5, 25, 50, 75, 95, 99 %.
  const double expected[] = {-2.3263, -1.6449, -0.6745, 0.0, 0.6745, 1.6449, 2.3263};
  for (size_t q = 0; q < std::size(expected); ++q) {
    EXPECT_NEAR(per["quantiles"][0][q].get<double>(), expected[q], 0.03) << kBaselineQuantiles[q];
  }
}

TEST(TrainingBaselineTest, WideRowsAreHistogrammedAsBandMeans) {
  const uint32_t features = 40;
  std::vector<float> rows;
  for (int r = 0; r < 10; ++r)
    for (uint32_t f = 0; f < features; ++f) rows.push_back(static_cast<float>(f));
  BaselineInput in;
  in.frames = 1;
  in.features = features;
  for (uint32_t f = 0; f < features; ++f) in.feature_names.push_back("f" + std::to_string(f));
  in.train_rows = rows;
  in.classes = {"a"};
  in.class_mix = {{10}, {0}, {0}};
  const json b = TrainingBaselineJson(in);
  EXPECT_EQ(b["features"]["per_feature"]["mean"].size(), features);
  const json& h = b["features"]["histograms"];
  EXPECT_EQ(h["channel"], "band_mean");
  ASSERT_EQ(h["channels"].size(), static_cast<size_t>(kMaxHistogramChannels));
  uint32_t next = 0;
  for (const json& c : h["channels"]) {
    const uint32_t first = c["features"][0], last = c["features"][1];
    EXPECT_EQ(first, next);  // contiguous, covering every feature once
    EXPECT_GT(last, first);
    next = last;
    // Feature f is constantly f: the band's mean is the middle of its range,
    // every value in the bin that the mean opens, none outside.
    const double mean = (first + last - 1) / 2.0;
    EXPECT_DOUBLE_EQ(c["edges"][0].get<double>(), mean - 0.5);
    EXPECT_EQ(c["counts"][8], 10);
    EXPECT_EQ(c["below"], 0);
    EXPECT_EQ(c["above"], 0);
  }
  EXPECT_EQ(next, features);
  EXPECT_EQ(h["channels"][1]["name"], "f1");
  EXPECT_EQ(h["channels"][3]["name"], "f3..f4");
}

TEST(TrainingBaselineTest, ConfidenceHistogramBinsEveryHeldOutExample) {
  std::vector<float> rows;
  BaselineInput in = GridInput(&rows, 1, 10);
  in.held_out = {0.5, 0.99, 1.0, 0.3, 0.05, 0.26};
  const json c = TrainingBaselineJson(in)["confidence"];
  EXPECT_EQ(c["split"], "validation");
  ASSERT_EQ(c["edges"].size(), static_cast<size_t>(kConfidenceBins + 1));
  EXPECT_DOUBLE_EQ(c["edges"][0].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(c["edges"][kConfidenceBins].get<double>(), 1.0);
  std::vector<int64_t> expected(kConfidenceBins, 0);
  expected[10] = 1;  // 0.5
  expected[19] = 2;  // 0.99, and 1.0 in the closed last bin
  expected[6] = 1;   // 0.3 opens bin 6
  expected[1] = 1;   // 0.05
  expected[5] = 1;   // 0.26
  EXPECT_EQ(c["counts"].get<std::vector<int64_t>>(), expected);
  EXPECT_EQ(c["count"], 6);
  EXPECT_NEAR(c["mean"].get<double>(), (0.5 + 0.99 + 1.0 + 0.3 + 0.05 + 0.26) / 6, 1e-12);
  EXPECT_FALSE(TrainingBaselineJson(in).contains("reconstruction_error"));
}

TEST(TrainingBaselineTest, ReconstructionModelsKeepTheirErrorHistogram) {
  std::vector<float> rows;
  BaselineInput in = GridInput(&rows, 1, 10);
  in.measure = HeldOutMeasure::kReconstructionError;
  in.held_out_split = "test";
  for (int i = 0; i < 101; ++i) in.held_out.push_back(i * 0.01);
  const json b = TrainingBaselineJson(in);
  ASSERT_TRUE(b.contains("reconstruction_error"));
  EXPECT_FALSE(b.contains("confidence"));
  const json& e = b["reconstruction_error"];
  EXPECT_EQ(e["split"], "test");
  int64_t total = e["below"].get<int64_t>() + e["above"].get<int64_t>();
  for (const json& c : e["counts"]) total += c.get<int64_t>();
  EXPECT_EQ(total, 101);
  EXPECT_NEAR(e["edges"][0].get<double>(), 0.01, 1e-12);
}

TEST(TrainingBaselineTest, KMeansScoresGoUnderAnomalyScoreBinnedBetweenTheirPercentiles) {
  std::vector<float> rows;
  BaselineInput in = GridInput(&rows, 1, 10);
  in.measure = HeldOutMeasure::kAnomalyScore;
  for (int i = 0; i < 201; ++i) in.held_out.push_back(0.5 + i * 0.02);  // 0.5 .. 4.5
  const json b = TrainingBaselineJson(in);
  for (const char* other : {"confidence", "reconstruction_error"}) EXPECT_FALSE(b.contains(other)) << other;
  ASSERT_TRUE(b.contains("anomaly_score"));
  const json& s = b["anomaly_score"];
  EXPECT_EQ(s["split"], "validation");
  EXPECT_EQ(s["count"], 201);
  // 1st and 99th percentiles of the 201 evenly spaced scores: positions 2 and 198.
  EXPECT_NEAR(s["edges"][0].get<double>(), 0.54, 1e-12);
  EXPECT_NEAR(s["edges"][kFeatureHistogramBins].get<double>(), 4.46, 1e-12);
  EXPECT_EQ(s["below"], 2);
  EXPECT_EQ(s["above"], 2);
  int64_t binned = 0;
  for (const json& c : s["counts"]) binned += c.get<int64_t>();
  EXPECT_EQ(binned, 197);
  EXPECT_NEAR(s["mean"].get<double>(), 2.5, 1e-12);
  EXPECT_EQ(HeldOutKey(HeldOutMeasure::kAnomalyScore), "anomaly_score");
}

}  // namespace
}  // namespace mote::train
