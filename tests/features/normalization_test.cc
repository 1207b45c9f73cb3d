// Normalization: statistics as a two-pass double computation gives them, the
// (offset, scale) formulas, the device function, the files, and above all:
// computed on the train split only.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>

#include "core/file_util.h"
#include "data/dataset_manifest.h"
#include "features/feature_normalization.h"
#include "features/feature_set.h"
#include "features/feature_set_builder.h"
#include "features/feature_statistics.h"
#include "dsp/dsp_test_util.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/int8_quantize.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/normalize.h"
#include "project/project.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

TEST(FeatureStatistics, MatchesTwoPassDouble) {
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0.0f, 0.01f);
  const uint32_t features = 3, rows = 1000;
  std::vector<float> values(rows * features);
  for (uint32_t r = 0; r < rows; ++r) {
    values[r * features + 0] = -95.0f + noise(rng);  // large mean, tiny spread
    values[r * features + 1] = static_cast<float>(r % 7);
    values[r * features + 2] = 3.0f;  // constant
  }
  FeatureStatistics s(features);
  s.Add(values.data(), 400);
  s.Add(values.data() + 400 * features, rows - 400);
  ASSERT_EQ(s.count(), rows);
  for (uint32_t f = 0; f < features; ++f) {
    double sum = 0, sq = 0;
    float lo = values[f], hi = values[f];
    for (uint32_t r = 0; r < rows; ++r) sum += values[r * features + f];
    const double mean = sum / rows;
    for (uint32_t r = 0; r < rows; ++r) {
      const double d = values[r * features + f] - mean;
      sq += d * d;
      lo = std::min(lo, values[r * features + f]);
      hi = std::max(hi, values[r * features + f]);
    }
    EXPECT_NEAR(s.mean(f), mean, 1e-9 * std::max(1.0, std::fabs(mean))) << f;
    EXPECT_NEAR(s.stddev(f), std::sqrt(sq / rows), 1e-9) << f;
    EXPECT_EQ(s.min(f), lo);
    EXPECT_EQ(s.max(f), hi);
  }
  EXPECT_EQ(s.stddev(2), 0.0);
}

TEST(FeatureNormalization, FormulasAndTheDeviceFunction) {
  FeatureStatistics s(2);
  const std::vector<float> rows = {1, 10, 3, 10, 5, 10, 7, 10};  // feature 0: 1,3,5,7; feature 1 constant
  s.Add(rows.data(), 4);
  FeatureNormalization standard = FeatureNormalization::FromTrain(NormalizeMode::kStandard, s);
  EXPECT_FLOAT_EQ(standard.offset[0], 4.0f);
  EXPECT_FLOAT_EQ(standard.scale[0], static_cast<float>(1 / std::sqrt(5.0)));
  EXPECT_FLOAT_EQ(standard.offset[1], 10.0f);
  EXPECT_FLOAT_EQ(standard.scale[1], 1.0f);  // constant: shifted, not blown up
  FeatureNormalization minmax = FeatureNormalization::FromTrain(NormalizeMode::kMinMax, s);
  EXPECT_FLOAT_EQ(minmax.offset[0], 1.0f);
  EXPECT_FLOAT_EQ(minmax.scale[0], 1.0f / 6.0f);
  FeatureNormalization none = FeatureNormalization::FromTrain(NormalizeMode::kNone, s);
  EXPECT_EQ(none.offset, (std::vector<float>{0, 0}));
  EXPECT_EQ(none.scale, (std::vector<float>{1, 1}));

  std::vector<float> y = rows;
  minmax.Apply(y.data(), 4);
  EXPECT_EQ(y, (std::vector<float>{0, 0, 2.0f / 6, 0, 4.0f / 6, 0, 1, 0}));
  // The device entry point, out of place, with its own arrays.
  const float offset[2] = {1, 2}, scale[2] = {2, -1};
  const float in[4] = {1, 2, 3, 4};
  float out[4];
  dsp::ApplyNormalization({2, offset, scale}, in, 2, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{0, 0, 4, -2}));
}

