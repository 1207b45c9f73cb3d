// `mote train --resume` through the real binary: a training interrupted by
// Ctrl-C (SIGINT) after some epochs keeps its last epoch's checkpoint;
// --resume continues from it and ends with the very weights and per-epoch
// losses of the same training run straight through in a copy of the
// project; the checkpoint is gone once the run is recorded, and --resume
// without one says so.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "test_util.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

// The checkpoint file of the project's training in progress, if any.
fs::path CheckpointOf(const fs::path& project) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(project / ".mote" / "checkpoints" / "train", ec)) {
    if (fs::exists(e.path() / "checkpoint.bin")) return e.path() / "checkpoint.bin";
  }
  return {};
}

TEST(TrainResumeCliTest, AnInterruptedTrainingResumesToTheSameWeights) {
  testing::TempDir dir;
  const fs::path p = testing::MakeMotionProject(dir.path(), 6), straight = dir / "straight";
  testing::AppendToMoteYaml(p, "model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\ntrain:\n  epochs: 400\n  batch_size: 4\n");
  fs::copy(p, straight, fs::copy_options::recursive);

  {
    testing::MoteProcess training({"train", "-q"}, p);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (CheckpointOf(p).empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ::kill(training.pid(), SIGINT);
    const testing::RunResult interrupted = training.Wait();
    ASSERT_NE(interrupted.exit_code, 0) << "the training ended before it could be interrupted";
  }
  ASSERT_FALSE(CheckpointOf(p).empty());

  auto resumed = RunMote({"train", "--resume", "--json", "-q"}, p);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  auto reference = RunMote({"train", "--json", "-q"}, straight);
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  const json a = json::parse(resumed.out), b = json::parse(reference.out);
  ASSERT_EQ(a["output"], b["output"]);  // the same stage key
  ASSERT_EQ(a["epochs"].size(), 400u);
  for (size_t e = 0; e < 400; ++e) {
    ASSERT_EQ(a["epochs"][e]["loss"], b["epochs"][e]["loss"]) << "epoch " << e + 1;
    ASSERT_EQ(a["epochs"][e]["val_loss"], b["epochs"][e]["val_loss"]) << "epoch " << e + 1;
  }
  auto wa = ReadFile(p / a["output"].get<std::string>() / "weights.bin");
  auto wb = ReadFile(straight / b["output"].get<std::string>() / "weights.bin");
  ASSERT_TRUE(wa.ok() && wb.ok());
  EXPECT_EQ(*wa, *wb);
  EXPECT_EQ(a["test"], b["test"]);
  EXPECT_TRUE(CheckpointOf(p).empty()) << "the checkpoint outlived its recorded run";

  auto nothing = RunMote({"train", "--resume", "--force", "-q"}, p);
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.err.find("no checkpoint to resume"), std::string::npos) << nothing.err;
}

}  // namespace
}  // namespace mote
