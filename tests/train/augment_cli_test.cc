// Augmentation in training, on a motion project and an image project: the
// DSP run in the training loop on the raw windows reproduces the cached
// feature rows when nothing is drawn; `mote train` with `train: augment:` gives bit-identical
// weights and losses for the same seed and thread count (in a copy of the
// project), and other losses than training without augmentation; so do
// feature masks, which work on the cached rows.
#include <gtest/gtest.h>

#include <numeric>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "dsp/image_test_util.h"
#include "features/feature_set.h"
#include "project/project.h"
#include "test_util.h"
#include "train/augmented_batches.h"
#include "train/feature_examples.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

constexpr char kModel[] = "model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\n";
constexpr char kTrain[] = "train:\n  epochs: 3\n  batch_size: 4\n  validation: 0.25\n";

fs::path FeaturesDir(const fs::path& p) {
  for (const auto& e : fs::directory_iterator(p / ".mote" / "stages" / "features")) {
    if (e.is_directory() && e.path().filename().string()[0] != '.') return e.path();
  }
  return {};
}

// Opens the project's features and checks that the augmented batches with
// nothing drawn are its cached train rows.
void ExpectCachedRowsReproduced(const fs::path& p) {
  ASSERT_EQ(RunMote({"features", "-q"}, p).exit_code, 0);
  auto project = Project::Open(p);
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto features = FeatureSet::Open(FeaturesDir(p));
  ASSERT_TRUE(features.ok()) << features.status().ToString();
  const train::Shape shape = train::FeatureInputShape(**features, 1);
  auto ex = train::LoadFeatureExamples(**features, shape, 0, 1);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  auto batches = train::AugmentedBatches::Create(**project, **features, ex->train_index_rows, {}, 1, 2);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const int64_t n = ex->train.count();
  std::vector<int64_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  train::Shape batch_shape = {n};
  batch_shape.insert(batch_shape.end(), shape.begin(), shape.end());
  train::Tensor<float> batch(batch_shape);
  ASSERT_TRUE((*batches)->Apply(1, rows, &batch).ok());
  ASSERT_EQ(batch.values().size(), ex->train.features.size());
  for (size_t i = 0; i < ex->train.features.size(); ++i) {
    ASSERT_NEAR(batch.values()[i], ex->train.features[i], 1e-5f * (1 + std::abs(ex->train.features[i]))) << i;
  }
}

// Trains `p` and a copy made first (same mote.yaml, seed and threads);
// expects the same per-epoch losses and weights and returns the metrics.
json TrainTwiceIdentically(const fs::path& p, const fs::path& copy) {
  fs::copy(p, copy, fs::copy_options::recursive);
  auto a = RunMote({"train", "--json", "-q"}, p);
  auto b = RunMote({"train", "--json", "-q"}, copy);
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  if (a.exit_code != 0 || b.exit_code != 0) return json();
  const json ma = json::parse(a.out), mb = json::parse(b.out);
  EXPECT_EQ(ma["epochs"].size(), mb["epochs"].size());
  for (size_t e = 0; e < ma["epochs"].size(); ++e) EXPECT_EQ(ma["epochs"][e]["loss"], mb["epochs"][e]["loss"]) << e;
  auto wa = ReadFile(p / ma["output"].get<std::string>() / "weights.bin");
  auto wb = ReadFile(copy / mb["output"].get<std::string>() / "weights.bin");
  EXPECT_TRUE(wa.ok() && wb.ok() && *wa == *wb) << "the weights differ";
  return ma;
}

// Eight 40 x 30 RGB images in two labels, as binary PPM files.
fs::path MakeImageProject(const fs::path& dir) {
  EXPECT_EQ(RunMote({"init", "p", "--template", "image"}, dir).exit_code, 0);
  for (uint32_t i = 0; i < 8; ++i) {
    const std::vector<uint8_t> image = dsp::testing::RandomImage(40, 30, 3, 100 + i);
    testing::WriteText(dir / "p/data/images" / (i % 2 ? "cat" : "dog") / (std::to_string(i) + ".ppm"),
                       "P6\n40 30\n255\n" + std::string(image.begin(), image.end()));
  }
  return dir / "p";
}

TEST(AugmentCliTest, TheDspInTheLoopReproducesTheCachedRows) {
  testing::TempDir motion, images;
  ExpectCachedRowsReproduced(testing::MakeMotionProject(motion.path(), 3));
  ExpectCachedRowsReproduced(MakeImageProject(images.path()));
}

TEST(AugmentCliTest, ImagesTrainWithCropFlipAndShiftReproducibly) {
  testing::TempDir dir;
  const fs::path p = MakeImageProject(dir.path()), copy = dir / "copy";
  testing::AppendToMoteYaml(p, "model:\n  zoo: mlp\n  width: 0.1\n  depth: 1\ntrain:\n  epochs: 2\n  batch_size: 2\n"
                               "  validation: 0\n  augment:\n    crop: 0.2\n    flip: true\n    shift_px: 2\n");
  EXPECT_EQ(TrainTwiceIdentically(p, copy)["epochs"].size(), 2u);
}

TEST(AugmentCliTest, SameSeedGivesBitIdenticalTraining) {
  testing::TempDir dir;
  const fs::path p = testing::MakeMotionProject(dir.path(), 4), copy = dir / "copy", plain = dir / "plain";
  fs::copy(p, plain, fs::copy_options::recursive);
  testing::AppendToMoteYaml(plain, std::string(kModel) + kTrain);
  testing::AppendToMoteYaml(p, std::string(kModel) + kTrain +
                                   "  augment:\n    time_shift_ms: 200\n    jitter: 0.2\n    scale: 0.1\n");
  const json ma = TrainTwiceIdentically(p, copy);
  ASSERT_EQ(ma["epochs"].size(), 3u);
  auto c = RunMote({"train", "--json", "-q"}, plain);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(ma["epochs"][0]["loss"], json::parse(c.out)["epochs"][0]["loss"]);  // augmentation changes training

  // A noise label without recordings: one line at its position, nothing recorded.
  testing::AppendToMoteYaml(plain, "  augment:\n    noise_label: hum\n");
  auto bad = RunMote({"train", "-q"}, plain);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("mote.yaml:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find(": train.augment.noise_label has no train recordings: no train sample is labelled 'hum'\n"),
            std::string::npos)
      << bad.err;
  EXPECT_FALSE(fs::exists(plain / "reports" / "runs" / "2"));
}

TEST(AugmentCliTest, FeatureMasksTrainReproduciblyWithoutTheDsp) {
  testing::TempDir dir;
  const fs::path p = testing::MakeMotionProject(dir.path(), 4), copy = dir / "copy", plain = dir / "plain";
  fs::copy(p, plain, fs::copy_options::recursive);
  testing::AppendToMoteYaml(plain, std::string(kModel) + kTrain);
  testing::AppendToMoteYaml(p, std::string(kModel) + kTrain + "  augment:\n    time_mask: 2\n    freq_mask: 3\n");
  const json ma = TrainTwiceIdentically(p, copy);
  ASSERT_EQ(ma["epochs"].size(), 3u);
  auto c = RunMote({"train", "--json", "-q"}, plain);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(ma["epochs"][0]["loss"], json::parse(c.out)["epochs"][0]["loss"]);  // the masks change training
}

}  // namespace
}  // namespace mote
