#include "pipeline/pipeline_runner.h"

#include <gtest/gtest.h>

#include "core/config_sections.h"
#include "core/hash.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

// A stage that reads the dataset and one parameter from mote.yaml
// (test_stage.param); it fails when param is 13, to test failure handling.
class ParamStage : public Stage {
 public:
  std::string_view name() const override { return "zz_test_param"; }
  std::string_view description() const override { return "test stage"; }
  std::vector<std::string> inputs() const override { return {"dataset"}; }
  bool Enabled(const Project& p) const override { return p.yaml().Has("test_stage"); }
  Result<std::string> Fingerprint(const StageContext& ctx) const override {
    return std::to_string(Param(ctx.project));
  }
  Result<std::string> Run(StageContext& ctx) const override {
    int64_t p = Param(ctx.project);
    if (p == 13) return Status::InvalidArgument("unlucky");
    testing::WriteText(ctx.out_dir / "out.txt", std::to_string(p));
    return ToHex(Sha256Of(ctx.input_digests.at("dataset") + std::to_string(p)));
  }

 private:
  static int64_t Param(const Project& p) {
    int64_t v = 0;
    auto s = p.yaml().Section("test_stage");
    EXPECT_TRUE(s.ok() && s->Get("param", &v).ok());
    return v;
  }
};
MOTE_REGISTER_STAGE(ParamStage);
MOTE_REGISTER_CONFIG_SECTION(test_stage, "test_stage");

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteConfig(1);
    auto p = Open();
    auto store = p->store();
    ASSERT_TRUE(store.ok());
    auto session = (*store)->BeginImport(0.2, "test");
    for (int i = 0; i < 4; ++i) {
      ImportedSample s;
      std::vector<float> v = {static_cast<float>(i), 1, 2};
      s.data = SampleData::FromF32({3, 1}, v);
      s.sample_rate_hz = 10;
      s.source = "t";
      ASSERT_TRUE((*session)->Add(s, i % 2 ? "a" : "b").ok());
    }
    ASSERT_TRUE((*session)->Commit().ok());
  }
  void WriteConfig(int param) {
    testing::WriteText(dir_ / "mote.yaml", "project:\n  name: t\ntest_stage:\n  param: " + std::to_string(param) + "\n");
  }
  std::unique_ptr<Project> Open() {
    auto p = Project::Open(dir_.path());
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return std::move(*p);
  }
  // What happened to each stage this test is about (import, dataset and the
  // test stage; later stages such as features are disabled here and are
  // tested with their own code), as "name:what" in pipeline order.
  std::string Run(Status* error = nullptr) {
    auto p = Open();
    PipelineOptions opt;
    opt.show_progress = false;
    auto out = RunPipeline(*p, opt);
    if (!out.ok()) {
      if (error) *error = out.status();
      return "error";
    }
    std::string s;
    for (const auto& o : *out) {
      if (o.stage != "import" && o.stage != "dataset" && o.stage != "zz_test_param") continue;
      const char* w[] = {"ran", "skipped", "disabled", "would-run", "not-reached"};
      s += (s.empty() ? "" : " ") + o.stage + ":" + w[static_cast<int>(o.what)];
    }
    return s;
  }
  testing::TempDir dir_;
};

TEST_F(PipelineTest, RedoesOnlyWhatChanged) {
  EXPECT_EQ(Run(), "import:disabled dataset:ran zz_test_param:ran");
  EXPECT_EQ(Run(), "import:disabled dataset:skipped zz_test_param:skipped");
  // A parameter of the last stage: only it runs again.
  WriteConfig(2);
  EXPECT_EQ(Run(), "import:disabled dataset:skipped zz_test_param:ran");
  // Back to a setting seen before: its cached output is reused.
  WriteConfig(1);
  EXPECT_EQ(Run(), "import:disabled dataset:skipped zz_test_param:skipped");
  // A relabel outside `mote run` changes the dataset and what follows.
  auto p = Open();
  SampleFilter one;
  one.ids = {1};
  ASSERT_TRUE((*p->store())->Relabel(one, "c").ok());
  EXPECT_EQ(Run(), "import:disabled dataset:ran zz_test_param:ran");
}

TEST_F(PipelineTest, AFailedStageLeavesNoOutput) {
  EXPECT_EQ(Run(), "import:disabled dataset:ran zz_test_param:ran");
  WriteConfig(13);
  Status error;
  EXPECT_EQ(Run(&error), "error");
  EXPECT_EQ(error.message(), "zz_test_param: unlucky");
  // Only the output of param 1 exists, and no temporary folder is left.
  int outputs = 0;
  for (const auto& e : fs::directory_iterator(dir_ / ".mote/stages/zz_test_param")) {
    if (e.is_directory()) {
      ++outputs;
      EXPECT_TRUE(fs::exists(e.path() / "stage.json")) << e.path();
    }
  }
  EXPECT_EQ(outputs, 1);
}

TEST_F(PipelineTest, DryRunChangesNothing) {
  auto p = Open();
  PipelineOptions opt;
  opt.show_progress = false;
  opt.dry_run = true;
  auto out = RunPipeline(*p, opt);
  ASSERT_TRUE(out.ok());
  for (const StageOutcome& o : *out) {
    if (o.stage == "dataset" || o.stage == "zz_test_param") {
      EXPECT_EQ(o.what, StageOutcome::What::kWouldRun) << o.stage;
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / ".mote/stages"));
  EXPECT_EQ(Run(), "import:disabled dataset:ran zz_test_param:ran");
}

}  // namespace
}  // namespace mote