// Q15 MFCC features of `seconds` of speech-like audio (seed `seed`).
std::vector<int16_t> Q15Mfcc(uint32_t seed, uint32_t* frames) {
  const std::vector<int16_t> pcm =
      dsp::testing::ToQ15(dsp::testing::SpeechLikeSignal(16000, 16000, seed));
  dsp::MfccParams params;
  params.noise_floor_db = -60;
  std::vector<uint8_t> memory(dsp::MfccQ15::WorkspaceBytes(params));
  dsp::Arena arena(memory.data(), memory.size());
  dsp::MfccQ15 block;
  EXPECT_EQ(block.Init(params, &arena), dsp::DspStatus::kOk);
  const dsp::FeatureShape shape = dsp::MfccOutputShape(params, 16000);
  std::vector<int16_t> out(shape.size());
  EXPECT_EQ(block.Compute(dsp::Signal(pcm.data(), pcm.size()), out.data(), out.size()), dsp::DspStatus::kOk);
  *frames = shape.frames;
  return out;
}

// The fixed-point path against the float one: the float path normalizes
// q / 64 in float and quantizes with the model's (scale, zero point); the
// integer tables must give the same int8, or one off at a rounding tie.
TEST(FeatureNormalization, Int8InputFromQ15FeaturesMatchesTheFloatPath) {
  uint32_t frames = 0;
  std::vector<int16_t> train_q, test_q;
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    std::vector<int16_t> q = Q15Mfcc(seed, &frames);
    (seed <= 3 ? train_q : test_q).insert((seed <= 3 ? train_q : test_q).end(), q.begin(), q.end());
  }
  const uint32_t features = 13;
  std::vector<float> train(train_q.size());
  for (size_t i = 0; i < train.size(); ++i) train[i] = train_q[i] * dsp::kFeatureStep;
  FeatureStatistics stats(features);
  stats.Add(train.data(), static_cast<uint32_t>(train.size() / features));

  struct Quantization {
    NormalizeMode mode;
    double scale;
    int32_t zero_point;
  };
  int64_t values = 0, differing = 0;
  for (const Quantization& qz : {Quantization{NormalizeMode::kStandard, 8.0 / 255, 0},
                                 Quantization{NormalizeMode::kStandard, 0.0123, -7},
                                 Quantization{NormalizeMode::kStandard, 0.005, 20},  // saturates often
                                 Quantization{NormalizeMode::kMinMax, 1.0 / 255, -128},
                                 Quantization{NormalizeMode::kNone, 0.37, 3}}) {
    const FeatureNormalization n = FeatureNormalization::FromTrain(qz.mode, stats);
    auto tables = n.FoldForInt8Input(dsp::kFeatureStep, qz.scale, qz.zero_point);
    ASSERT_TRUE(tables.ok()) << tables.status().ToString();
    std::vector<int8_t> got(test_q.size());
    dsp::NormalizeQ15ToInt8(tables->View(), test_q.data(), static_cast<uint32_t>(test_q.size() / features), got.data());
    for (size_t i = 0; i < test_q.size(); ++i) {
      const uint32_t f = i % features;
      const float y = (test_q[i] * dsp::kFeatureStep - n.offset[f]) * n.scale[f];
      const int8_t want = dsp::QuantizeInt8(y, static_cast<float>(qz.scale), qz.zero_point);
      ASSERT_LE(std::abs(got[i] - want), 1) << i;
      if (got[i] != want) {
        // Only near a tie: the exact value is within 1e-4 of a half step (float
        // rounding in the reference).
        const double exact = (test_q[i] * static_cast<double>(dsp::kFeatureStep) - n.offset[f]) * n.scale[f] / qz.scale;
        EXPECT_LT(std::fabs(exact - std::floor(exact) - 0.5), 1e-4) << i << " " << exact;
      }
      ++values;
      differing += got[i] != want;
    }
  }
  std::cout << "[ measure  ] Q15 -> int8 normalization vs the float path: " << differing << " of " << values
            << " values differ (by 1)\n";

  // Extremes: the whole int16 range saturates cleanly, a constant feature
  // keeps scale 1, impossible quantizations are refused.
  FeatureNormalization wide;
  wide.offset = {-100.0f, 0.0f, 3.0f};
  wide.scale = {0.01f, 1.0f, 1e-3f};
  auto t = wide.FoldForInt8Input(dsp::kFeatureStep, 1.0 / 128, 0);
  ASSERT_TRUE(t.ok());
  const int16_t in[6] = {INT16_MIN, INT16_MIN, INT16_MIN, INT16_MAX, INT16_MAX, INT16_MAX};
  int8_t out[6];
  dsp::NormalizeQ15ToInt8(t->View(), in, 2, out);
  for (int i = 0; i < 6; ++i) {
    const float y = (in[i] * dsp::kFeatureStep - wide.offset[i % 3]) * wide.scale[i % 3];
    EXPECT_EQ(out[i], dsp::QuantizeInt8(y, 1.0f / 128, 0)) << i;
  }
  EXPECT_EQ(wide.FoldForInt8Input(dsp::kFeatureStep, 0, 0).status().message(),
            "int8 input scale must be a positive number, got 0.000000");
  EXPECT_EQ(wide.FoldForInt8Input(dsp::kFeatureStep, 0.1, 128).status().message(),
            "int8 input zero point must be in [-128, 127], got 128");
  EXPECT_EQ(wide.FoldForInt8Input(dsp::kFeatureStep, 1e-10, 0).status().message(),
            "feature 1: step * scale / input scale is 156250000.000000, outside what int8 input can represent");
}

