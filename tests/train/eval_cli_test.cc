// `mote eval` through the real binary: after `mote train`, the model file
// run by micro/nn on the test split gives the accuracy the trainer measured,
// a confusion matrix that accounts for every test example and per-class
// metrics computed from it; no trained model, or no features, is one line
// saying what to run.
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

class EvalCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    p_ = testing::MakeMotionProject(dir_.path(), 6);
    testing::AppendToMoteYaml(p_, "model:\n  zoo: mlp\n  width: 0.5\n  depth: 1\n"
                                  "train:\n  epochs: 8\n  batch_size: 8\n  validation: 0\n");
  }
  const fs::path& p() const { return p_; }
  testing::TempDir dir_;
  fs::path p_;
};

TEST_F(EvalCliTest, ReportsWhatTheTrainerMeasuredOnTheTestSplit) {
  auto trained = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  const json t = json::parse(trained.out);

  auto r = RunMote({"eval", "--json"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json e = json::parse(r.out);
  EXPECT_EQ(e["objective"], "classification");
  EXPECT_EQ(e["classes"], t["classes"]);
  EXPECT_EQ(e["count"], t["examples"]["test"]);
  // The exported model, run by the device's interpreter, classifies as the trainer did.
  EXPECT_DOUBLE_EQ(e["accuracy"].get<double>(), t["test"]["accuracy"].get<double>());

  const size_t k = e["classes"].size();
  ASSERT_EQ(e["confusion"].size(), k);
  int64_t total = 0, diagonal = 0;
  for (size_t i = 0; i < k; ++i) {
    int64_t row = 0, column = 0;
    for (size_t j = 0; j < k; ++j) {
      row += e["confusion"][i][j].get<int64_t>();
      column += e["confusion"][j][i].get<int64_t>();
    }
    total += row;
    diagonal += e["confusion"][i][i].get<int64_t>();
    const json& c = e["per_class"][i];
    EXPECT_EQ(c["class"], e["classes"][i]);
    EXPECT_EQ(c["support"].get<int64_t>(), row);
    const double hits = e["confusion"][i][i].get<double>();
    EXPECT_DOUBLE_EQ(c["recall"].get<double>(), row ? hits / row : 0.0);
    EXPECT_DOUBLE_EQ(c["precision"].get<double>(), column ? hits / column : 0.0);
  }
  EXPECT_EQ(total, e["count"].get<int64_t>());
  EXPECT_DOUBLE_EQ(e["accuracy"].get<double>(), static_cast<double>(diagonal) / total);

  auto text = RunMote({"eval"}, p());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("accuracy"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("precision  recall"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(e["classes"][0].get<std::string>()), std::string::npos) << text.out;
}

TEST_F(EvalCliTest, NoModelOrNoFeaturesIsOneLineSayingWhatToRun) {
  auto none = RunMote({"eval"}, p());
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no trained model"), std::string::npos) << none.err;
  EXPECT_NE(none.err.find("mote train"), std::string::npos) << none.err;

  ASSERT_EQ(RunMote({"train", "-q"}, p()).exit_code, 0);
  auto unknown = RunMote({"eval", "--run", "9"}, p());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no run 9"), std::string::npos) << unknown.err;
  fs::remove_all(p() / ".mote" / "stages" / "features");
  auto gone = RunMote({"eval"}, p());
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("no features"), std::string::npos) << gone.err;
  EXPECT_EQ(gone.err.find('\n'), gone.err.size() - 1) << gone.err;
}

}  // namespace
}  // namespace mote
