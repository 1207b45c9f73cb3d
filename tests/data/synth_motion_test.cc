// `mote data synth motion`: physical sanity of the gestures and byte-for-byte
// reproducibility of the command's files.
#include <gtest/gtest.h>

#include <cmath>

#include "data/synth/motion_generator.h"
#include "data/synth_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

using testing::AccelCsv;

AccelCsv RenderMotion(const MotionOptions& options, const std::string& label, int64_t index, uint64_t seed = 7) {
  auto generator = MakeMotionGenerator(options);
  EXPECT_TRUE(generator.ok()) << generator.status().ToString();
  SynthRandom rng = SynthRandom::ForFile(seed, "motion", label, index);
  Result<std::string> text = (*generator)->Render(label, index, rng);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return testing::ParseAccelCsv(*text);
}

TEST(SynthMotion, WritesHeaderTimestampsAndLength) {
  MotionOptions o;
  o.frequency_hz = 100;
  o.seconds = 1.5;
  AccelCsv csv = RenderMotion(o, "wave", 0);
  EXPECT_EQ(csv.header, "timestamp_ms,accX (m/s2),accY (m/s2),accZ (m/s2)");
  ASSERT_EQ(csv.frames.size(), 150u);
  EXPECT_EQ(csv.timestamp_ms[0], 0);
  EXPECT_DOUBLE_EQ(csv.timestamp_ms[149], 1490);
}

TEST(SynthMotion, IdleReadsGravity) {
  MotionOptions o;
  for (int i = 0; i < 5; ++i) {
    AccelCsv csv = RenderMotion(o, "idle", i);
    double sum = 0, sum_sq = 0;
    for (const auto& f : csv.frames) {
      double m = std::sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
      sum += m;
      sum_sq += m * m;
    }
    double n = static_cast<double>(csv.frames.size());
    double mean = sum / n, sd = std::sqrt(sum_sq / n - mean * mean);
    EXPECT_NEAR(mean, 9.81, 0.05) << "idle " << i;
    EXPECT_LT(sd, 0.3) << "idle " << i << " should be nearly still";
  }
}

TEST(SynthMotion, OrientationSpreadTiltsGravity) {
  MotionOptions o;
  o.noise = 0;
  o.orientation_spread_deg = 0;
  AccelCsv level = RenderMotion(o, "idle", 0);
  EXPECT_NEAR(level.frames[0][0], 0, 0.1);
  EXPECT_NEAR(level.frames[0][2], 9.81, 0.1);
  o.orientation_spread_deg = 30;
  double max_horizontal = 0;
  for (int i = 0; i < 5; ++i) {
    AccelCsv tilted = RenderMotion(o, "idle", i);
    max_horizontal = std::max(max_horizontal, std::hypot(tilted.frames[0][0], tilted.frames[0][1]));
  }
  EXPECT_GT(max_horizontal, 1.0) << "a 30 degree spread should tilt gravity off the z axis";
}

struct GestureBand {
  const char* label;
  double lo_hz, hi_hz;  // nominal tempo +-25% variation, widened by the DFT's resolution
};

TEST(SynthMotion, DominantFrequencyOfEachGesture) {
  MotionOptions o;
  o.seconds = 4;  // 0.25 Hz resolution
  const GestureBand bands[] = {{"wave", 1.2, 2.8}, {"circle", 0.7, 1.8}, {"updown", 0.9, 2.2}, {"shake", 4.0, 9.3}};
  for (const auto& band : bands) {
    for (int i = 0; i < 4; ++i) {
      AccelCsv csv = RenderMotion(o, band.label, i);
      double hz = testing::DominantHz({csv.Axis(0), csv.Axis(1), csv.Axis(2)}, o.frequency_hz, 0.3, 31, 0.05);
      EXPECT_GE(hz, band.lo_hz) << band.label << " " << i;
      EXPECT_LE(hz, band.hi_hz) << band.label << " " << i;
    }
  }
  // Idle's only movement is physiological tremor (8-12 Hz); seen without sensor noise.
  o.noise = 0;
  AccelCsv idle = RenderMotion(o, "idle", 0);
  double hz = testing::DominantHz({idle.Axis(0), idle.Axis(1), idle.Axis(2)}, o.frequency_hz, 0.3, 31, 0.05);
  EXPECT_GE(hz, 7.5);
  EXPECT_LE(hz, 12.5);
}

double Variance(const std::vector<double>& x) {
  double mean = 0, v = 0;
  for (double a : x) mean += a;
  mean /= static_cast<double>(x.size());
  for (double a : x) v += (a - mean) * (a - mean);
  return v / static_cast<double>(x.size());
}

TEST(SynthMotion, WaveIsHorizontalAndUpDownVertical) {
  MotionOptions o;
  o.orientation_spread_deg = 0;  // device axes = world axes
  for (int i = 0; i < 3; ++i) {
    AccelCsv wave = RenderMotion(o, "wave", i), updown = RenderMotion(o, "updown", i);
    EXPECT_GT(Variance(wave.Axis(0)) + Variance(wave.Axis(1)), 4 * Variance(wave.Axis(2))) << i;
    EXPECT_GT(Variance(updown.Axis(2)), 4 * (Variance(updown.Axis(0)) + Variance(updown.Axis(1)))) << i;
  }
}

TEST(SynthMotion, RejectsOutOfRangeOptions) {
  MotionOptions o;
  o.frequency_hz = 0;
  EXPECT_NE(MakeMotionGenerator(o).status().message().find("--frequency"), std::string::npos);
  o = MotionOptions();
  o.variation = 1.5;
  EXPECT_NE(MakeMotionGenerator(o).status().message().find("--variation"), std::string::npos);
}

std::vector<std::string> ReadTree(const std::filesystem::path& dir) {
  std::vector<std::string> contents;
  for (const auto& f : testing::FilesUnder(dir))
    contents.push_back(std::filesystem::relative(f, dir).string() + "\n" + testing::ReadAll(f));
  return contents;
}

TEST(SynthMotion, SameSeedSameBytesAcrossRunsAndJobCounts) {
  testing::TempDir dir;
  auto run = [&](const std::string& out, const std::string& seed, const std::string& jobs) {
    auto r = testing::RunMote({"data", "synth", "motion", "--count", "3", "--seed", seed, "--jobs", jobs, "--out",
                               out, "--no-import", "-q"},
                              dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ReadTree(dir / out);
  };
  auto a = run("a", "5", "1"), b = run("b", "5", "2"), c = run("c", "6", "2");
  ASSERT_EQ(a.size(), 15u);  // 5 gestures x 3
  EXPECT_EQ(a, b);
  ASSERT_EQ(c.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NE(a[i], c[i]) << "seed 6 repeated seed 5's file " << i;
}

TEST(SynthMotion, UnknownLabelIsAOneLineUsageError) {
  testing::TempDir dir;
  auto r = testing::RunMote({"data", "synth", "motion", "--labels", "wave,jump", "--out", "x", "--no-import"},
                            dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "mote: error: --labels jump: not a motion label (known: idle, wave, circle, updown, shake)\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "x"));
}

}  // namespace
}  // namespace mote