TEST(FeatureNormalization, FilesRoundTripAndDamageIsNamed) {
  testing::TempDir dir;
  FeatureNormalization n;
  n.mode = NormalizeMode::kStandard;
  n.train_rows = 12;
  n.offset = {1.5f, -2.25f, 1e-7f};
  n.scale = {0.1f, 3.0f, 7.0f};
  ASSERT_TRUE(n.Write(dir.path()).ok());
  auto back = FeatureNormalization::Read(dir.path());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->mode, NormalizeMode::kStandard);
  EXPECT_EQ(back->train_rows, 12);
  EXPECT_EQ(back->offset, n.offset);
  EXPECT_EQ(back->scale, n.scale);
  auto bytes = ReadFile(dir / "normalization.bin");
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 12u + 3 * 8);
  EXPECT_EQ(bytes->substr(0, 4), "MNRM");
  ASSERT_TRUE(WriteFileAtomically(dir / "normalization.bin", "MNRX" + bytes->substr(4)).ok());
  auto bad = FeatureNormalization::Read(dir.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            (dir / "normalization.bin").string() + ": byte 0: not a normalization file (magic MNRM)");
}

// A project whose one-axis series are ~1 in train and ~1000 in test.
class TrainOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteText(dir_ / "mote.yaml",
                       "project:\n  name: t\nwindow:\n  size_ms: 1000\ndsp:\n  block: raw\n  normalize: standard\n");
    auto p = Project::Open(dir_.path());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    project_ = std::move(*p);
    auto session = (*project_->store())->BeginImport(0.2, "test");
    ASSERT_TRUE(session.ok());
    for (int i = 0; i < 8; ++i) {
      const bool test = i >= 6;
      ImportedSample s;
      std::vector<float> v(10);
      for (size_t k = 0; k < v.size(); ++k)
        v[k] = (test ? 1000.0f : 1.0f) + static_cast<float>((i * 3 + k) % 5) + 0.01f * static_cast<float>(i);
      s.data = SampleData::FromF32({10, 1}, v);
      s.sample_rate_hz = 10;
      s.axes = {{"x", ""}};
      s.source = "s" + std::to_string(i);
      s.split = test ? Split::kTest : Split::kTrain;
      for (float x : v) (test ? test_values_ : train_values_).push_back(x);
      ASSERT_TRUE((*session)->Add(s, i % 2 ? "a" : "b").ok());
    }
    ASSERT_TRUE((*session)->Commit().ok());
    auto list = (*project_->store())->List(SampleFilter{});
    ASSERT_TRUE(list.ok());
    for (const SampleInfo& s : *list) manifest_.samples.push_back({s.id, s.hash, s.label, s.split});
  }
  Result<std::string> Build(const fs::path& out, int threads) {
    fs::create_directories(out);
    FeatureBuildOptions o;
    o.threads = threads;
    o.show_progress = false;
    return BuildFeatureSet(*project_, manifest_, out, o);
  }
  testing::TempDir dir_;
  std::unique_ptr<Project> project_;
  DatasetManifest manifest_;
  std::vector<float> train_values_, test_values_;
};

