// `mote data synth vibration`: bearing defect frequencies against published
// figures, and the spectral signature of each condition.
#include <gtest/gtest.h>

#include "data/synth/vibration_generator.h"
#include "data/synth_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

using testing::AccelCsv;

TEST(SynthVibration, DefectFrequenciesOfA6205Bearing) {
  // Published multiples of running speed for a 6205 (9 balls, d = 7.94 mm,
  // D = 39.04 mm, 0 degrees): BPFO 3.585, BPFI 5.415, BSF 2.357, FTF 0.398.
  BearingFrequencies f = BearingDefectFrequencies(BearingGeometry(), 10);
  EXPECT_NEAR(f.bpfo, 35.85, 0.01);
  EXPECT_NEAR(f.bpfi, 54.15, 0.01);
  EXPECT_NEAR(f.bsf, 23.57, 0.01);
  EXPECT_NEAR(f.ftf, 3.98, 0.01);
  // A contact angle shortens the effective ball ratio: BPFO rises, BPFI falls.
  BearingGeometry angled;
  angled.contact_angle_deg = 40;
  BearingFrequencies g = BearingDefectFrequencies(angled, 10);
  EXPECT_GT(g.bpfo, f.bpfo);
  EXPECT_LT(g.bpfi, f.bpfi);
  EXPECT_NEAR(g.bpfo + g.bpfi, 9 * 10, 1e-9);  // n * fr whatever the angle
}

// Mean power at `hz` (+-1 Hz, the bin width of a 1 s recording) on the load
// axis Y, over `files` recordings of `label` at a fixed 1500 rpm.
double MeanPower(const std::string& label, double hz, int files = 4) {
  VibrationOptions o;
  o.rpm_min = o.rpm_max = 1500;
  auto generator = MakeVibrationGenerator(o);
  EXPECT_TRUE(generator.ok()) << generator.status().ToString();
  double total = 0;
  for (int i = 0; i < files; ++i) {
    SynthRandom rng = SynthRandom::ForFile(3, "vibration", label, i);
    Result<std::string> text = (*generator)->Render(label, i, rng);
    EXPECT_TRUE(text.ok()) << text.status().ToString();
    AccelCsv csv = testing::ParseAccelCsv(*text);
    EXPECT_EQ(csv.frames.size(), 1000u);
    std::vector<double> y = csv.Axis(1);
    double best = 0;
    for (double d = -1; d <= 1; d += 0.25) best = std::max(best, testing::PowerAt(y, o.sample_rate_hz, hz + d));
    total += best;
  }
  return total / files;
}

constexpr double kShaftHz = 25;  // 1500 rpm

TEST(SynthVibration, OuterRaceFaultHasEnergyAtBpfoThatNormalLacks) {
  double bpfo = BearingDefectFrequencies(BearingGeometry(), kShaftHz).bpfo;  // 89.6 Hz
  double fault = MeanPower("outer_race", bpfo), normal = MeanPower("normal", bpfo);
  EXPECT_GT(fault, 20 * normal) << "fault " << fault << ", normal " << normal;
}

TEST(SynthVibration, InnerRaceFaultHasShaftSidebandsAroundBpfi) {
  double bpfi = BearingDefectFrequencies(BearingGeometry(), kShaftHz).bpfi;  // 135.4 Hz
  for (double hz : {bpfi - kShaftHz, bpfi, bpfi + kShaftHz}) {
    double fault = MeanPower("inner_race", hz), normal = MeanPower("normal", hz);
    EXPECT_GT(fault, 20 * normal) << hz << " Hz: fault " << fault << ", normal " << normal;
  }
}

TEST(SynthVibration, NormalRunsAtShaftSpeedAndImbalanceRaisesIt) {
  double normal = MeanPower("normal", kShaftHz), imbalance = MeanPower("imbalance", kShaftHz);
  EXPECT_GT(imbalance, 4 * normal);
  // The 1x harmonic dominates a healthy motor's spectrum (gravity is DC).
  VibrationOptions o;
  o.rpm_min = o.rpm_max = 1500;
  auto generator = MakeVibrationGenerator(o);
  ASSERT_TRUE(generator.ok());
  SynthRandom rng = SynthRandom::ForFile(1, "vibration", "normal", 0);
  AccelCsv csv = testing::ParseAccelCsv(*(*generator)->Render("normal", 0, rng));
  EXPECT_NEAR(testing::DominantHz({csv.Axis(0), csv.Axis(1)}, 1000, 5, 499, 0.5), kShaftHz, 1);
  double mean_z = 0;
  for (double z : csv.Axis(2)) mean_z += z / 1000;
  EXPECT_NEAR(mean_z, 9.81, 0.05);
}

TEST(SynthVibration, RejectsResonanceAboveNyquist) {
  VibrationOptions o;
  o.resonance_hz = 600;
  Status s = MakeVibrationGenerator(o).status();
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.message().find("--resonance-hz"), std::string::npos) << s.message();
}

TEST(SynthVibration, SameSeedSameBytes) {
  testing::TempDir dir;
  auto run = [&](const std::string& out, const std::string& seed) {
    auto r = testing::RunMote({"data", "synth", "vibration", "--count", "2", "--seed", seed, "--out", out,
                               "--no-import", "-q"},
                              dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> contents;
    for (const auto& f : testing::FilesUnder(dir / out)) contents.push_back(testing::ReadAll(f));
    return contents;
  };
  auto a = run("a", "9"), b = run("b", "9"), c = run("c", "10");
  ASSERT_EQ(a.size(), 10u);  // 5 conditions x 2
  EXPECT_EQ(a, b);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NE(a[i], c[i]) << i;
}

TEST(SynthVibration, BadFlagIsAOneLineUsageErrorAndWritesNothing) {
  testing::TempDir dir;
  auto r = testing::RunMote({"data", "synth", "vibration", "--sample-rate", "100", "--out", "x", "--no-import"},
                            dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "mote: error: --rpm-max: the 3x harmonic (90 Hz) must be below half the sample rate (50 Hz)\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "x"));
}

}  // namespace
}  // namespace mote
