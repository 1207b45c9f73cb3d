// The trainer: bit-identical loss curves for the same seed and thread
// count, learning on a separable problem, early stopping, errors.
#include <gtest/gtest.h>

#include "train/model_zoo.h"
#include "train/train_test_util.h"
#include "train/trainer.h"

namespace mote::train {
namespace {

using mote::testing::Bars;
using mote::testing::SmallNet;

std::vector<double> LossCurve(int threads, uint64_t seed, const ModelSpec& spec) {
  Result<Model<float>> model = Model<float>::Build(spec, {10, 10, 1}, seed);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  TrainOptions options{.epochs = 2, .batch_size = 16, .seed = seed, .threads = threads};
  Trainer trainer(&*model, options);
  std::vector<double> losses;
  Result<std::vector<EpochMetrics>> r =
      trainer.Fit(Bars(64, 5), {}, {.on_batch = [&](const BatchProgress& p) { losses.push_back(p.loss); }});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return losses;
}

// The same seed and thread count give the same curve, bit for bit, with
// one thread and with two; another seed gives another.
void ExpectBitIdenticalLossCurves(const ModelSpec& spec) {
  const std::vector<double> a = LossCurve(2, 7, spec);
  ASSERT_EQ(a.size(), 8u);
  EXPECT_EQ(a, LossCurve(2, 7, spec));  // exact equality of doubles
  EXPECT_EQ(LossCurve(1, 7, spec), LossCurve(1, 7, spec));
  EXPECT_NE(a, LossCurve(2, 8, spec));  // the seed matters
}

TEST(TrainerTest, SameSeedAndThreadsGiveBitIdenticalLossCurves) { ExpectBitIdenticalLossCurves(SmallNet()); }

TEST(TrainerTest, SameSeedAndThreadsGiveBitIdenticalLossCurvesOnTheDirectConvolutions) {
  // The zoo's cnn has 16 filters per 3x3 convolution: direct_conv.h's
  // kernels where the CPU runs them (SmallNet's 8 stay on im2col), the
  // shards' filter-gradient partials included.
  Result<ModelSpec> spec = ZooModel({.name = "cnn", .width = 1, .depth = 1, .classes = 2}, {10, 10, 1});
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  ExpectBitIdenticalLossCurves(*spec);
}

TEST(TrainerTest, LearnsASeparableProblem) {
  Result<ModelSpec> spec = ZooModel({.name = "cnn", .width = 0.5, .depth = 1, .classes = 2}, {10, 10, 1});
  ASSERT_TRUE(spec.ok());
  Result<Model<float>> model = Model<float>::Build(*spec, {10, 10, 1}, 3);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, {.epochs = 4, .batch_size = 16, .optimizer = {.kind = OptimizerKind::kAdam},
                            .schedule = {.lr = 3e-3}});
  Result<std::vector<EpochMetrics>> history = trainer.Fit(Bars(256, 1), Bars(128, 2));
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_LT(history->back().train_loss, history->front().train_loss);
  EXPECT_GT(history->back().val_accuracy, 0.95);
}

TEST(TrainerTest, EarlyStoppingRestoresTheBestEpoch) {
  Result<Model<float>> model = Model<float>::Build(SmallNet(), {10, 10, 1}, 1);
  ASSERT_TRUE(model.ok());
  // A learning rate far too high makes the validation loss worsen quickly.
  Trainer trainer(&*model, {.epochs = 30, .batch_size = 8, .optimizer = {.kind = OptimizerKind::kSgd},
                            .schedule = {.lr = 5.0}, .patience = 2});
  const Examples val = Bars(32, 2);
  Result<std::vector<EpochMetrics>> history = trainer.Fit(Bars(32, 1), val);
  ASSERT_TRUE(history.ok());
  ASSERT_LT(history->size(), 30u);
  double best = history->front().val_loss;
  for (const EpochMetrics& m : *history) best = std::min(best, m.val_loss);
  Result<Evaluation> now = trainer.Evaluate(val);
  ASSERT_TRUE(now.ok());
  EXPECT_NEAR(now->loss, best, 1e-4 * std::max(1.0, best));
}

TEST(TrainerTest, RejectsExamplesThatDoNotFit) {
  Result<Model<float>> model = Model<float>::Build(SmallNet(), {10, 10, 1}, 1);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, {});
  Examples wrong = Bars(4, 1);
  wrong.shape = {100};
  EXPECT_EQ(trainer.Fit(wrong, {}).status().message(), "training examples are [100], the model takes [10, 10, 1]");
  Examples bad_label = Bars(4, 1);
  bad_label.labels[2] = 5;
  EXPECT_EQ(trainer.Fit(bad_label, {}).status().message(), "training examples: label 5 outside [0, 2)");
}

TEST(TrainerTest, RejectsMissingLabelsAndEmptyTrainingSets) {
  Result<Model<float>> model = Model<float>::Build(SmallNet(), {10, 10, 1}, 1);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, {});
  Examples short_labels = Bars(4, 1);
  short_labels.labels.pop_back();
  EXPECT_EQ(trainer.Fit(short_labels, {}).status().message(), "training examples: 3 labels for 4 rows");
  EXPECT_EQ(trainer.Fit(Bars(4, 1), short_labels).status().message(), "validation examples: 3 labels for 4 rows");
  Examples empty;
  empty.shape = {10, 10, 1};
  EXPECT_EQ(trainer.Fit(empty, {}).status().message(), "no training examples");
}

TEST(TrainerTest, StopsWithCancelledWhenAsked) {
  Result<Model<float>> model = Model<float>::Build(SmallNet(), {10, 10, 1}, 1);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, {.epochs = 3, .batch_size = 4});
  int batches = 0;
  Result<std::vector<EpochMetrics>> r =
      trainer.Fit(Bars(16, 1), {},
                  {.on_batch = [&](const BatchProgress&) { ++batches; }, .should_stop = [&] { return batches == 2; }});
  EXPECT_EQ(r.status().code(), Status::Code::kCancelled);
  EXPECT_EQ(batches, 2);
}

TEST(TrainerTest, AutoencoderReducesReconstructionError) {
  Examples data = Bars(128, 4);
  data.labels.clear();
  Result<ModelSpec> spec = ZooModel({.name = "autoencoder", .width = 0.25, .depth = 1}, data.shape);
  ASSERT_TRUE(spec.ok());
  Result<Model<float>> model = Model<float>::Build(*spec, data.shape, 1);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, {.epochs = 5, .batch_size = 16, .objective = Objective::kReconstruction,
                            .schedule = {.lr = 3e-3}});
  Result<std::vector<EpochMetrics>> history = trainer.Fit(data, {});
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_LT(history->back().train_loss, 0.8 * history->front().train_loss);
}

}  // namespace
}  // namespace mote::train
