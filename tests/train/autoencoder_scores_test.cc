// ReconstructionErrors: an autoencoder trained on rows of a 2-D subspace
// reconstructs them better than rows off it, so its scores separate them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "train/autoencoder_scores.h"
#include "train/autograd.h"
#include "train/thread_pool.h"
#include "train/model_zoo.h"
#include "train/rng.h"
#include "train/roc_auc.h"

namespace mote::train {
namespace {

constexpr int64_t kDims = 16;

// Normal rows: a u + b v (fixed directions u, v) plus a little noise;
// anomalous rows: the same spread over every direction.
Examples Rows(int64_t count, bool anomalous, uint64_t seed) {
  Rng rng(seed);
  Examples e{{kDims}, {}, {}};
  for (int64_t i = 0; i < count; ++i) {
    const double a = rng.Normal(), b = rng.Normal();
    for (int64_t d = 0; d < kDims; ++d) {
      const double u = d % 2 ? 0.35 : -0.35, v = d < kDims / 2 ? 0.35 : -0.35;
      const double value = anomalous ? rng.Normal() : a * u + b * v + 0.05 * rng.Normal();
      e.features.push_back(static_cast<float>(value));
    }
  }
  return e;
}

TEST(AutoencoderScoresTest, ScoresRowsOffTheTrainingSubspaceHigher) {
  const ModelSpec spec = *ZooModel({.name = "autoencoder", .width = 0.25, .depth = 1}, {kDims});
  Model<float> model = *Model<float>::Build(spec, {kDims}, 3);
  Trainer trainer(&model, {.epochs = 40, .batch_size = 32, .seed = 3, .objective = Objective::kReconstruction});
  ASSERT_TRUE(trainer.Fit(Rows(256, false, 1), {}).ok());

  const Examples normal = Rows(40, false, 2), anomalous = Rows(40, true, 3);
  Result<std::vector<double>> normal_scores = ReconstructionErrors(&model, normal);
  Result<std::vector<double>> anomalous_scores = ReconstructionErrors(&model, anomalous);
  ASSERT_TRUE(normal_scores.ok()) << normal_scores.status().ToString();
  ASSERT_TRUE(anomalous_scores.ok());
  ASSERT_EQ(normal_scores->size(), 40u);
  std::vector<double> scores = *normal_scores;
  scores.insert(scores.end(), anomalous_scores->begin(), anomalous_scores->end());
  std::vector<uint8_t> positive(80, 0);
  std::fill(positive.begin() + 40, positive.end(), 1);
  const double auc = *RocAuc(scores, positive);
  EXPECT_GT(auc, 0.95);

  // The score is the row's mean squared error: check one by hand.
  ThreadPool pool(1);
  Tape<float> tape(&pool);
  Tensor<float> one({1, kDims});
  std::copy(normal.features.begin(), normal.features.begin() + kDims, one.values().begin());
  const Var<float> out = model.Forward(tape, MakeVar(one, false), false, nullptr);
  double sum = 0;
  for (int64_t d = 0; d < kDims; ++d) sum += std::pow(double{out->value.values()[d]} - one.values()[d], 2);
  EXPECT_NEAR((*normal_scores)[0], sum / kDims, 1e-6);
}

TEST(AutoencoderScoresTest, RefusesAClassifier) {
  const ModelSpec spec = *ZooModel({.name = "mlp", .classes = 3}, {kDims});
  Model<float> model = *Model<float>::Build(spec, {kDims}, 1);
  EXPECT_FALSE(ReconstructionErrors(&model, Rows(4, false, 1)).ok());
}

}  // namespace
}  // namespace mote::train
