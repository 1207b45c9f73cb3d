// micro/nn on the emulated boards: firmware/apps/nn_runner runs the shared
// golden models on the Cortex-M4F, M7, M33 and M55 through
// src/deploy/nn_device_runner.h, and each output must be TensorFlow Lite
// Micro's golden output byte for byte (float models within 1e-5 relative
// plus 1e-6 absolute). Also the errors of the runner and of `mote bench`.
// Skips without the cross compiler, QEMU or ../shared/models.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "deploy/nn_device_runner.h"
#include "deploy/qemu_test_util.h"
#include "nn/built_model_util.h"
#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using testing::QemuOnPath;
using testing::ExpectSameAsGolden;
using testing::GoldenInputs;
using testing::ReadOrFail;
using testing::SharedModelsDir;

#define SKIP_WITHOUT_DEVICE_OR_MODELS()                                                                    \
  do {                                                                                                     \
    if (std::string(MOTE_HELLO_FIRMWARE).empty())                                                          \
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to run";              \
    if (!QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH (Debian package qemu-system-arm)"; \
    if (SharedModelsDir().empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";  \
  } while (0)

Result<NnDeviceRun> RunOn(const DeviceTarget& target, const std::string& model, const std::vector<std::string>& inputs,
                          bool count = true) {
  NnDeviceOptions options;
  options.target = &target;
  options.count_instructions = count;
  options.label = model;
  return RunModelOnDevice(options, ReadOrFail(SharedModelsDir() / (model + ".tflite")), inputs);
}

struct GoldenCase {
  const char* model;
  bool is_float;
};

// Every shared model. keyword_scrambled_8bit (SVDF), trained_lstm_int8
// (integer LSTM) and audio_preprocessor_int8 (the spectral subtraction's
// noise estimate) keep state across invokes; the firmware prepares and
// invokes once per boot, so its output is the golden first invoke
// (StatefulModelsWouldDifferOnASecondInvoke shows the check can fail).
constexpr GoldenCase kGoldenModels[] = {
    {"hello_world_int8", false},       {"micro_speech_quantized", false}, {"person_detect", false},
    {"simple_add_model", false},       {"hello_world_float", true},       {"keyword_scrambled_8bit", false},
    {"trained_lstm_int8", false},      {"audio_preprocessor_int8", false},
};

// TensorFlow Lite Micro's arena on the Cortex-M4, the bar. golden.json
// has no M4 figure for audio_preprocessor_int8; its host (x86-64) figure,
// which is larger, is the bound there.
uint32_t TflmArenaBound(const nlohmann::json& golden, const std::string& model) {
  const nlohmann::json& g = golden.at(model);
  return g.contains("tflm_m4_arena_used_bytes") ? g.at("tflm_m4_arena_used_bytes").get<uint32_t>()
                                                : g.at("tflm_arena_used_bytes").get<uint32_t>();
}

class NnOnDeviceTest : public ::testing::TestWithParam<DeviceTarget> {};

TEST_P(NnOnDeviceTest, GoldenModelsGiveTheGoldenOutputs) {
  SKIP_WITHOUT_DEVICE_OR_MODELS();
  const nlohmann::json golden = nlohmann::json::parse(ReadOrFail(SharedModelsDir() / "golden" / "golden.json"));
  for (const GoldenCase& c : kGoldenModels) {
    SCOPED_TRACE(c.model);
    Result<NnDeviceRun> run = RunOn(GetParam(), c.model, GoldenInputs(c.model));
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_EQ(run->outputs.size(), 1u);
    const std::string expected = ReadOrFail(SharedModelsDir() / "golden" / c.model / "output_0.bin");
    ExpectSameAsGolden(run->outputs[0], expected, c.is_float);
    EXPECT_GT(run->instructions, 0u);
    EXPECT_EQ(run->model_bytes, fs::file_size(SharedModelsDir() / (std::string(c.model) + ".tflite")));
    // The bar: never more arena than TensorFlow Lite Micro on the M4.
    EXPECT_GT(run->arena_bytes, 0u);
    EXPECT_LE(run->arena_bytes, TflmArenaBound(golden, c.model));
    EXPECT_GT(run->stack_bytes, 0u);
    EXPECT_LT(run->stack_bytes, 16384u);
    EXPECT_GT(run->runtime_code_bytes, 0u);
    EXPECT_LT(run->runtime_code_bytes, run->image_flash_bytes);
  }
}

INSTANTIATE_TEST_SUITE_P(Boards, NnOnDeviceTest, ::testing::ValuesIn(DeviceTargets().begin(), DeviceTargets().end()),
                         testing::BoardTestName);

const DeviceTarget& M4() { return DeviceTargets()[0]; }

// The golden check above is also a check that the device starts the stateful
// models from fresh state: on the host a second invoke with the same input
// gives other bytes, so a device that kept or skipped zeroing the state
// would not match. Not for keyword_scrambled_8bit: its golden output
// is {0, 32767} on both invokes, so its state does
// not show at the output for that input.
TEST(NnOnDeviceStateTest, StatefulModelsWouldDifferOnASecondInvoke) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  for (const char* model : {"trained_lstm_int8", "audio_preprocessor_int8"}) {
    SCOPED_TRACE(model);
    std::unique_ptr<testing::LoadedModel> host = testing::LoadModel(SharedModelsDir() / (std::string(model) + ".tflite"));
    ASSERT_TRUE(host);
    const std::vector<std::string> inputs = GoldenInputs(model);
    std::string outputs[2];
    for (std::string& output : outputs) {
      for (size_t k = 0; k < inputs.size(); ++k) {
        const nn::Tensor in = host->interpreter.input(static_cast<uint32_t>(k));
        ASSERT_EQ(in.bytes, inputs[k].size());
        std::memcpy(in.data, inputs[k].data(), inputs[k].size());
      }
      ASSERT_EQ(host->interpreter.Invoke(), nn::NnStatus::kOk);
      const nn::Tensor out = host->interpreter.output(0);
      output.assign(static_cast<const char*>(out.data), out.bytes);
    }
    EXPECT_EQ(outputs[0], ReadOrFail(SharedModelsDir() / "golden" / model / "output_0.bin"));
    EXPECT_NE(outputs[1], outputs[0]) << "the state does not change this model's output: the device check proves nothing";
  }
}

// The four speech feature files through micro_speech on the M4 give the
// host interpreter's scores (which tests/nn/real_inputs_test.cc holds to the
// documented ones) and the documented labels.
TEST(NnOnDeviceRealInputsTest, SpeechFeaturesGiveTheHostsScoresOnTheM4) {
  SKIP_WITHOUT_DEVICE_OR_MODELS();
  std::unique_ptr<testing::LoadedModel> host = testing::LoadModel(SharedModelsDir() / "micro_speech_quantized.tflite");
  ASSERT_TRUE(host);
  const struct {
    const char* clip;
    size_t label;  // silence, unknown, yes, no
  } cases[] = {{"yes", 2}, {"no", 3}, {"silence", 0}, {"noise", 0}};
  for (const auto& c : cases) {
    const std::string features = ReadOrFail(SharedModelsDir() / "speech" / (std::string(c.clip) + "_features.bin"));
    const nn::Tensor in = host->interpreter.input(0);
    ASSERT_EQ(in.bytes, features.size());
    std::memcpy(in.data, features.data(), features.size());
    ASSERT_EQ(host->interpreter.Invoke(), nn::NnStatus::kOk);
    const nn::Tensor out = host->interpreter.output(0);
    const std::string host_scores(static_cast<const char*>(out.data), out.bytes);

    Result<NnDeviceRun> run = RunOn(M4(), "micro_speech_quantized", {features}, /*count=*/false);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_EQ(run->outputs.size(), 1u);
    EXPECT_EQ(run->outputs[0], host_scores) << c.clip;
    const std::vector<int8_t> scores(run->outputs[0].begin(), run->outputs[0].end());
    EXPECT_EQ(static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin()), c.label) << c.clip;
    EXPECT_EQ(run->instructions, 0u);  // not counted
  }
}

