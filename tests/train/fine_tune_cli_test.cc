// `mote train --from` through the real binary, on a motion project whose
// data gains a class: a model trained on four gestures is fine-tuned on the
// new snapshot with a fifth; it keeps the old head rows, records where it
// started from, and reaches the accuracy level of the same network trained
// from scratch on the same snapshot (--compare-scratch) in fewer epochs.
// A source of another architecture, an unknown run and a --freeze the
// network cannot take are one line each, exit 1, nothing recorded.
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

constexpr int kPerLabel = 25;

int RecordedRuns(const fs::path& p) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(p / "reports" / "runs", ec)) n += e.is_directory();
  return n;
}

class FineTuneCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunMote({"init", "p", "--template", "motion"}, dir_.path()).exit_code, 0);
    p_ = dir_ / "p";
    Synth("idle,wave,circle,updown");
    testing::AppendToMoteYaml(p_, "model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\n"
                                  "train:\n  epochs: 15\n  batch_size: 8\n  lr: 0.01\n  validation: 0.25\n");
    auto scratch = RunMote({"train", "--json", "-q"}, p_);
    ASSERT_EQ(scratch.exit_code, 0) << scratch.err;
    ASSERT_EQ(json::parse(scratch.out)["run"]["id"], 1);
  }
  void Synth(const std::string& labels) {
    auto r = RunMote({"data", "synth", "motion", "--count", std::to_string(kPerLabel), "--labels", labels, "-q"}, p_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  testing::TempDir dir_;
  fs::path p_;
};

TEST_F(FineTuneCliTest, ANewClassIsLearnedFasterThanFromScratch) {
  Synth("shake");
  ASSERT_EQ(RunMote({"data", "snapshot", "with-shake"}, p_).exit_code, 0);
  auto r = RunMote({"train", "--from", "1", "--compare-scratch", "--json", "-q"}, p_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  EXPECT_EQ(m["run"]["id"], 3);  // run 2 is the scratch run on the new snapshot
  const json& f = m["fine_tune"];
  EXPECT_EQ(f["from"]["run"], 1);
  EXPECT_EQ(f["new_classes"], json::array({"shake"}));
  EXPECT_EQ(f["dropped_classes"], json::array());
  const json& c = f["comparison"];
  ASSERT_TRUE(c.is_object()) << f.dump();
  EXPECT_EQ(c["scratch_run"], 2);
  EXPECT_EQ(c["metric"], "val_accuracy");
  EXPECT_GE(c["target"].get<double>(), 0.8) << c.dump();
  EXPECT_LT(c["fine_tuned"]["epochs_to_target"].get<int64_t>(), c["scratch"]["epochs_to_target"].get<int64_t>())
      << c.dump();
  EXPECT_GE(m["test"]["accuracy"].get<double>(), 0.7) << c.dump();

  // The run says where it started, in the store's parameters and its report.
  auto report = ReadFile(p_ / m["run"]["report"].get<std::string>() / "report.json");
  ASSERT_TRUE(report.ok());
  const json rj = json::parse(*report);
  EXPECT_EQ(rj["parameters"]["from"]["source"]["run"], 1);
  EXPECT_EQ(rj["data_snapshot"], "with-shake");
  auto html = ReadFile(p_ / m["run"]["report"].get<std::string>() / "index.html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("fine-tuned from run 1"), std::string::npos);
  EXPECT_NE(html->find("scratch (run 2)"), std::string::npos);

  // The printed summary: the source and the comparison.
  auto text = RunMote({"train", "--from", "1", "-q"}, p_);  // cached: the same stage key
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("  fine-tuned from run 1, new classes: shake\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("  vs scratch run 2: test accuracy"), std::string::npos) << text.out;
  EXPECT_EQ(RecordedRuns(p_), 3);

  // Freezing the first dense layer: another stage key, a fourth run that
  // starts from run 1's hidden layer and keeps it.
  auto frozen = RunMote({"train", "--from", "1", "--freeze", "2", "--json", "-q"}, p_);
  ASSERT_EQ(frozen.exit_code, 0) << frozen.err;
  const json fz = json::parse(frozen.out);
  EXPECT_EQ(fz["run"]["id"], 4);
  EXPECT_EQ(fz["fine_tune"]["freeze"], 2);
  auto w1 = ReadFile(p_ / ".mote" / "runs" / "1" / "weights.json");
  auto w4 = ReadFile(p_ / ".mote" / "runs" / "4" / "weights.json");
  auto b1 = ReadFile(p_ / ".mote" / "runs" / "1" / "weights.bin");
  auto b4 = ReadFile(p_ / ".mote" / "runs" / "4" / "weights.bin");
  ASSERT_TRUE(w1.ok() && w4.ok() && b1.ok() && b4.ok());
  const json t1 = json::parse(*w1)["tensors"], t4 = json::parse(*w4)["tensors"];
  ASSERT_EQ(t1[0]["name"], t4[0]["name"]);  // the first dense layer's kernel, then its bias
  const size_t hidden = 4 * (t1[2]["offset"].get<size_t>());
  EXPECT_EQ(b1->substr(0, hidden), b4->substr(0, hidden));
}

TEST_F(FineTuneCliTest, ErrorsAreOneLineAndRecordNothing) {
  auto unknown = RunMote({"train", "--from", "7", "-q"}, p_);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "mote: error: train: no run 7\n");

  auto freeze = RunMote({"train", "--from", "1", "--freeze", "4", "-q"}, p_);
  EXPECT_EQ(freeze.exit_code, 1);
  EXPECT_NE(freeze.err.find("--freeze: freezing 4 of 4 layers leaves no parameter to train"), std::string::npos)
      << freeze.err;

  auto yaml = ReadFile(p_ / "mote.yaml");
  ASSERT_TRUE(yaml.ok());
  std::string wider = *yaml;
  wider.replace(wider.find("width: 0.25"), 11, "width: 0.5");
  ASSERT_TRUE(WriteFileAtomically(p_ / "mote.yaml", wider).ok());
  auto mismatch = RunMote({"train", "--from", "1", "-q"}, p_);
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_EQ(std::count(mismatch.err.begin(), mismatch.err.end(), '\n'), 1) << mismatch.err;
  EXPECT_NE(mismatch.err.find("run 1: layer 'dense_1': kernel is [32, "), std::string::npos) << mismatch.err;
  EXPECT_NE(mismatch.err.find("there, [64, "), std::string::npos) << mismatch.err;

  auto usage = RunMote({"train", "--freeze", "1", "-q"}, p_);
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("--freeze needs --from"), std::string::npos) << usage.err;
  EXPECT_EQ(RecordedRuns(p_), 1);
}

// mote.yaml's `train: freeze:` applies when fine-tuning, --freeze overrides
// it, and a count the network cannot take points at the key.
TEST_F(FineTuneCliTest, TheTrainSectionsFreezeAppliesWithFrom) {
  testing::AppendToMoteYaml(p_, "  freeze: 4\n");  // the train: section is the file's last
  auto bad = RunMote({"train", "--from", "1", "-q"}, p_);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  EXPECT_NE(bad.err.find("mote.yaml:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("train.freeze is too many: freezing 4 of 4 layers leaves no parameter to train"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(RecordedRuns(p_), 1);

  auto yaml = ReadFile(p_ / "mote.yaml");
  ASSERT_TRUE(yaml.ok());
  std::string two = *yaml;
  two.replace(two.find("freeze: 4"), 9, "freeze: 2");
  ASSERT_TRUE(WriteFileAtomically(p_ / "mote.yaml", two).ok());
  auto from_yaml = RunMote({"train", "--from", "1", "--json", "-q"}, p_);
  ASSERT_EQ(from_yaml.exit_code, 0) << from_yaml.err;
  EXPECT_EQ(json::parse(from_yaml.out)["fine_tune"]["freeze"], 2);
  auto flag = RunMote({"train", "--from", "1", "--freeze", "0", "--json", "-q"}, p_);
  ASSERT_EQ(flag.exit_code, 0) << flag.err;
  EXPECT_EQ(json::parse(flag.out)["fine_tune"]["freeze"], 0);
  EXPECT_EQ(RecordedRuns(p_), 3);  // two keys: the frozen counts differ
}

}  // namespace
}  // namespace mote
