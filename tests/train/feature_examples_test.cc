// Training on a features stage output: two classes of series (slow and fast
// sines) through the raw block, loaded as examples with a validation split
// by sample, then a 1-D CNN from the zoo trained on them.
#include <cmath>
#include <numbers>
#include <set>

#include <gtest/gtest.h>

#include "data/dataset_manifest.h"
#include "features/feature_set.h"
#include "features/feature_set_builder.h"
#include "project/project.h"
#include "test_util.h"
#include "train/feature_examples.h"
#include "train/model_zoo.h"
#include "train/rng.h"

namespace mote::train {
namespace {

namespace fs = std::filesystem;

class FeatureExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mote::testing::WriteText(dir_ / "mote.yaml",
                             "project:\n  name: t\nwindow:\n  size_ms: 1000\ndsp:\n  block: raw\n  normalize: standard\n");
    auto p = Project::Open(dir_.path());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    project_ = std::move(*p);
    auto session = (*project_->store())->BeginImport(0.2, "test");
    ASSERT_TRUE(session.ok());
    Rng rng(3);
    // 48 samples of 2 s at 25 Hz (two 1 s windows each); every fourth is test.
    for (int i = 0; i < 48; ++i) {
      const bool fast = i % 2 == 1;
      const double hz = fast ? 6.0 : 1.5, phase = rng.Uniform(0, 2 * std::numbers::pi);
      std::vector<float> v(50);
      for (size_t k = 0; k < v.size(); ++k) {
        v[k] = static_cast<float>(std::sin(2 * std::numbers::pi * hz * k / 25.0 + phase) + 0.2 * rng.Normal());
      }
      ImportedSample s;
      s.data = SampleData::FromF32({50, 1}, v);
      s.sample_rate_hz = 25;
      s.axes = {{"x", ""}};
      s.source = "s" + std::to_string(i);
      s.split = i % 4 == 3 ? Split::kTest : Split::kTrain;
      ASSERT_TRUE((*session)->Add(s, fast ? "fast" : "slow").ok());
    }
    ASSERT_TRUE((*session)->Commit().ok());
    auto list = (*project_->store())->List(SampleFilter{});
    ASSERT_TRUE(list.ok());
    DatasetManifest manifest;
    for (const SampleInfo& s : *list) manifest.samples.push_back({s.id, s.hash, s.label, s.split});
    fs::create_directories(dir_ / "features");
    FeatureBuildOptions o;
    o.show_progress = false;
    ASSERT_TRUE(BuildFeatureSet(*project_, manifest, dir_ / "features", o).ok());
    auto set = FeatureSet::Open(dir_ / "features");
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    set_ = std::move(*set);
  }
  mote::testing::TempDir dir_;
  std::unique_ptr<Project> project_;
  std::unique_ptr<FeatureSet> set_;
};

TEST_F(FeatureExamplesTest, SplitsBySampleAndTrains) {
  const Shape shape = FeatureInputShape(*set_, 2);
  ASSERT_EQ(shape, (Shape{25, 1}));
  Result<FeatureExamples> ex = LoadFeatureExamples(*set_, shape, 0.25, 7);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ(ex->classes, (std::vector<std::string>{"fast", "slow"}));
  // 36 train samples: 9 held out, 27 kept; 2 windows each. 12 test samples.
  EXPECT_EQ(ex->validation.count(), 18);
  EXPECT_EQ(ex->train.count(), 54);
  EXPECT_EQ(ex->test.count(), 24);
  // The same seed holds out the same samples.
  Result<FeatureExamples> again = LoadFeatureExamples(*set_, shape, 0.25, 7);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->validation.features, ex->validation.features);

  Result<ModelSpec> spec = ZooModel({.name = "conv1d", .width = 0.5, .depth = 2, .classes = 2}, shape);
  ASSERT_TRUE(spec.ok());
  Result<Model<float>> model = Model<float>::Build(*spec, shape, 1);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, {.epochs = 15, .batch_size = 8, .schedule = {.lr = 1e-2}, .patience = 5});
  Result<std::vector<EpochMetrics>> history = trainer.Fit(ex->train, ex->validation);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  Result<Evaluation> test = trainer.Evaluate(ex->test);
  ASSERT_TRUE(test.ok());
  EXPECT_GE(test->accuracy, 0.9);
}

TEST_F(FeatureExamplesTest, RejectsAShapeOfAnotherSize) {
  EXPECT_EQ(LoadFeatureExamples(*set_, {24, 1}, 0.2, 1).status().message(),
            (dir_ / "features").string() + ": rows of 25 features cannot be shaped [24, 1]");
}

}  // namespace
}  // namespace mote::train
