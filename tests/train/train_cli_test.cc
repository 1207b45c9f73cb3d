// `mote train` through the real binary: a motion project with a model:
// and a train: section trains, reports per-epoch metrics and test accuracy,
// is cached the second time, and a bad section is one line with its
// position, and the motion template's features generalize to unseen
// recordings.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "test_util.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

class TrainCliTest : public ::testing::Test {
 protected:
  void SetUp() override { p_ = testing::MakeMotionProject(dir_.path(), 4); }
  void Append(const std::string& text) { testing::AppendToMoteYaml(p_, text); }
  const fs::path& p() const { return p_; }
  testing::TempDir dir_;
  fs::path p_;
};

TEST_F(TrainCliTest, TrainsReportsAndCaches) {
  Append("model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\ntrain:\n  epochs: 3\n  batch_size: 4\n  validation: 0.25\n");
  auto r = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  EXPECT_EQ(m["objective"], "classification");
  EXPECT_EQ(m["epochs"].size(), 3u);
  EXPECT_GE(m["classes"].size(), 2u);
  EXPECT_GT(m["examples"]["train"].get<int64_t>(), 0);
  EXPECT_GT(m["examples"]["test"].get<int64_t>(), 0);
  const double accuracy = m["test"]["accuracy"].get<double>();
  EXPECT_GE(accuracy, 0.0);
  EXPECT_LE(accuracy, 1.0);
  EXPECT_FALSE(m["cached"].get<bool>());
  EXPECT_TRUE(fs::exists(p() / m["output"].get<std::string>() / "weights.bin"));
  // The model file describes itself: mote's reader takes it, with the classes as labels.
  auto inspect = RunMote({"model", "inspect", "--json", m["output"].get<std::string>() + "/model.tflite"}, p());
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  const json model = json::parse(inspect.out);
  EXPECT_EQ(model["mote"]["labels"], m["classes"]);
  EXPECT_EQ(model["mote"]["dsp"]["block"], "spectral");
  EXPECT_EQ(model["unsupported"].size(), 0u);

  auto again = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const json m2 = json::parse(again.out);
  EXPECT_TRUE(m2["cached"].get<bool>());
  EXPECT_EQ(m2["test"], m["test"]);

  // `mote run` has the stage too, and finds it up to date.
  auto run = RunMote({"run", "--json", "-q"}, p());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string train_status;
  const json stages = json::parse(run.out)["stages"];
  for (const json& st : stages) {
    if (st["stage"] == "train") train_status = st["status"];
  }
  EXPECT_EQ(train_status, "skipped");

  // Plain text: one line per epoch and the test accuracy.
  auto text = RunMote({"train", "-q"}, p());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("  epoch   3  loss"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("test accuracy"), std::string::npos) << text.out;
}

// The motion template's features generalize to recordings the model never
// saw: with spectral power instead of dB, peak heights that are noise-level
// in every train window normalized one test window's real peak to z = 5800,
// and the test loss was 129 against a validation loss of 0.48.
TEST(MotionTemplateTest, TestLossStaysNearValidationLoss) {
  testing::TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "--template", "motion"}, dir.path()).exit_code, 0);
  const fs::path p = dir.path() / "p";
  auto synth = RunMote({"data", "synth", "motion", "--count", "25", "--labels", "idle,wave,circle,updown", "-q"}, p);
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  testing::AppendToMoteYaml(p, "model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\n"
                               "train:\n  epochs: 15\n  batch_size: 8\n  lr: 0.01\n  validation: 0.25\n");
  auto r = RunMote({"train", "--json", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  const double val_loss = m["epochs"].back()["val_loss"].get<double>();
  EXPECT_LT(m["test"]["loss"].get<double>(), 4 * val_loss + 0.5) << r.out;
}

TEST_F(TrainCliTest, BadSectionsAreOneLineWithTheirPosition) {
  EXPECT_NE(RunMote({"train", "-q"}, p()).exit_code, 0);  // no model: section
  Append("model:\n  zoo: mlp\ntrain:\n  epochs: 0\n");
  auto r = RunMote({"train", "-q"}, p());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("mote.yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("train.epochs must be >= 1"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(p() / ".mote" / "stages" / "train"));
}

}  // namespace
}  // namespace mote