// The same model and input count the same instructions every time, and a
// different input may change them (softmax and saturation branches).
TEST(NnOnDeviceCountTest, InstructionCountsRepeatExactly) {
  SKIP_WITHOUT_DEVICE_OR_MODELS();
  const std::vector<std::string> inputs = GoldenInputs("micro_speech_quantized");
  Result<NnDeviceRun> first = RunOn(M4(), "micro_speech_quantized", inputs);
  Result<NnDeviceRun> second = RunOn(M4(), "micro_speech_quantized", inputs);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(first->instructions, second->instructions);
  EXPECT_EQ(first->outputs, second->outputs);
  // micro_speech has a depthwise conv and a fully connected layer over 1960
  // inputs: at least one multiply-accumulate instruction per MAC would be
  // over 300 000; an Invoke that ran nothing would be a few dozen.
  EXPECT_GT(first->instructions, 300'000u);
}

TEST(NnOnDeviceErrorsTest, TheDeviceRefusesWhatTheHostWould) {
  SKIP_WITHOUT_DEVICE_OR_MODELS();
  // A model micro/nn has no kernel for: the device's interpreter says so.
  NnDeviceOptions unsupported;
  unsupported.target = &M4();
  unsupported.count_instructions = false;
  unsupported.label = "unsupported";
  const std::vector<uint8_t> model = testing::UnsupportedOpModel();
  Result<NnDeviceRun> run =
      RunModelOnDevice(unsupported, std::string(model.begin(), model.end()), {std::string(16, '\0')});
  EXPECT_EQ(run.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(run.status().message(), "unsupported: op 0 (MoteNoSuchOp): unsupported op (on mps2-an386)");

  // An input of the wrong size: the firmware refuses its file.
  run = RunOn(M4(), "hello_world_int8", {std::string(3, '\0')}, false);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.status().message().find("refused its files: input_0.bin: size differs from the input tensor's"),
            std::string::npos)
      << run.status().message();

  // A missing input file.
  run = RunOn(M4(), "simple_add_model", {GoldenInputs("simple_add_model")[0]}, false);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.status().message().find("input_1.bin: cannot open"), std::string::npos) << run.status().message();

  // No firmware where the options point.
  testing::TempDir empty;
  NnDeviceOptions options;
  options.target = &M4();
  options.firmware_dir = empty.path();
  run = RunModelOnDevice(options, "model", {});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kNotFound);
  EXPECT_NE(run.status().message().find("no nn runner firmware for qemu-mps2-an386"), std::string::npos);
}

TEST(NnDeviceTargetsTest, UnknownTargetsListTheValidOnes) {
  EXPECT_EQ(FindDeviceTarget("qemu-mps2-an505").value()->machine, "mps2-an505");
  Result<const DeviceTarget*> target = FindDeviceTarget("stm32");
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.status().message(),
            "unknown target 'stm32' (expected one of qemu-mps2-an386, qemu-mps2-an500, qemu-mps2-an505, "
            "qemu-mps3-an547)");
}

}  // namespace
}  // namespace mote
