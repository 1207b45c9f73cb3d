// micro/nn on the emulated Cortex-M boards beside TensorFlow Lite Micro's
// figures in ../shared/models/golden/golden.json, all measured in this run:
// instructions in one Invoke on the Cortex-M4F (QEMU mps2-an386, the -O2
// nn runner firmware, counted by the insn_count plugin, as golden.json's
// tflm_m4_instructions_* were) against TFLM's reference kernels and its
// CMSIS-NN kernels; the arena against tflm_m4_arena_used_bytes; flash for
// micro/nn's code (-O2 and -Os images) plus the model; and the instructions
// on the M7, M33 and M55. When the build has the portable M4 runner
// (cmake/firmware.cmake's mps2-an386-portable-o2, built with
// MOTE_BUILD_BENCH), the table also gives mote's portable kernels - its
// reference kernels, without the DSP forms - against TFLM's reference ones.
//
//   cmake -S . -B build -G Ninja -DMOTE_BUILD_BENCH=ON && ninja -C build nn_device_bench
//   build/bench/nn_device_bench [--m4-only]
//   build/bench/nn_device_bench --profile MODEL [--target NAME]
//
// Every model in golden.json is tried; one micro/nn cannot run yet is listed
// with the reason. Each output is checked against the golden output (int8
// byte for byte, float within 1e-5 relative + 1e-6 absolute) before its
// figures are printed. Instructions are not cycles (docs/emulated-boards.md).
//
// --profile MODEL (a name from golden.json, e.g. person_detect) prints
// instead where one Invoke's instructions go on the target (the M4 unless
// --target names another): each function of micro/nn that ran, most first.
// The kernels' loops are inlined into their op's function, so each line is
// one op kind (ConvInt8 is every CONV_2D of the model).
#include <cxxabi.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/golden_outputs.h"
#include "core/file_util.h"
#include "deploy/nn_device_runner.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

using bench::ModelsDir;
using bench::SameAsGolden;

std::string Ratio(uint64_t ours, const nlohmann::json& theirs) {
  if (!theirs.is_number() || theirs.get<double>() <= 0) return "-";
  return fmt::format("{:.2f}", static_cast<double>(ours) / theirs.get<double>());
}

// A symbol's C++ name without its arguments, or the symbol itself if it is
// not a mangled one.
std::string FunctionName(const std::string& symbol) {
  int status = 0;
  char* name = abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status);
  std::string result = status == 0 && name ? name : symbol;
  std::free(name);
  // Drop the parameter list: the last parenthesized group, when the name ends with one.
  if (!result.empty() && result.back() == ')') {
    int depth = 0;
    for (size_t i = result.size(); i-- > 0;) {
      depth += result[i] == ')' ? 1 : result[i] == '(' ? -1 : 0;
      if (depth == 0) return result.substr(0, i);
    }
  }
  return result;
}

int PrintProfile(const std::string& name, const DeviceTarget& target) {
  const fs::path dir = ModelsDir();
  Result<std::string> model = ReadFile(dir / (name + ".tflite"));
  if (!model.ok()) {
    std::fprintf(stderr, "nn_device_bench: %s\n", model.status().ToString().c_str());
    return 1;
  }
  std::vector<std::string> inputs;
  for (int k = 0; fs::exists(dir / "golden" / name / fmt::format("input_{}.bin", k)); ++k)
    inputs.push_back(ReadFile(dir / "golden" / name / fmt::format("input_{}.bin", k)).value());
  NnDeviceOptions options;
  options.target = &target;
  options.label = name;
  options.profile = true;
  Result<NnDeviceRun> run = RunModelOnDevice(options, *model, inputs);
  if (!run.ok()) {
    std::fprintf(stderr, "nn_device_bench: %s\n", run.status().ToString().c_str());
    return 1;
  }
  std::printf("%s on %s (%s), one Invoke: %llu instructions\n\n| function | instructions | share |\n"
              "| --- | ---: | ---: |\n",
              name.c_str(), std::string(target.core).c_str(), std::string(target.board).c_str(),
              static_cast<unsigned long long>(run->instructions));
  for (const FunctionCount& count : run->profile) {
    if (count.marked == 0) break;
    std::printf("| %s | %llu | %.1f %% |\n", FunctionName(count.function).c_str(),
                static_cast<unsigned long long>(count.marked),
                100.0 * static_cast<double>(count.marked) / static_cast<double>(run->instructions));
  }
  return 0;
}

