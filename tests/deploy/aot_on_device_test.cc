// Generated code on the emulated boards: each shared golden model's
// ahead-of-time cpp-lib, built into firmware/apps/aot_runner with
// arm-none-eabi-gcc (warnings as errors) and run under QEMU
// (src/deploy/aot_device_runner.h), reproduces TensorFlow Lite Micro's
// golden output byte for byte (the float model within 1e-5 relative plus
// 1e-6 absolute). Every model on the Cortex-M4F, two on each of the M7, M33
// and M55 to keep the suite quick; bench/aot_device_bench.sh runs the full
// matrix. Also the flash split and the errors of the builder; `mote bench
// --runtime aot` is in bench_command_test.cc. Skips without
// the cross compiler, QEMU, cmake or ../shared/models.
#include <gtest/gtest.h>

#include "core/file_util.h"
#include "core/subprocess.h"
#include "deploy/aot_device_runner.h"
#include "deploy/cpp_lib.h"
#include "deploy/qemu_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using testing::ExpectSameAsGolden;
using testing::GoldenInputs;
using testing::ReadOrFail;
using testing::SharedModelsDir;

#define SKIP_WITHOUT_TOOLS_OR_MODELS()                                                                     \
  do {                                                                                                     \
    if (std::string(MOTE_HELLO_FIRMWARE).empty())                                                          \
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to build";            \
    if (!testing::QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH";                          \
    if (FindProgram("cmake").empty()) GTEST_SKIP() << "cmake is not on PATH";                              \
    if (SharedModelsDir().empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)"; \
  } while (0)

// What the export said of a library.
struct Exported {
  uint64_t arena_bytes = 0;
  uint64_t constant_bytes = 0;
};

// Exports `model`'s aot cpp-lib (--name model) into `dir`.
Exported ExportAot(const std::string& model, const fs::path& dir) {
  deploy::CppLibOptions options;
  options.name = "model";
  options.origin = model;
  Result<deploy::CppLib> lib = deploy::GenerateCppLib(ReadOrFail(SharedModelsDir() / (model + ".tflite")), options);
  EXPECT_TRUE(lib.ok()) << lib.status().ToString();
  if (!lib.ok()) return {};
  for (const deploy::GeneratedFile& file : lib->files) {
    const Status written = WriteFileAtomically(dir / file.name, file.text);
    EXPECT_TRUE(written.ok()) << written.ToString();
  }
  return {lib->arena_bytes, lib->constant_bytes};
}

struct BoardCase {
  size_t target;                     // index in DeviceTargets()
  std::vector<const char*> models;
};

// The M4 runs them all; the other cores two each, so that a conv model,
// the float model and each stateful one run through generated code on
// another core too.
const BoardCase kCases[] = {
    {0,
     {"hello_world_int8", "micro_speech_quantized", "person_detect", "simple_add_model", "hello_world_float",
      "keyword_scrambled_8bit", "trained_lstm_int8", "audio_preprocessor_int8"}},
    {1, {"hello_world_float", "keyword_scrambled_8bit"}},
    {2, {"micro_speech_quantized", "trained_lstm_int8"}},
    {3, {"person_detect", "audio_preprocessor_int8"}},
};

class AotOnDeviceTest : public ::testing::TestWithParam<BoardCase> {};

TEST_P(AotOnDeviceTest, GeneratedCodeGivesTheGoldenOutputs) {
  SKIP_WITHOUT_TOOLS_OR_MODELS();
  const DeviceTarget& target = DeviceTargets()[GetParam().target];
  testing::TempDir dir;
  std::vector<fs::path> libs;
  std::vector<Exported> exported;
  for (const char* model : GetParam().models) {
    libs.push_back(dir / "libs" / model);
    exported.push_back(ExportAot(model, libs.back()));
  }
  AotBuildOptions build;
  build.target = &target;
  build.build_dir = dir / "build";
  build.warnings_as_errors = true;
  Result<std::vector<fs::path>> images = BuildAotRunners(build, libs);
  ASSERT_TRUE(images.ok()) << images.status().ToString();
  ASSERT_EQ(images->size(), libs.size());
  for (size_t i = 0; i < libs.size(); ++i) {
    const std::string model = GetParam().models[i];
    SCOPED_TRACE(model);
    NnDeviceOptions options;
    options.target = &target;
    options.label = model;
    Result<NnDeviceRun> run = RunAotRunner(options, (*images)[i], GoldenInputs(model));
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_EQ(run->outputs.size(), 1u);
    ExpectSameAsGolden(run->outputs[0], ReadOrFail(SharedModelsDir() / "golden" / model / "output_0.bin"),
                 model == "hello_world_float");
    EXPECT_GT(run->instructions, 0u);
    EXPECT_EQ(run->arena_bytes, exported[i].arena_bytes) << "the device's MODEL_ARENA_BYTES is not the export's";
    EXPECT_GT(run->stack_bytes, 0u);
    EXPECT_LT(run->stack_bytes, 16384u);
    // The flash split: kernels, the generated functions (the goal
    // for what replaces the interpreter: at most 4 KB) and the constants,
    // which are exactly the weights and parameters the export counted (so
    // the split is not a guess).
    EXPECT_GT(run->runtime_code_bytes, 0u);
    EXPECT_GT(run->generated_code_bytes, 0u);
    EXPECT_LE(run->generated_code_bytes, 4096u);
    EXPECT_EQ(run->model_bytes, exported[i].constant_bytes);
    EXPECT_LT(run->flash_bytes(), run->image_flash_bytes);
    std::printf("%-12s %-24s instructions %10llu  arena %7u  flash: kernels %6u, generated code %5u, constants %7u\n",
                std::string(target.board).c_str(), model.c_str(), static_cast<unsigned long long>(run->instructions),
                run->arena_bytes, run->runtime_code_bytes, run->generated_code_bytes, run->model_bytes);
  }
}

// "mps2_an386" for the M4's case.
std::string CaseName(const ::testing::TestParamInfo<BoardCase>& case_info) {
  std::string name(DeviceTargets()[case_info.param.target].board);
  for (char& c : name) c = c == '-' ? '_' : c;
  return name;
}

INSTANTIATE_TEST_SUITE_P(Boards, AotOnDeviceTest, ::testing::ValuesIn(kCases), CaseName);

TEST(AotOnDeviceErrorsTest, BuildAndExportErrorsSayWhatWentWrong) {
  SKIP_WITHOUT_TOOLS_OR_MODELS();
  testing::TempDir dir;
  // A folder that is not an exported library: CMake's message reaches the error.
  AotBuildOptions build;
  build.target = &DeviceTargets()[0];
  build.build_dir = dir / "build";
  fs::create_directories(dir / "empty");
  Result<std::vector<fs::path>> images = BuildAotRunners(build, {dir / "empty"});
  ASSERT_FALSE(images.ok());
  EXPECT_EQ(images.status().code(), Status::Code::kIoError);
  EXPECT_NE(images.status().message().find("configuring the aot runner for mps2-an386 failed"), std::string::npos)
      << images.status().message();
  EXPECT_NE(images.status().message().find("has no model.h and model.cc"), std::string::npos)
      << images.status().message();
  EXPECT_TRUE(fs::exists(dir / "build" / "configure.log"));

  // Generated code that does not compile: the compiler's error line.
  ExportAot("hello_world_int8", dir / "broken");
  testing::WriteText(dir / "broken" / "model.cc", "this is not C++\n");
  build.build_dir = dir / "build2";
  images = BuildAotRunners(build, {dir / "broken"});
  ASSERT_FALSE(images.ok());
  EXPECT_NE(images.status().message().find("building the aot runner for mps2-an386 failed"), std::string::npos)
      << images.status().message();
  EXPECT_NE(images.status().message().find("model.cc"), std::string::npos) << images.status().message();

  // A model the generator refuses fails before any build, named by its label.
  NnDeviceOptions options;
  options.target = &DeviceTargets()[0];
  options.label = "bad.tflite";
  Result<NnDeviceRun> run = RunAotModelOnDevice(options, "not a model", {});
  ASSERT_FALSE(run.ok());
  EXPECT_TRUE(run.status().message().starts_with("bad.tflite: ")) << run.status().message();
}

}  // namespace
}  // namespace mote
