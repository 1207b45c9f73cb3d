// WriteRunReport on a run with known numbers: every file is there, the page
// and report.json carry the epochs, the confusion counts and the per-class
// precision/recall/F1, the curves have one marked point per epoch, and the
// confusion heatmap embeds its PNG.
#include <gtest/gtest.h>

#include "core/file_util.h"
#include "test_util.h"
#include "train/run_report.h"

namespace mote::train {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string Read(const fs::path& path) {
  auto text = ReadFile(path);
  EXPECT_TRUE(text.ok()) << path;
  return text.ok() ? *text : std::string();
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

RunRecord KnownRun() {
  RunRecord run;
  run.id = 7;
  run.started_at = "2026-01-02T03:04:05.000Z";
  run.seconds = 12.5;
  run.parameters = {{"model", {{"zoo", "cnn"}}}};
  run.data_digest = "abc123";
  run.data_snapshot = "v1";
  run.mote_version = "0.1.0";
  run.git_commit = "deadbee";
  run.model_path = ".mote/runs/7/model.tflite";
  for (int64_t e = 1; e <= 3; ++e) {
    run.epochs.push_back({.epoch = e,
                          .train_loss = 1.0 / e,
                          .train_accuracy = 0.5 + 0.1 * e,
                          .val_loss = 1.5 / e,
                          .val_accuracy = 0.4 + 0.1 * e,
                          .learning_rate = 1e-3,
                          .seconds = 2,
                          .samples_per_second = 1000});
  }
  return run;
}

TEST(RunReportTest, HasTheCurvesTheConfusionMatrixAndPerClassMetrics) {
  testing::TempDir dir;
  // labels a a a b b c; predictions a a b b a a (classification_metrics_test's example).
  const std::vector<int32_t> labels = {0, 0, 0, 1, 1, 2}, predictions = {0, 0, 1, 1, 0, 0};
  const ClassificationMetrics test = ComputeClassificationMetrics({"a", "b", "c"}, labels, predictions);
  ASSERT_TRUE(WriteRunReport(dir.path(), KnownRun(), test).ok());

  const json report = json::parse(Read(dir / "report.json"));
  EXPECT_EQ(report["run"], 7);
  EXPECT_EQ(report["epochs"].size(), 3u);
  EXPECT_DOUBLE_EQ(report["epochs"][1]["loss"].get<double>(), 0.5);
  EXPECT_EQ(report["test"]["confusion"], (json{{2, 1, 0}, {1, 1, 0}, {1, 0, 0}}));
  EXPECT_DOUBLE_EQ(report["test"]["per_class"][0]["recall"].get<double>(), 2.0 / 3);

  const std::string page = Read(dir / "index.html");
  EXPECT_NE(page.find("Training run 7"), std::string::npos);
  EXPECT_NE(page.find("snapshot v1"), std::string::npos);
  EXPECT_NE(page.find("accuracy 50.00 %"), std::string::npos);
  for (const char* picture : {"loss.svg", "accuracy.svg", "confusion.svg"}) {
    EXPECT_NE(page.find(std::string("src=\"") + picture + "\""), std::string::npos) << picture;
  }
  // The confusion counts, row by row, and class a's precision 0.500, recall 0.667, F1 0.571, support 3.
  EXPECT_NE(page.find("<tr><th>a</th><td>2</td><td>1</td><td>0</td></tr>"), std::string::npos) << page;
  EXPECT_NE(page.find("<tr><th>c</th><td>1</td><td>0</td><td>0</td></tr>"), std::string::npos) << page;
  EXPECT_NE(page.find("<tr><td>a</td><td>0.500</td><td>0.667</td><td>0.571</td><td>3</td></tr>"), std::string::npos)
      << page;
  EXPECT_NE(page.find("<tr><td>2</td><td>0.5000</td><td>0.7000</td><td>0.7500</td><td>0.6000</td>"),
            std::string::npos)
      << page;

  const std::string loss = Read(dir / "loss.svg");
  EXPECT_EQ(Count(loss, "<polyline"), 2u);  // train and validation
  EXPECT_EQ(Count(loss, "<circle"), 6u);    // a point per epoch on each
  EXPECT_NE(loss.find("validation"), std::string::npos);
  EXPECT_NE(Read(dir / "accuracy.svg").find("<polyline"), std::string::npos);
  EXPECT_NE(Read(dir / "confusion.svg").find("data:image/png;base64,"), std::string::npos);
}

TEST(RunReportTest, AReconstructionRunHasOnlyItsLoss) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteRunReport(dir.path(), KnownRun(), std::nullopt).ok());
  EXPECT_TRUE(fs::exists(dir / "loss.svg"));
  EXPECT_FALSE(fs::exists(dir / "accuracy.svg"));
  EXPECT_FALSE(fs::exists(dir / "confusion.svg"));
  EXPECT_EQ(Read(dir / "index.html").find("confusion"), std::string::npos);
}

}  // namespace
}  // namespace mote::train