TEST_F(TrainOnlyTest, FarOffTestValuesDoNotShiftTheStatistics) {
  auto digest = Build(dir_ / "out", 2);
  ASSERT_TRUE(digest.ok()) << digest.status().ToString();
  auto set = FeatureSet::Open(dir_ / "out");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  double mean = 0, sq = 0;
  for (float x : train_values_) mean += x;
  mean /= train_values_.size();
  for (float x : train_values_) sq += (x - mean) * (x - mean);
  const double sd = std::sqrt(sq / train_values_.size());
  const FeatureNormalization& n = (*set)->normalization();
  EXPECT_EQ(n.train_rows, 6 * 10);
  EXPECT_NEAR(n.offset[0], mean, 1e-5);  // ~3, not ~250
  EXPECT_NEAR(n.scale[0], 1 / sd, 1e-5);
  // stats.json describes every row, test included.
  EXPECT_GT((*set)->stats()["features"]["mean"][0].get<double>(), 200);
  // Normalized train rows have mean 0; the test rows stay far off.
  auto rows = (*set)->ReadRows(0, (*set)->rows(), /*normalized=*/true);
  ASSERT_TRUE(rows.ok());
  double train_sum = 0;
  for (uint32_t r = 0; r < (*set)->rows(); ++r) {
    const FeatureRow& row = (*set)->index()[r];
    for (uint32_t t = 0; t < 10; ++t) {
      const float v = (*rows)[r * 10 + t];
      if (row.split == Split::kTrain) train_sum += v;
      else EXPECT_GT(v, 100) << r;
    }
  }
  EXPECT_NEAR(train_sum, 0, 1e-3);
}

TEST_F(TrainOnlyTest, OutputDoesNotDependOnTheThreadCount) {
  auto one = Build(dir_ / "one", 1);
  auto two = Build(dir_ / "two", 2);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(*one, *two);
  EXPECT_EQ(*ReadFile(dir_ / "one" / "features.bin"), *ReadFile(dir_ / "two" / "features.bin"));
  auto set = FeatureSet::Open(dir_ / "two");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ((*set)->rows(), 8u);
  EXPECT_EQ((*set)->shape().frames, 10u);  // 1 s at 10 Hz
  EXPECT_EQ((*set)->index()[0].sample_id, manifest_.samples[0].id);
}

TEST_F(TrainOnlyTest, AllTestMeansNoStatistics) {
  for (ManifestSample& s : manifest_.samples) s.split = Split::kTest;
  auto r = Build(dir_ / "out", 2);
  ASSERT_FALSE(r.ok());
  // The file is named as Project::Open shows it (relative to the working directory).
  EXPECT_TRUE(r.status().message().ends_with(
      "mote.yaml:7:14: dsp.normalize needs samples in the train split; every sample is in test"))
      << r.status().message();
}

}  // namespace
}  // namespace mote
