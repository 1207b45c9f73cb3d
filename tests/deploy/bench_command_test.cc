// `mote bench` end to end: the built binary runs a shared model on an
// emulated board and prints its figures (text and --json); bad arguments
// give one line naming the culprit and exit 1. Skips without the cross
// compiler, QEMU or ../shared/models.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/subprocess.h"
#include "deploy/qemu_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;

class BenchCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(MOTE_HELLO_FIRMWARE).empty())
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to run";
    if (!QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH (Debian package qemu-system-arm)";
    models_ = SharedModelsDir();
    if (models_.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  }
  fs::path Model(const std::string& name) const { return models_ / (name + ".tflite"); }
  fs::path Golden(const std::string& name, const std::string& file) const { return models_ / "golden" / name / file; }

  fs::path models_;
  TempDir dir_;
};

TEST_F(BenchCommandTest, PrintsInstructionsRamAndFlashAsJson) {
  const RunResult r = RunMote({"bench", Model("micro_speech_quantized").string(), "--target", "qemu-mps2-an505",
                               "--input", Golden("micro_speech_quantized", "input_0.bin").string(), "--json"},
                              dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("target"), "qemu-mps2-an505");
  EXPECT_EQ(j.at("core"), "Cortex-M33");
  EXPECT_GT(j.at("instructions").get<uint64_t>(), 300'000u);
  EXPECT_GT(j.at("ram_bytes").get<uint32_t>(), 0u);
  EXPECT_EQ(j.at("model_bytes").get<uint64_t>(), fs::file_size(Model("micro_speech_quantized")));
  EXPECT_EQ(j.at("flash_bytes").get<uint64_t>(),
            j.at("runtime_code_bytes").get<uint64_t>() + j.at("model_bytes").get<uint64_t>());
  EXPECT_EQ(j.at("inputs"), "files");
}

TEST_F(BenchCommandTest, PrintsAReadableSummaryWithZeroInputsByDefault) {
  const RunResult r = RunMote({"bench", Model("hello_world_int8").string(), "--target", "qemu-mps3-an547"},
                              dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("on qemu-mps3-an547 (Cortex-M55, QEMU mps3-an547), zero inputs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("instructions per inference"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("flash (runtime + model)"), std::string::npos) << r.out;
}

// --runtime aot: the generated code built for the board and run there; the
// flash is the kernels, the generated functions (the goal: at most
// 4 KB) and the generated constants, which are fewer than the .tflite's bytes.
TEST_F(BenchCommandTest, RunsTheGeneratedCodeWithRuntimeAot) {
  if (FindProgram("cmake").empty()) GTEST_SKIP() << "cmake is not on PATH";
  const RunResult r = RunMote({"bench", Model("micro_speech_quantized").string(), "--target", "qemu-mps2-an386",
                               "--runtime", "aot", "--input",
                               Golden("micro_speech_quantized", "input_0.bin").string(), "--json"},
                              dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("runtime"), "aot");
  EXPECT_GT(j.at("instructions").get<uint64_t>(), 300'000u);
  EXPECT_EQ(j.at("ram_bytes").get<uint32_t>(), 6000u);  // the planned activations (docs/runtime.md)
  EXPECT_GT(j.at("generated_code_bytes").get<uint32_t>(), 0u);
  EXPECT_LE(j.at("generated_code_bytes").get<uint32_t>(), 4096u);
  EXPECT_GT(j.at("model_bytes").get<uint64_t>(), 0u);
  EXPECT_LT(j.at("model_bytes").get<uint64_t>(), fs::file_size(Model("micro_speech_quantized")));
  EXPECT_EQ(j.at("flash_bytes").get<uint64_t>(), j.at("runtime_code_bytes").get<uint64_t>() +
                                                     j.at("generated_code_bytes").get<uint64_t>() +
                                                     j.at("model_bytes").get<uint64_t>());
  const RunResult text =
      RunMote({"bench", Model("hello_world_int8").string(), "--target", "qemu-mps2-an386", "--runtime", "aot"},
              dir_.path());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("on qemu-mps2-an386 (Cortex-M4F, QEMU mps2-an386), generated code, zero inputs"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("flash (kernels + generated code + constants)"), std::string::npos) << text.out;
}

TEST_F(BenchCommandTest, BadArgumentsGiveOneLineAndExit1) {
  const std::string model = Model("simple_add_model").string();
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const fs::path short_input = dir_ / "short.bin";
  WriteText(short_input, "abc");
  fs::path corrupt = dir_ / "corrupt.tflite";
  WriteText(corrupt, std::string("\x1c\x00\x00\x00TFL3", 8) + std::string(100, '\x7f'));
  const std::vector<Case> cases = {
      {{"bench", model, "--target", "qemu-nrf52"},
       "mote: error: unknown target 'qemu-nrf52' (expected one of qemu-mps2-an386, qemu-mps2-an500, "
       "qemu-mps2-an505, qemu-mps3-an547)\n"},
      {{"bench", (dir_ / "absent.tflite").string(), "--target", "qemu-mps2-an386"},
       "mote: error: " + (dir_ / "absent.tflite").string() + ": no such file\n"},
      {{"bench", model, "--target", "qemu-mps2-an386", "--input", short_input.string()},
       "mote: error: " + model + ": the model has 2 inputs, --input gave 1\n"},
      {{"bench", model, "--target", "qemu-mps2-an386", "--input", short_input.string(), "--input",
        short_input.string()},
       "mote: error: " + short_input.string() + ": 3 bytes, but input 0 of the model takes 16384\n"},
  };
  for (const Case& c : cases) {
    const RunResult r = RunMote(c.args, dir_.path());
    EXPECT_EQ(r.exit_code, 1) << c.args[1];
    EXPECT_EQ(r.err, c.error);
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  const RunResult usage = RunMote({"bench", model, "--target", "qemu-mps2-an386", "--runtime", "jit"}, dir_.path());
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_TRUE(usage.err.starts_with("mote: --runtime: jit not in {interpreter,aot}\n")) << usage.err;
  const RunResult r = RunMote({"bench", corrupt.string(), "--target", "qemu-mps2-an386"}, dir_.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.err.starts_with("mote: error: " + corrupt.string() + ": ")) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace mote::testing
