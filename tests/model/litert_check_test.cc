// LiteRT.js (@litertjs/core under Node, tests/litert/) as a second
// independent reader of the .tflite files mote writes: shared models
// imported and exported by mote reproduce TensorFlow Lite Micro's goldens
// within 1 LSB (int8) or 1e-5 relative + 1e-6 absolute (float); models
// built through the IR and networks trained by mote and exported
// (src/train/tflite_export.h) compute what mote's interpreter (micro/nn)
// computes, to the same tolerances, or, for layers micro/nn has no float
// kernel for, what the trainer computes. Any "ERROR:" line from LiteRT.js
// fails.
//
// LiteRT.js compiles models for their shape signature and rejects a dynamic
// batch (-1), so the test fixes the batch at 1 (clears shape signatures)
// before exporting, as a model deployed to a microcontroller has.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "core/file_util.h"
#include "core/subprocess.h"
#include "model/model_test_util.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "nn/nn_test_util.h"
#include "optimize/quantize_test_util.h"
#include "optimize/single_op_util.h"
#include "test_util.h"
#include "train/export_test_util.h"
#include "train/tflite_export.h"

namespace mote::model {
namespace {

const std::filesystem::path kLiteRtDir = std::filesystem::path(MOTE_SOURCE_DIR) / "tests" / "litert";

bool LiteRtInstalled() {
  return !FindProgram("node").empty() && std::filesystem::exists(kLiteRtDir / "node_modules" / "@litertjs" / "core");
}

// A model and the bytes of one or more inputs for it, one after the other.
struct LiteRtRun {
  Model model;
  std::vector<uint8_t> inputs;
};

// Exports each model with static shapes and runs them all in one LiteRT.js
// process on their inputs; returns the first output's bytes for each input,
// concatenated, per run (empty after a test failure).
std::vector<std::vector<uint8_t>> RunAllInLiteRt(std::vector<LiteRtRun> runs) {
  testing::TempDir dir;
  std::vector<std::string> command = {"node", (kLiteRtDir / "run_tflite.mjs").string()};
  for (size_t i = 0; i < runs.size(); ++i) {
    for (Graph& g : runs[i].model.graphs)
      for (Tensor& t : g.tensors) t.shape_signature.clear();
    auto bytes = WriteTflite(runs[i].model);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    if (!bytes.ok()) return {};
    const std::string n = std::to_string(i);
    EXPECT_TRUE(WriteFileAtomically(dir / (n + ".tflite"), *bytes).ok());
    EXPECT_TRUE(WriteFileAtomically(dir / (n + ".in"), std::string(runs[i].inputs.begin(), runs[i].inputs.end())).ok());
    for (const char* ext : {".tflite", ".in", ".out"}) command.push_back((dir / (n + ext)).string());
  }
  const Status ran = RunProgram(command);
  EXPECT_TRUE(ran.ok()) << ran.ToString();
  if (!ran.ok()) return {};
  std::vector<std::vector<uint8_t>> outputs;
  for (size_t i = 0; i < runs.size(); ++i) outputs.push_back(testing::ReadBytes(dir / (std::to_string(i) + ".out")));
  return outputs;
}

// `m` run in LiteRT.js on `input` (one or more inputs one after the other).
std::vector<uint8_t> RunInLiteRt(Model m, const std::vector<uint8_t>& input) {
  std::vector<std::vector<uint8_t>> out = RunAllInLiteRt({{std::move(m), input}});
  return out.empty() ? std::vector<uint8_t>() : std::move(out[0]);
}

TEST(LiteRtCheck, SharedModelsExportedByMoteMatchTheGoldens) {
  const auto dir = testing::SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  for (const std::string name : {"hello_world_float", "hello_world_int8", "micro_speech_quantized", "person_detect"}) {
    SCOPED_TRACE(name);
    auto m = ReadTfliteFile(dir / (name + ".tflite"));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    const auto golden = dir / "golden" / name;
    const std::vector<uint8_t> got = RunInLiteRt(*m, testing::ReadBytes(golden / "input_0.bin"));
    const std::vector<uint8_t> want = testing::ReadBytes(golden / "output_0.bin");
    const Graph& g = m->graphs[0];
    testing::ExpectMatchesGolden(g.tensors[g.outputs[0]].dtype, got, want);
  }
}

TEST(LiteRtCheck, ModelsBuiltThroughTheIrComputeWhatMotesInterpreterDoes) {
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  for (bool int8 : {false, true}) {
    SCOPED_TRACE(int8 ? "int8" : "float");
    const Model m = testing::SmallCnn(int8);
    const std::vector<uint8_t> input = testing::SmallCnnInput(int8);
    const std::vector<uint8_t> out = RunInLiteRt(m, input);
    ASSERT_EQ(out.size(), int8 ? 3u : 12u);
    if (int8) {  // mote's interpreter is bit-exact with TFLM; LiteRT.js within 1 LSB of it
      auto bytes = WriteTflite(m);
      ASSERT_TRUE(bytes.ok());
      testing::ExpectMatchesGolden(DType::kInt8, out, testing::RunInMoteNn(*bytes, input));
    } else {  // micro/nn has no float SOFTMAX: the float model computes what its IR says
      testing::ExpectCloseFloats(testing::Floats(out), testing::SmallCnnReference(m, testing::Floats(input)));
    }
  }
}

// `t` exported by mote and run in LiteRT.js on every row of its inputs.
std::vector<float> RunTrainedInLiteRt(const testing::TrainedNetwork& t) {
  auto m = train::ExportModel(t.network);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? testing::Floats(RunInLiteRt(*m, testing::ValueBytes(t.inputs.features))) : std::vector<float>();
}

TEST(LiteRtCheck, TrainedNetworksExportedByMoteComputeWhatMotesInterpreterDoes) {
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  std::string skip;
  testing::TrainedNetwork cnn = testing::TrainedFashionCnn(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  testing::TrainedNetwork ds_cnn = testing::TrainedDsCnn();
  for (const testing::TrainedNetwork* t : {&cnn, &ds_cnn}) {
    testing::ExpectCloseFloats(RunTrainedInLiteRt(*t), testing::RunInMoteNn(testing::ExportedFile(*t), t->inputs));
  }
}

TEST(LiteRtCheck, TrainedNetworksQuantizedByMoteComputeWhatMotesInterpreterDoes) {
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  std::string skip;
  const std::vector<testing::QuantizedCase> cases = testing::QuantizedTrainedNetworks(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  ASSERT_EQ(cases.size(), 4u);
  for (const testing::QuantizedCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto file = WriteTflite(c.model);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    testing::ExpectWithinLsb(RunInLiteRt(c.model, c.inputs), testing::RunInMoteNn(*file, c.inputs), c.max_lsb,
                             c.name + ", LiteRT.js vs micro/nn");
  }
}

// The 1-LSB bound, operator by operator, as for Arm NN
// (armnn_check_test.cc): each operator of the quantized networks alone, fed
// with micro/nn's own value of its input, within 1 LSB of micro/nn.
TEST(LiteRtCheck, EachOperatorOfTheQuantizedNetworksIsWithinOneLsbOfMotesInterpreter) {
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  std::string skip;
  const std::vector<testing::QuantizedCase> networks = testing::QuantizedTrainedNetworks(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  const std::vector<testing::SingleOpCase> cases = testing::SingleOpCasesOf(networks);
  ASSERT_GT(cases.size(), 10u);
  std::vector<LiteRtRun> runs;
  for (const testing::SingleOpCase& c : cases) runs.push_back({c.model, c.inputs});
  const std::vector<std::vector<uint8_t>> outputs = RunAllInLiteRt(std::move(runs));
  ASSERT_EQ(outputs.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) testing::ExpectOperatorWithinOneLsb(cases[i], outputs[i], "LiteRT.js");
}

TEST(LiteRtCheck, ExportedLayersBeyondMotesInterpreterComputeWhatTheTrainerDoes) {
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  const testing::TrainedNetwork t = testing::LayerZooNetwork();
  testing::ExpectCloseFloats(RunTrainedInLiteRt(t), t.eval_output);
}

}  // namespace
}  // namespace mote::model
