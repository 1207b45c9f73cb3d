// Generated code (`mote export --format cpp-lib --runtime aot`) on every
// emulated board beside micro/nn's interpreter on the same board, all
// measured in this run: each shared golden model's library is built into
// the aot runner firmware (-O2, src/deploy/aot_device_runner.h) and run
// under QEMU; its output is checked against the golden one (int8 byte for
// byte, float within 1e-5 relative + 1e-6 absolute) before its figures are
// printed: instructions in one invoke (aot and interpreter), arena (aot and
// interpreter), and flash: micro/nn's kernels, the generated code (what
// replaces the interpreter; the goal is at most 4 KB) and the
// generated constants, beside the interpreter's runtime code and .tflite.
//
//   cmake -S . -B build -G Ninja -DMOTE_BUILD_BENCH=ON && ninja -C build aot_device_bench
//   build/bench/aot_device_bench [--m4-only]
//
// Instructions are not cycles (docs/emulated-boards.md).
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/golden_outputs.h"
#include "core/file_util.h"
#include "deploy/aot_device_runner.h"
#include "deploy/cpp_lib.h"
#include "deploy/run_folder.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

using bench::ModelsDir;
using bench::SameAsGolden;

struct GoldenModel {
  std::string name;
  std::string tflite;
  std::vector<std::string> inputs;
  std::string expected;
  bool is_float = false;
};

int RunBoard(const DeviceTarget& target, const std::vector<GoldenModel>& models, const fs::path& work) {
  std::printf("\n%s (QEMU %s), -O2:\n\n", std::string(target.core).c_str(), std::string(target.machine).c_str());
  std::printf("| model | instructions aot | interpreter | aot / interpreter | arena aot | interpreter "
              "| flash aot: kernels + generated code + constants | interpreter: runtime + .tflite |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  std::vector<fs::path> libs;
  for (const GoldenModel& m : models) {
    deploy::CppLibOptions options;
    options.name = "model";
    options.origin = m.name;
    Result<deploy::CppLib> lib = deploy::GenerateCppLib(m.tflite, options);
    if (!lib.ok()) {
      std::fprintf(stderr, "%s: %s\n", m.name.c_str(), lib.status().ToString().c_str());
      return 1;
    }
    libs.push_back(work / "libs" / m.name);
    for (const deploy::GeneratedFile& f : lib->files) {
      if (Status s = WriteFileAtomically(libs.back() / f.name, f.text); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
    }
  }
  AotBuildOptions build;
  build.target = &target;
  build.build_dir = work / ("build-" + std::string(target.board));
  Result<std::vector<fs::path>> images = BuildAotRunners(build, libs);
  if (!images.ok()) {
    std::fprintf(stderr, "%s\n", images.status().ToString().c_str());
    return 1;
  }
  int status = 0;
  for (size_t i = 0; i < models.size(); ++i) {
    const GoldenModel& m = models[i];
    NnDeviceOptions options;
    options.target = &target;
    options.label = m.name;
    Result<NnDeviceRun> aot = RunAotRunner(options, (*images)[i], m.inputs);
    Result<NnDeviceRun> interpreter = RunModelOnDevice(options, m.tflite, m.inputs);
    for (const Result<NnDeviceRun>* run : {&aot, &interpreter}) {
      if (!run->ok()) {
        std::printf("| %s | failed: %s |\n", m.name.c_str(), run->status().ToString().c_str());
        status = 1;
      } else if ((*run)->outputs.empty() || !SameAsGolden((*run)->outputs[0], m.expected, m.is_float)) {
        std::printf("| %s | %s output differs from the golden one |\n", m.name.c_str(),
                    run == &aot ? "aot" : "interpreter");
        status = 1;
      }
    }
    if (!aot.ok() || !interpreter.ok()) continue;
    std::printf("| %s | %llu | %llu | %.3f | %u | %u | %u + %u + %u = %u | %u + %u = %u |\n", m.name.c_str(),
                static_cast<unsigned long long>(aot->instructions),
                static_cast<unsigned long long>(interpreter->instructions),
                static_cast<double>(aot->instructions) / static_cast<double>(interpreter->instructions),
                aot->arena_bytes, interpreter->arena_bytes, aot->runtime_code_bytes, aot->generated_code_bytes,
                aot->model_bytes, aot->flash_bytes(), interpreter->runtime_code_bytes, interpreter->model_bytes,
                interpreter->flash_bytes());
  }
  return status;
}

int Run(bool m4_only) {
  const fs::path dir = ModelsDir();
  Result<std::string> golden_text = ReadFile(dir / "golden" / "golden.json");
  if (!golden_text.ok()) {
    std::fprintf(stderr, "aot_device_bench: %s (set MOTE_SHARED_MODELS)\n", golden_text.status().ToString().c_str());
    return 1;
  }
  const nlohmann::json golden = nlohmann::json::parse(*golden_text);
  std::vector<GoldenModel> models;
  for (const auto& [name, g] : golden.items()) {
    GoldenModel m;
    m.name = name;
    Result<std::string> tflite = ReadFile(dir / (name + ".tflite"));
    Result<std::string> expected = ReadFile(dir / "golden" / name / "output_0.bin");
    if (!tflite.ok() || !expected.ok()) continue;
    m.tflite = std::move(*tflite);
    m.expected = std::move(*expected);
    for (int k = 0; fs::exists(dir / "golden" / name / fmt::format("input_{}.bin", k)); ++k)
      m.inputs.push_back(ReadFile(dir / "golden" / name / fmt::format("input_{}.bin", k)).value());
    m.is_float = g.at("outputs").at(0).at("type") == "float32";
    models.push_back(std::move(m));
  }
  Result<RunFolder> work = RunFolder::Create("mote-aot-bench-");
  if (!work.ok()) {
    std::fprintf(stderr, "%s\n", work.status().ToString().c_str());
    return 1;
  }
  int status = 0;
  for (const DeviceTarget& target : DeviceTargets()) {
    status |= RunBoard(target, models, work->path());
    if (m4_only) break;
  }
  return status;
}

}  // namespace
}  // namespace mote

int main(int argc, char** argv) {
  const bool m4_only = argc == 2 && std::strcmp(argv[1], "--m4-only") == 0;
  if (argc > 2 || (argc == 2 && !m4_only)) {
    std::fprintf(stderr, "usage: aot_device_bench [--m4-only]\n");
    return 2;
  }
  return mote::Run(m4_only);
}
