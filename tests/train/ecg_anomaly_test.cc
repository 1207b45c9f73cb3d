// A real ECG through the unsupervised anomaly path, on a short slice: 30 s
// of SciPy's electrocardiogram (200 s to 230 s of MIT-BIH record 208, which
// SciPy's documentation shows holding large artifacts around 207-215 s),
// written as a .npy file, imported with --frequency, windowed, K-means on
// spectral features of every window, every window scored and ranked in
// the run report's windows/ (bench/ecg_anomaly.sh runs the whole 5
// minutes). No labels: no ROC AUC.
#include <gtest/gtest.h>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "data/import/numpy_array.h"
#include "data/numpy_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

TEST(EcgAnomalyTest, KMeansRanksEveryWindowOfARecordingWithoutLabels) {
  const fs::path ecg = testing::ScipyEcgPath();
  if (ecg.empty()) GTEST_SKIP() << "python3-scipy's scipy/misc/ecg.dat is not installed (scripts/setup.sh)";
  auto bytes = ReadFile(ecg);
  ASSERT_TRUE(bytes.ok());
  auto arrays = ParseNpz(std::span(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()), ecg.string());
  ASSERT_TRUE(arrays.ok()) << arrays.status().ToString();
  const std::vector<double>& counts = arrays->front().values;
  const size_t first = 200 * 360, frames = 30 * 360;
  std::vector<uint8_t> payload;
  for (size_t i = first; i < first + frames; ++i) {
    const uint16_t v = static_cast<uint16_t>(counts[i]);
    payload.push_back(static_cast<uint8_t>(v & 0xFF));
    payload.push_back(static_cast<uint8_t>(v >> 8));
  }

  testing::TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "-q"}, dir.path()).exit_code, 0);
  const fs::path p = dir.path() / "p";
  // The bench's configuration (bench/ecg_anomaly.sh), 6 clusters.
  fs::copy_file(fs::path(MOTE_SOURCE_DIR) / "bench" / "ecg_anomaly.yaml", p / "mote.yaml",
                fs::copy_options::overwrite_existing);
  testing::WriteBytes(dir.path() / "slice.npy", testing::NpyBytes("<u2", fmt::format("({},)", frames), payload));
  // No rate in a .npy: --frequency is required.
  auto no_rate = RunMote({"data", "import", (dir.path() / "slice.npy").string(), "--label", "ecg"}, p);
  EXPECT_EQ(no_rate.exit_code, 1);
  EXPECT_NE(no_rate.err.find("slice.npy: a NumPy array has no sample rate"), std::string::npos) << no_rate.err;
  auto imported = RunMote({"data", "import", (dir.path() / "slice.npy").string(), "--frequency", "360", "--label",
                           "ecg", "--split", "train", "--json", "-q"},
                          p);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(json::parse(imported.out)["added"], 1);

  auto r = RunMote({"train", "--json", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out);
  const int64_t windows = (30 - 2) * 2 + 1;  // 2 s every 0.5 s
  EXPECT_EQ(m["examples"]["train"], windows);
  EXPECT_TRUE(m["anomaly"]["roc_auc"].is_null());
  const fs::path report = p / m["run"]["report"].get<std::string>() / "windows";
  auto csv = ReadFile(report / "scores.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  std::vector<std::vector<std::string>> rows;
  size_t at = csv->find('\n') + 1;
  while (at < csv->size()) {
    const size_t end = csv->find('\n', at);
    std::vector<std::string> cells;
    for (size_t c = at; c <= end;) {
      const size_t comma = std::min(csv->find(',', c), end);
      cells.push_back(csv->substr(c, comma - c));
      c = comma + 1;
    }
    rows.push_back(cells);
    at = end + 1;
  }
  ASSERT_EQ(static_cast<int64_t>(rows.size()), windows);
  EXPECT_EQ(rows[3][5], "3");  // window index
  EXPECT_EQ(rows[3][6], "1.5000");  // starts at 3 * 0.5 s
  EXPECT_EQ(rows[3][7], "3.5000");
  // Among the three highest scores, a window that overlaps the artifacts
  // SciPy's documentation shows at 207-215 s (7-15 s of the slice).
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&rows](size_t a, size_t b) { return std::stod(rows[a][8]) > std::stod(rows[b][8]); });
  int overlapping = 0;
  std::string tops;
  for (size_t k = 0; k < 3; ++k) {
    const double start = std::stod(rows[order[k]][6]), end = std::stod(rows[order[k]][7]);
    overlapping += end > 7.0 && start < 15.0;
    tops += fmt::format(" {}-{} s", start, end);
  }
  EXPECT_GE(overlapping, 1) << "top windows:" << tops;

  for (const char* file : {"index.html", "signal_1.svg", "scores_1.svg", "window_1.svg", "window_5.svg"}) {
    EXPECT_TRUE(fs::exists(report / file)) << file;
  }
  auto html = ReadFile(report / "index.html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("id=\"top-windows\""), std::string::npos);
  EXPECT_NE(html->find("not an accuracy"), std::string::npos);
}

}  // namespace
}  // namespace mote
