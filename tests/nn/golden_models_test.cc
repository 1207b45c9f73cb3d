// Every model in ../shared/models/golden that micro/nn supports reproduces
// TensorFlow Lite Micro's reference output byte for byte (float: within
// 1e-5 relative + 1e-6 absolute), in no more arena than TensorFlow Lite
// Micro needed on the same (x86-64) host.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>

#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using nn::NnStatus;

class GoldenModelTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenModelTest, ReproducesTfliteMicroOutputInLessArena) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  const std::string name = GetParam();
  const fs::path golden = dir / "golden" / name;
  std::unique_ptr<LoadedModel> model = LoadModel(dir / (name + ".tflite"));
  ASSERT_TRUE(model);
  nn::Interpreter& interpreter = model->interpreter;
  for (uint32_t i = 0; i < interpreter.input_count(); ++i) {
    const std::vector<uint8_t> input = ReadBytes(golden / ("input_" + std::to_string(i) + ".bin"));
    const nn::Tensor tensor = interpreter.input(i);
    ASSERT_EQ(input.size(), tensor.bytes) << "input " << i;
    std::memcpy(tensor.data, input.data(), input.size());
  }
  ASSERT_EQ(interpreter.Invoke(), NnStatus::kOk) << ErrorText(interpreter);
  const std::vector<uint8_t> expected = ReadBytes(golden / "output_0.bin");
  const nn::Tensor out = interpreter.output(0);
  ASSERT_EQ(expected.size(), out.bytes);
  const auto* got = static_cast<const uint8_t*>(out.data);
  if (out.type == nn::tflite::TensorType::kFloat32) {
    for (size_t i = 0; i < expected.size() / 4; ++i) {
      float e = 0, g = 0;
      std::memcpy(&e, expected.data() + 4 * i, 4);
      std::memcpy(&g, got + 4 * i, 4);
      EXPECT_LE(std::fabs(g - e), 1e-5 * std::fabs(e) + 1e-6) << "element " << i << ": " << g << " vs " << e;
    }
  } else {
    EXPECT_EQ(std::vector<uint8_t>(got, got + out.bytes), expected);
  }

  std::ifstream json_file(dir / "golden" / "golden.json");
  const nlohmann::json json = nlohmann::json::parse(json_file);
  const size_t tflm = json.at(name).at("tflm_arena_used_bytes").get<size_t>();
  const nn::PlanStats& plan = interpreter.plan_stats();
  std::printf("%-24s arena %6zu bytes (activations %u, lower bound %u, greedy by size %u); TFLM %zu\n",
              name.c_str(), interpreter.arena_bytes_needed(), plan.used, plan.lower_bound, plan.greedy_by_size,
              tflm);
  EXPECT_LE(interpreter.arena_bytes_needed(), tflm);
}

INSTANTIATE_TEST_SUITE_P(SharedModels, GoldenModelTest,
                         ::testing::Values("hello_world_float", "hello_world_int8", "micro_speech_quantized",
                                           "person_detect", "simple_add_model", "keyword_scrambled_8bit",
                                           "trained_lstm_int8", "audio_preprocessor_int8"));

}  // namespace
}  // namespace mote::testing
