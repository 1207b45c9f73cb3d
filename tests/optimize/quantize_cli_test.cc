// `mote quantize` through the real binary, on a motion project trained by
// `mote train`: the int8 model is written beside the run's float model with
// the float model's labels and DSP block and a lineage of its own, its test
// figures are what `mote eval --int8` then measures, and it stays close to
// the float model (an autoencoder's reconstruction error too); a missing run, a model with an operator the quantizer
// cannot take, or a file that is not a .tflite is one line, exit 1, and
// nothing is written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/tflite_reader.h"
#include "test_util.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

class QuantizeCliTest : public ::testing::Test {
 protected:
  void SetUp() override { p_ = testing::MakeMotionProject(dir_.path(), 20); }
  const fs::path& p() const { return p_; }
  fs::path Int8Model() const { return p_ / ".mote" / "runs" / "1" / "model_int8.tflite"; }
  // Expects `r` to have failed (exit 1, or 2 for a usage error) with one
  // line on stderr containing `what`.
  static void ExpectOneLineError(const testing::RunResult& r, const std::string& what, int exit_code = 1) {
    EXPECT_EQ(r.exit_code, exit_code) << r.out;
    EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
  testing::TempDir dir_;
  fs::path p_;
};

TEST_F(QuantizeCliTest, WritesAnInt8ModelThatEvalMeasuresAndThatStaysCloseToTheFloatOne) {
  testing::AppendToMoteYaml(p(), "model:\n  zoo: mlp\n  width: 0.5\n  depth: 1\n"
                                 "train:\n  epochs: 20\n  batch_size: 8\n  validation: 0\n");
  auto trained = RunMote({"train", "--json", "-q"}, p());
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  const json t = json::parse(trained.out);

  auto r = RunMote({"quantize", "--json", "-q"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json q = json::parse(r.out);
  EXPECT_EQ(q["run"], 1);
  EXPECT_EQ(q["int8_model"], ".mote/runs/1/model_int8.tflite");
  EXPECT_EQ(q["calibration_rows"], std::min<int64_t>(200, t["examples"]["train"].get<int64_t>()));
  EXPECT_LT(q["int8_bytes"].get<int64_t>(), q["float_bytes"].get<int64_t>());
  const json& test = q["test"];
  EXPECT_EQ(test["objective"], "classification");
  EXPECT_EQ(test["examples"], t["examples"]["test"]);
  // The float model run by micro/nn classifies as the trainer measured.
  EXPECT_DOUBLE_EQ(test["float_accuracy"].get<double>(), t["test"]["accuracy"].get<double>());
  EXPECT_GE(test["agreement"].get<double>(), 0.85);
  EXPECT_NEAR(test["int8_accuracy"].get<double>(), test["float_accuracy"].get<double>(), 0.1);

  // The file: int8 from input to output, describing itself as the float model does.
  auto float_model = model::ReadTfliteFile(p() / ".mote" / "runs" / "1" / "model.tflite");
  auto int8_model = model::ReadTfliteFile(Int8Model());
  ASSERT_TRUE(float_model.ok() && int8_model.ok()) << int8_model.status().ToString();
  const model::Graph& g = int8_model->graphs[0];
  EXPECT_EQ(g.tensors[g.inputs[0]].dtype, model::DType::kInt8);
  EXPECT_EQ(g.tensors[g.outputs[0]].dtype, model::DType::kInt8);
  ASSERT_TRUE(float_model->mote && int8_model->mote);
  EXPECT_EQ(int8_model->mote->labels, float_model->mote->labels);
  EXPECT_EQ(int8_model->mote->dsp, float_model->mote->dsp);
  EXPECT_EQ(int8_model->mote->lineage, q["lineage"]);
  EXPECT_EQ(int8_model->mote->lineage.size(), 64u);
  EXPECT_NE(int8_model->mote->lineage, float_model->mote->lineage);

  // `mote eval --int8` measures that file: the figures quantize printed.
  auto e = RunMote({"eval", "--int8", "--json", "-q"}, p());
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const json ej = json::parse(e.out);
  EXPECT_EQ(ej["model"], ".mote/runs/1/model_int8.tflite");
  EXPECT_EQ(ej["count"], test["examples"]);
  EXPECT_DOUBLE_EQ(ej["accuracy"].get<double>(), test["int8_accuracy"].get<double>());

  // Fewer calibration rows, elsewhere; the text form says what it measured.
  auto few = RunMote({"quantize", "--calibration", "5", "-o", (dir_ / "few.tflite").string()}, p());
  ASSERT_EQ(few.exit_code, 0) << few.err;
  EXPECT_NE(few.out.find("calibrated on 5 train rows"), std::string::npos) << few.out;
  EXPECT_NE(few.out.find("int8 accuracy"), std::string::npos) << few.out;
  EXPECT_NE(few.out.find("top-1 agreement"), std::string::npos) << few.out;
  EXPECT_TRUE(fs::exists(dir_ / "few.tflite"));
}

// An autoencoder (anomaly project): scored by reconstruction error, float
// and int8, as `mote eval` scores each file.
TEST(QuantizeCliAutoencoder, ComparesReconstructionErrors) {
  testing::TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "--template", "anomaly"}, dir.path()).exit_code, 0);
  const fs::path p = dir / "p";
  ASSERT_EQ(RunMote({"data", "synth", "vibration", "--count", "10", "-q"}, p).exit_code, 0);
  testing::AppendToMoteYaml(p, "model:\n  zoo: autoencoder\n  width: 0.5\n  depth: 2\n"
                               "train:\n  task: anomaly\n  method: autoencoder\n  epochs: 5\n  batch_size: 16\n"
                               "  validation: 0\n");
  ASSERT_EQ(RunMote({"train", "-q"}, p).exit_code, 0);
  auto r = RunMote({"quantize", "--json", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json test = json::parse(r.out)["test"];
  EXPECT_EQ(test["objective"], "reconstruction");
  const double float_mse = test["float_mse"].get<double>(), int8_mse = test["int8_mse"].get<double>();
  EXPECT_GT(float_mse, 0);
  EXPECT_NEAR(int8_mse, float_mse, 0.25 * float_mse);
  auto f = RunMote({"eval", "--json", "-q"}, p);
  auto q = RunMote({"eval", "--int8", "--json", "-q"}, p);
  ASSERT_EQ(f.exit_code, 0) << f.err;
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_DOUBLE_EQ(json::parse(f.out)["mse"].get<double>(), float_mse);
  EXPECT_DOUBLE_EQ(json::parse(q.out)["mse"].get<double>(), int8_mse);
}

TEST_F(QuantizeCliTest, BadInputIsOneLineAndWritesNothing) {
  ExpectOneLineError(RunMote({"quantize"}, p()), "mote train");
  ExpectOneLineError(RunMote({"quantize", "--calibration", "0"}, p()), "--calibration: must be at least 1", 2);

  // tanh has no int8 quantization here: the operator is named.
  testing::AppendToMoteYaml(p(), "model:\n  layers:\n    - {type: flatten}\n    - {type: dense, units: 8}\n"
                                 "    - {type: tanh}\n    - {type: dense, units: 5}\n"
                                 "train:\n  epochs: 1\n  batch_size: 8\n  validation: 0\n");
  ASSERT_EQ(RunMote({"train", "-q"}, p()).exit_code, 0);
  auto tanh = RunMote({"quantize", "-q"}, p());
  ExpectOneLineError(tanh, ".mote/runs/1/model.tflite: quantize: operator");
  EXPECT_NE(tanh.err.find("(TANH) has no int8 quantization"), std::string::npos) << tanh.err;
  EXPECT_FALSE(fs::exists(Int8Model()));
  ExpectOneLineError(RunMote({"quantize", "--run", "9"}, p()), "no run 9");
  ExpectOneLineError(RunMote({"eval", "--int8"}, p()), "run `mote quantize` first");

  // The run's model replaced by something that is not a .tflite.
  testing::WriteText(p() / ".mote" / "runs" / "1" / "model.tflite", "not a model\n");
  ExpectOneLineError(RunMote({"quantize", "-q"}, p()), ".mote/runs/1/model.tflite");
  EXPECT_FALSE(fs::exists(Int8Model()));
}

}  // namespace
}  // namespace mote
