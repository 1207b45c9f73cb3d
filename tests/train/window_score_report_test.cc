// The K-means window ranking with labels (the run report's windows/), through the
// real binary on a synthetic vibration project: every row of the features
// scored in scores.csv, and the test split's ROC curve drawn with the AUC
// that `mote train` reports.
#include <gtest/gtest.h>

#include <algorithm>

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

TEST(WindowScoreReportTest, LabelledWindowsGetTheirRocCurve) {
  testing::TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "--template", "anomaly"}, dir.path()).exit_code, 0);
  const fs::path p = dir.path() / "p";
  ASSERT_EQ(RunMote({"data", "synth", "vibration", "--count", "8", "-q"}, p).exit_code, 0);
  testing::AppendToMoteYaml(p, "train:\n  task: anomaly\n  method: kmeans\n  clusters: 2\n  seed: 3\n");
  auto r = RunMote({"train", "--json", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  ASSERT_FALSE(m["anomaly"]["roc_auc"].is_null()) << r.out;

  const fs::path report = p / m["run"]["report"].get<std::string>() / "windows";
  auto csv = ReadFile(report / "scores.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  const int64_t lines = std::count(csv->begin(), csv->end(), '\n') - 1;  // less the header
  // Every window of every split: the features' rows (5 labels x 8 recordings of one window).
  EXPECT_EQ(lines, 40);
  EXPECT_TRUE(fs::exists(report / "roc.svg"));
  auto html = ReadFile(report / "index.html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find(fmt::format("ROC AUC {:.4f}", m["anomaly"]["roc_auc"].get<double>())), std::string::npos)
      << *html;
  EXPECT_NE(html->find(fmt::format("{} 'normal' and {} other windows", m["anomaly"]["test_normal"].get<int64_t>(),
                                   m["anomaly"]["test_anomalous"].get<int64_t>())),
            std::string::npos);
}

}  // namespace
}  // namespace mote
