// LiteRT.js (@litertjs/core under Node, tests/litert/) as a second
// independent reader of the .tflite files mote writes: shared models
// imported and exported by mote reproduce TensorFlow Lite Micro's goldens
// within 1 LSB (int8) or 1e-5 relative + 1e-6 absolute (float), and models
// built through the IR run. Any "ERROR:" line from LiteRT.js fails.
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
#include "test_util.h"

namespace mote::model {
namespace {

const std::filesystem::path kLiteRtDir = std::filesystem::path(MOTE_SOURCE_DIR) / "tests" / "litert";

bool LiteRtInstalled() {
  return !FindProgram("node").empty() && std::filesystem::exists(kLiteRtDir / "node_modules" / "@litertjs" / "core");
}

// Exports `m` with static shapes, runs it in LiteRT.js on `input`, returns
// the first output's bytes (empty after a test failure).
std::vector<uint8_t> RunInLiteRt(Model m, const std::vector<uint8_t>& input) {
  for (Graph& g : m.graphs)
    for (Tensor& t : g.tensors) t.shape_signature.clear();
  auto bytes = WriteTflite(m);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  if (!bytes.ok()) return {};
  testing::TempDir dir;
  EXPECT_TRUE(WriteFileAtomically(dir / "model.tflite", *bytes).ok());
  EXPECT_TRUE(WriteFileAtomically(dir / "input.bin", std::string(input.begin(), input.end())).ok());
  const Status ran = RunProgram({"node", (kLiteRtDir / "run_tflite.mjs").string(), (dir / "model.tflite").string(),
                                 (dir / "input.bin").string(), (dir / "output.bin").string()});
  EXPECT_TRUE(ran.ok()) << ran.ToString();
  if (!ran.ok()) return {};
  auto out = ReadFile(dir / "output.bin");
  EXPECT_TRUE(out.ok());
  return out.ok() ? std::vector<uint8_t>(out->begin(), out->end()) : std::vector<uint8_t>();
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

TEST(LiteRtCheck, ModelsBuiltThroughTheIrRun) {
  if (!LiteRtInstalled()) GTEST_SKIP() << "LiteRT.js not installed (node and tests/litert/node_modules: scripts/setup.sh)";
  for (bool int8 : {false, true}) {
    SCOPED_TRACE(int8 ? "int8" : "float");
    const Model m = testing::SmallCnn(int8);
    const std::vector<uint8_t> input = testing::SmallCnnInput(int8);
    const std::vector<uint8_t> out = RunInLiteRt(m, input);
    ASSERT_EQ(out.size(), int8 ? 3u : 12u);
    if (!int8) {  // the float model computes what its IR says
      const std::vector<float> want = testing::SmallCnnReference(m, testing::Floats(input));
      const std::vector<float> got = testing::Floats(out);
      for (size_t k = 0; k < 3; ++k) EXPECT_LE(std::fabs(got[k] - want[k]), 1e-5f * std::fabs(want[k]) + 1e-6f) << k;
    }
    testing::ExpectSoftmax(int8, out);
  }
}

}  // namespace
}  // namespace mote::model
