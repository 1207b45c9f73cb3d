// The training run in the project store, through the real binary: `mote
// train` records its parameters, per-epoch metrics, data snapshot and
// digest, code version, duration and model file, and prints the run id; a
// cached `mote train` records nothing new; a training that fails while its
// run is being recorded leaves no run, no run folder and no cached stage.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "core/hash.h"
#include "core/version.h"
#include "data/dataset_store.h"
#include "test_util.h"
#include "train/train_cli_util.h"
#include "train/run_store.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

class RunRecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    p_ = testing::MakeMotionProject(dir_.path(), 4);
    testing::AppendToMoteYaml(p_, "model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\n"
                                  "train:\n  epochs: 3\n  batch_size: 8\n");
  }
  const fs::path& p() const { return p_; }
  std::unique_ptr<DatasetStore> Store() {
    auto store = DatasetStore::Open(p() / ".mote" / "store.db");
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }
  testing::TempDir dir_;
  fs::path p_;
};

TEST_F(RunRecordTest, TrainRecordsTheRunAndPrintsItsId) {
  ASSERT_EQ(RunMote({"data", "snapshot", "v1", "-q"}, p()).exit_code, 0);
  auto r = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  ASSERT_TRUE(m.contains("run")) << r.out;
  EXPECT_EQ(m["run"]["id"], 1);
  EXPECT_EQ(m["run"]["model"], ".mote/runs/1/model.tflite");
  EXPECT_EQ(m["run"]["report"], "reports/runs/1");

  auto store = Store();
  ASSERT_TRUE(store);
  auto run = train::RunStore(store->db()).Get(1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->parameters["model"]["zoo"], "mlp");
  EXPECT_EQ(run->parameters["train"]["epochs"], 3);
  EXPECT_EQ(run->parameters["seed"], m["seed"]);
  EXPECT_EQ(run->parameters["classes"], m["classes"]);
  ASSERT_EQ(run->epochs.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(run->epochs[i].epoch, static_cast<int64_t>(i + 1));
    EXPECT_DOUBLE_EQ(run->epochs[i].train_loss, m["epochs"][i]["loss"].get<double>());
    EXPECT_DOUBLE_EQ(run->epochs[i].val_accuracy, m["epochs"][i]["val_accuracy"].get<double>());
  }
  EXPECT_DOUBLE_EQ(run->test_accuracy, m["test"]["accuracy"].get<double>());
  EXPECT_EQ(run->metrics["examples"], m["examples"]);
  auto digest = store->WorkingSetDigest();
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(run->data_digest, *digest);
  EXPECT_EQ(run->data_snapshot, "v1");
  EXPECT_EQ(run->mote_version, kVersion);
  EXPECT_EQ(run->git_commit, kGitCommit);
  EXPECT_GT(run->seconds, 0.0);
  EXPECT_FALSE(run->started_at.empty());
  EXPECT_EQ(run->stage_key, fs::path(m["output"].get<std::string>()).filename().string());
  EXPECT_TRUE(fs::exists(p() / ".mote" / "stages" / "features" / run->features_key));
  // The run's own copy of the model: the stage's file, byte for byte.
  auto model = ReadFile(p() / run->model_path);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(ToHex(Sha256Of(std::string_view(*model))), run->model_sha256);
  auto stage_model = ReadFile(p() / m["output"].get<std::string>() / "model.tflite");
  ASSERT_TRUE(stage_model.ok());
  EXPECT_EQ(*model, *stage_model);

  // The report: the page and its pictures, with the test accuracy.
  for (const char* file : {"index.html", "loss.svg", "accuracy.svg", "confusion.svg", "report.json"}) {
    EXPECT_TRUE(fs::exists(p() / run->report_path / file)) << file;
  }
  auto report = ReadFile(p() / run->report_path / "report.json");
  ASSERT_TRUE(report.ok());
  EXPECT_DOUBLE_EQ(json::parse(*report)["test"]["accuracy"].get<double>(), m["test"]["accuracy"].get<double>());

  // Cached: the same run, nothing new; forced: a second run.
  auto cached = RunMote({"train", "-q"}, p());
  ASSERT_EQ(cached.exit_code, 0) << cached.err;
  EXPECT_NE(cached.out.find("run 1: model .mote/runs/1/model.tflite"), std::string::npos) << cached.out;
  auto forced = RunMote({"train", "--force", "-q"}, p());
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_NE(forced.out.find("run 2:"), std::string::npos) << forced.out;
  auto runs = train::RunStore(store->db()).List();
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(runs->size(), 2u);
}

TEST_F(RunRecordTest, AFailureWhileRecordingLeavesNothingHalfWritten) {
  // reports/runs is a file: the run's report folder cannot be made.
  testing::WriteText(p() / "reports" / "runs", "in the way\n");
  auto r = RunMote({"train", "-q"}, p());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("reports/runs"), std::string::npos) << r.err;
  auto store = Store();
  ASSERT_TRUE(store);
  auto runs = train::RunStore(store->db()).List();
  ASSERT_TRUE(runs.ok()) << runs.status().ToString();
  EXPECT_TRUE(runs->empty());
  std::error_code ec;
  EXPECT_TRUE(fs::is_empty(p() / ".mote" / "runs", ec) || !fs::exists(p() / ".mote" / "runs")) << "a run folder was left";
  int train_outputs = 0;
  for (const auto& e : fs::directory_iterator(p() / ".mote" / "stages" / "train", ec)) train_outputs += e.is_directory();
  EXPECT_EQ(train_outputs, 0) << "the failed stage was cached";

  // Out of the way, the same training records run 1.
  fs::remove(p() / "reports" / "runs");
  auto again = RunMote({"train", "-q"}, p());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("run 1:"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace mote
