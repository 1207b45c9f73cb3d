// `mote train` with train: task: anomaly, through the real binary, on a
// vibration project (`mote init --template anomaly`, synthetic bearing
// faults): K-means without a model: section, the autoencoder with one, the
// test split's ROC AUC printed, and config errors at their position.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "test_util.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

class AnomalyCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunMote({"init", "p", "--template", "anomaly"}, dir_.path()).exit_code, 0);
    const auto synth = RunMote({"data", "synth", "vibration", "--count", "10", "-q"}, p());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
  }
  fs::path p() const { return dir_.path() / "p"; }
  testing::TempDir dir_;
};

TEST_F(AnomalyCliTest, KMeansScoresFaultsAboveNormalOperation) {
  testing::AppendToMoteYaml(p(), "train:\n  task: anomaly\n  method: kmeans\n  clusters: 2\n  seed: 3\n");
  auto r = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  EXPECT_EQ(m["method"], "kmeans");
  EXPECT_EQ(m["clusters"], 2);
  const json& a = m["anomaly"];
  EXPECT_EQ(a["normal_label"], "normal");
  ASSERT_GT(a["test_normal"].get<int64_t>(), 0);
  ASSERT_GT(a["test_anomalous"].get<int64_t>(), 0);
  // Bearing impacts and imbalance are far from normal operation's spectrum.
  EXPECT_GT(a["roc_auc"].get<double>(), 0.8);
  EXPECT_TRUE(fs::exists(p() / m["output"].get<std::string>() / "kmeans.json"));

  // Recorded as a run like a network's: kmeans.json is its model, the
  // report holds the ROC AUC and links the ranked windows.
  EXPECT_EQ(m["run"]["id"], 1);
  EXPECT_EQ(m["run"]["model"], ".mote/runs/1/kmeans.json");
  auto model = ReadFile(p() / ".mote" / "runs" / "1" / "kmeans.json");
  auto output = ReadFile(p() / m["output"].get<std::string>() / "kmeans.json");
  ASSERT_TRUE(model.ok() && output.ok());
  EXPECT_EQ(*model, *output);
  auto report = ReadFile(p() / "reports" / "runs" / "1" / "report.json");
  ASSERT_TRUE(report.ok());
  const json rj = json::parse(*report);
  EXPECT_EQ(rj["anomaly"]["roc_auc"], a["roc_auc"]);
  EXPECT_EQ(rj["parameters"]["train"]["method"], "kmeans");
  EXPECT_TRUE(rj["epochs"].empty());
  auto html = ReadFile(p() / "reports" / "runs" / "1" / "index.html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find(fmt::format("{:.4f}", a["roc_auc"].get<double>())), std::string::npos);
  EXPECT_NE(html->find("href=\"windows/index.html\""), std::string::npos);
  EXPECT_TRUE(fs::exists(p() / "reports" / "runs" / "1" / "windows" / "scores.csv"));
  EXPECT_FALSE(fs::exists(p() / "reports" / "runs" / "1" / "loss.svg"));

  auto text = RunMote({"train"}, p());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("test ROC AUC "), std::string::npos) << text.out;
  // The default validation: 0.2 holds out normal rows for the baseline.
  EXPECT_NE(text.out.find(fmt::format("normal train rows ({} held out for the baseline)",
                                      m["examples"]["validation"].get<int64_t>())),
            std::string::npos)
      << text.out;
  EXPECT_GT(m["examples"]["validation"].get<int64_t>(), 0);
  EXPECT_NE(text.out.find("cached"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("run 1: model .mote/runs/1/kmeans.json, windows ranked by score reports/runs/1/windows/"),
            std::string::npos)
      << text.out;

  // What needs a network says so in one line and changes nothing.
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{{"eval"}, {"quantize"}}) {
    auto refused = RunMote(args, p());
    EXPECT_EQ(refused.exit_code, 1) << args[0];
    EXPECT_EQ(refused.err,
              "mote: error: run 1 is a K-means anomaly model (.mote/runs/1/kmeans.json), not a network: train one (a "
              "classifier or method: autoencoder) or pick one with --run\n")
        << args[0];
  }
  EXPECT_FALSE(fs::exists(p() / ".mote" / "runs" / "1" / "model_int8.tflite"));

  // Nor can a network start from it.
  auto yaml = ReadFile(p() / "mote.yaml");
  ASSERT_TRUE(yaml.ok());
  std::string network = *yaml;
  const std::string kmeans = "method: kmeans\n  clusters: 2\n";
  network.replace(network.find(kmeans), kmeans.size(), "method: autoencoder\n");
  network += "model:\n  zoo: autoencoder\n  width: 0.25\n  depth: 1\n";
  ASSERT_TRUE(WriteFileAtomically(p() / "mote.yaml", network).ok());
  auto from = RunMote({"train", "--from", "1", "-q"}, p());
  EXPECT_EQ(from.exit_code, 1);
  EXPECT_EQ(from.err,
            "mote: error: train: run 1 is a K-means anomaly model (.mote/runs/1/kmeans.json): it has no network "
            "weights to start from\n");
  EXPECT_FALSE(fs::exists(p() / ".mote" / "runs" / "2"));
}

TEST_F(AnomalyCliTest, AutoencoderTrainsOnNormalRowsOnly) {
  testing::AppendToMoteYaml(p(), "model:\n  zoo: autoencoder\n  width: 0.25\n  depth: 1\n"
                                 "train:\n  task: anomaly\n  method: autoencoder\n  epochs: 30\n  batch_size: 4\n"
                                 "  validation: 0\n");
  auto r = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  EXPECT_EQ(m["objective"], "reconstruction");
  const json& a = m["anomaly"];
  EXPECT_EQ(a["method"], "autoencoder");
  // Only the normal class's train rows: fewer than the whole train split.
  EXPECT_LT(m["examples"]["train"].get<int64_t>(), a["test_normal"].get<int64_t>() * 5);
  EXPECT_GT(a["roc_auc"].get<double>(), 0.7);
  EXPECT_GT(a["mean_score_anomalous"].get<double>(), a["mean_score_normal"].get<double>());
  EXPECT_TRUE(m.contains("run"));  // recorded in the store like any training
}

TEST_F(AnomalyCliTest, ConfigErrorsNameTheirPosition) {
  testing::AppendToMoteYaml(p(), "train:\n  task: anomaly\n  normal_label: healthy\n");
  auto r = RunMote({"train"}, p());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("mote.yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("normal_label"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("train.normal_label must name a class of the features: 'healthy' is not one of the classes (ball, "), std::string::npos) << r.err;
}

TEST_F(AnomalyCliTest, KMeansKeysNeedTheAnomalyTask) {
  testing::AppendToMoteYaml(p(), "model:\n  zoo: mlp\ntrain:\n  clusters: 4\n");
  auto r = RunMote({"train"}, p());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("train.clusters applies to task: anomaly only"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mote