int Run(bool m4_only) {
  const fs::path dir = ModelsDir();
  Result<std::string> golden_text = ReadFile(dir / "golden" / "golden.json");
  if (!golden_text.ok()) {
    std::fprintf(stderr, "nn_device_bench: %s (set MOTE_SHARED_MODELS)\n", golden_text.status().ToString().c_str());
    return 1;
  }
  const nlohmann::json golden = nlohmann::json::parse(*golden_text);
  const fs::path firmware_dir = DefaultFirmwareDir();
  Result<uint32_t> runtime_os =
      NnRuntimeCodeBytes(firmware_dir / "mps2-an386" / "apps" / "nn_runner" / "nn_runner.elf");

  const fs::path portable_image = firmware_dir / "mps2-an386-portable-o2" / "apps" / "nn_runner" / "nn_runner.elf";
  const bool portable = fs::exists(portable_image);

  std::printf("Cortex-M4F (QEMU mps2-an386), instructions in one Invoke, -O2:\n\n");
  std::printf("| model | mote | TFLM reference | mote / ref | TFLM CMSIS-NN | mote / CMSIS-NN |%s arena mote | arena TFLM M4 "
              "| stack | flash: runtime -O2 / -Os + model |\n",
              portable ? " mote portable | portable / ref |" : "");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: |%s ---: | ---: | ---: | ---: |\n", portable ? " ---: | ---: |" : "");
  std::map<std::string, std::vector<std::string>> inputs_of;
  std::vector<std::string> ran;
  int status = 0;
  for (const auto& [name, g] : golden.items()) {
    std::vector<std::string> inputs;
    for (int k = 0; fs::exists(dir / "golden" / name / fmt::format("input_{}.bin", k)); ++k)
      inputs.push_back(ReadFile(dir / "golden" / name / fmt::format("input_{}.bin", k)).value());
    Result<std::string> model = ReadFile(dir / (name + ".tflite"));
    if (!model.ok()) continue;
    Result<std::vector<uint32_t>> sizes = ModelInputBytes(*model, name);
    if (!sizes.ok()) {
      std::printf("| %s | not run: %s |\n", name.c_str(), sizes.status().message().c_str());
      continue;
    }
    NnDeviceOptions options;
    options.target = &DeviceTargets()[0];
    options.label = name;
    Result<NnDeviceRun> run = RunModelOnDevice(options, *model, inputs);
    if (!run.ok()) {
      std::printf("| %s | failed: %s |\n", name.c_str(), run.status().ToString().c_str());
      status = 1;
      continue;
    }
    const bool is_float = g.at("outputs").at(0).at("type") == "float32";
    const std::string expected = ReadFile(dir / "golden" / name / "output_0.bin").value();
    if (run->outputs.empty() || !SameAsGolden(run->outputs[0], expected, is_float)) {
      std::printf("| %s | output differs from the golden one |\n", name.c_str());
      status = 1;
      continue;
    }
    const nlohmann::json none;
    auto figure = [&](const char* key) { return g.contains(key) ? g.at(key) : none; };
    std::string portable_columns;
    if (portable) {
      Result<NnDeviceRun> plain = RunRunnerImage(options, portable_image, {{"model.tflite", *model}}, inputs);
      if (!plain.ok() || plain->outputs.empty() || !SameAsGolden(plain->outputs[0], expected, is_float)) {
        portable_columns = " failed | - |";
        status = 1;
      } else {
        portable_columns = fmt::format(" {} | {} |", plain->instructions,
                                       Ratio(plain->instructions, figure("tflm_m4_instructions_reference")));
      }
    }
    std::printf("| %s | %llu | %s | %s | %s | %s |%s %u | %s | %u | %u / %s + %u |\n", name.c_str(),
                static_cast<unsigned long long>(run->instructions), figure("tflm_m4_instructions_reference").dump().c_str(),
                Ratio(run->instructions, figure("tflm_m4_instructions_reference")).c_str(),
                figure("tflm_m4_instructions_cmsis_nn").dump().c_str(),
                Ratio(run->instructions, figure("tflm_m4_instructions_cmsis_nn")).c_str(), portable_columns.c_str(),
                run->arena_bytes,
                figure("tflm_m4_arena_used_bytes").dump().c_str(), run->stack_bytes, run->runtime_code_bytes,
                runtime_os.ok() ? std::to_string(*runtime_os).c_str() : "-", run->model_bytes);
    inputs_of[name] = std::move(inputs);
    ran.push_back(name);
  }
  if (m4_only) return status;

  std::printf("\nInstructions in one Invoke per core (-O2; not comparable across cores as time):\n\n| model |");
  for (const DeviceTarget& t : DeviceTargets()) std::printf(" %s (%s) |", std::string(t.core).c_str(), std::string(t.board).c_str());
  std::printf("\n| --- |");
  for (size_t i = 0; i < DeviceTargets().size(); ++i) std::printf(" ---: |");
  std::printf("\n");
  for (const std::string& name : ran) {
    const std::string model = ReadFile(dir / (name + ".tflite")).value();
    std::printf("| %s |", name.c_str());
    for (const DeviceTarget& t : DeviceTargets()) {
      NnDeviceOptions options;
      options.target = &t;
      options.label = name;
      Result<NnDeviceRun> run = RunModelOnDevice(options, model, inputs_of[name]);
      if (run.ok() && !run->outputs.empty() &&
          SameAsGolden(run->outputs[0], ReadFile(dir / "golden" / name / "output_0.bin").value(),
                       golden.at(name).at("outputs").at(0).at("type") == "float32")) {
        std::printf(" %llu |", static_cast<unsigned long long>(run->instructions));
      } else {
        std::printf(" failed |");
        status = 1;
      }
    }
    std::printf("\n");
  }
  return status;
}

}  // namespace
}  // namespace mote

int main(int argc, char** argv) {
  const char* usage = "usage: nn_device_bench [--m4-only] | --profile MODEL [--target NAME]\n";
  if (argc >= 3 && std::strcmp(argv[1], "--profile") == 0) {
    const mote::DeviceTarget* target = &mote::DeviceTargets()[0];
    if (argc == 5 && std::strcmp(argv[3], "--target") == 0) {
      mote::Result<const mote::DeviceTarget*> found = mote::FindDeviceTarget(argv[4]);
      if (!found.ok()) {
        std::fprintf(stderr, "nn_device_bench: %s\n", found.status().ToString().c_str());
        return 2;
      }
      target = *found;
    } else if (argc != 3) {
      std::fprintf(stderr, "%s", usage);
      return 2;
    }
    return mote::PrintProfile(argv[2], *target);
  }
  const bool m4_only = argc == 2 && std::strcmp(argv[1], "--m4-only") == 0;
  if (argc > 2 || (argc == 2 && !m4_only)) {
    std::fprintf(stderr, "%s", usage);
    return 2;
  }
  return mote::Run(m4_only);
}
