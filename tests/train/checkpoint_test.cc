// Checkpoints: 2 epochs, a checkpoint written to a file and read back, then
// 2 more epochs in a fresh model and trainer give bit-identical per-batch
// losses, epoch metrics and weights to 4 epochs straight through (same seed
// and threads), with dropout, batch norm, Adam, a cosine schedule and early
// stopping's state in play; damaged checkpoints and ones that do not fit
// the model are refused.
#include <gtest/gtest.h>

#include <cstring>

#include "core/file_util.h"
#include "test_util.h"
#include "train/checkpoint.h"
#include "train/train_test_util.h"

namespace mote::train {
namespace {

TrainOptions Options() {
  return {.epochs = 4, .batch_size = 16, .seed = 11, .threads = 2, .optimizer = {.kind = OptimizerKind::kAdam},
          .schedule = {.kind = ScheduleKind::kCosine, .lr = 3e-3, .warmup_steps = 3}, .patience = 3};
}

struct Trained {
  std::vector<double> batch_losses;
  std::vector<EpochMetrics> history;
  std::vector<Tensor<float>> state;
};

// Trains a fresh SmallNet; stops after `stop_after` epochs (0: never)
// writing the checkpoint to `file`; resumes from `resume` when given.
Trained Train(int64_t stop_after, const std::filesystem::path& file, const TrainerCheckpoint* resume = nullptr) {
  Result<Model<float>> model = Model<float>::Build(mote::testing::SmallNet(), {10, 10, 1}, resume ? 99 : 11);
  EXPECT_TRUE(model.ok());
  Trainer trainer(&*model, Options());
  Trained t;
  FitCallbacks callbacks{.on_batch = [&](const BatchProgress& p) { t.batch_losses.push_back(p.loss); }};
  callbacks.on_checkpoint = [&](const TrainerCheckpoint& c) -> Status {
    if (c.epochs_done != stop_after) return Status::Ok();
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(file, SerializeCheckpoint(c)));
    return Status::Cancelled("stopped for the test");
  };
  Result<std::vector<EpochMetrics>> history =
      trainer.Fit(mote::testing::Bars(80, 1), mote::testing::Bars(24, 2), callbacks, resume);
  if (history.ok()) t.history = *history;
  t.state = model->SaveState();
  return t;
}

bool SameBits(const std::vector<Tensor<float>>& a, const std::vector<Tensor<float>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].shape() != b[i].shape() || std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(float)) != 0) {
      return false;
    }
  }
  return true;
}

TEST(CheckpointTest, TwoEpochsAndTwoResumedEqualFourStraight) {
  mote::testing::TempDir dir;
  const auto file = dir / "checkpoint.bin";
  const Trained straight = Train(0, file);
  ASSERT_EQ(straight.history.size(), 4u);

  const Trained first = Train(2, file);
  EXPECT_TRUE(first.history.empty());  // stopped (Cancelled) after epoch 2
  auto bytes = ReadFile(file);
  ASSERT_TRUE(bytes.ok());
  auto checkpoint = ParseCheckpoint(*bytes, file.string());
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().ToString();
  EXPECT_EQ(checkpoint->epochs_done, 2);
  EXPECT_EQ(SerializeCheckpoint(*checkpoint), *bytes);

  const Trained resumed = Train(0, file, &*checkpoint);
  ASSERT_EQ(resumed.history.size(), 4u);
  // Per-batch losses: the first run's, then the resumed run's, are the straight run's, exactly.
  std::vector<double> batches = first.batch_losses;
  batches.insert(batches.end(), resumed.batch_losses.begin(), resumed.batch_losses.end());
  EXPECT_EQ(batches, straight.batch_losses);
  for (size_t e = 0; e < 4; ++e) {
    EXPECT_EQ(resumed.history[e].epoch, straight.history[e].epoch);
    EXPECT_EQ(resumed.history[e].train_loss, straight.history[e].train_loss) << e;
    EXPECT_EQ(resumed.history[e].val_loss, straight.history[e].val_loss) << e;
    EXPECT_EQ(resumed.history[e].val_accuracy, straight.history[e].val_accuracy) << e;
    EXPECT_EQ(resumed.history[e].learning_rate, straight.history[e].learning_rate) << e;
  }
  EXPECT_TRUE(SameBits(resumed.state, straight.state));
  EXPECT_FALSE(SameBits(first.state, straight.state));  // the test can tell
}

TEST(CheckpointTest, DamagedOrForeignCheckpointsAreRefused) {
  mote::testing::TempDir dir;
  const auto file = dir / "checkpoint.bin";
  Train(1, file);
  auto bytes = ReadFile(file);
  ASSERT_TRUE(bytes.ok());

  std::string flipped = *bytes;
  flipped[flipped.size() / 2] ^= 0x10;
  EXPECT_NE(ParseCheckpoint(flipped, "c").status().message().find("checksum"), std::string::npos);
  EXPECT_EQ(ParseCheckpoint(bytes->substr(0, 20), "c").status().code(), Status::Code::kCorruption);
  EXPECT_NE(ParseCheckpoint("not a checkpoint at all, no", "c").status().message().find("not a mote training"),
            std::string::npos);

  auto checkpoint = ParseCheckpoint(*bytes, "c");
  ASSERT_TRUE(checkpoint.ok());
  ModelSpec other = mote::testing::SmallNet();
  other.layers.back().units = 3;  // another head
  Result<Model<float>> model = Model<float>::Build(other, {10, 10, 1}, 1);
  ASSERT_TRUE(model.ok());
  Trainer trainer(&*model, Options());
  auto r = trainer.Fit(mote::testing::Bars(80, 1), {}, {}, &*checkpoint);
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("does not fit"), std::string::npos) << r.status().ToString();
}

}  // namespace
}  // namespace mote::train
