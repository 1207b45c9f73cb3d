#include "deploy/aot_device_runner.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/file_util.h"
#include "core/subprocess.h"
#include "deploy/arm_elf.h"
#include "deploy/cpp_lib.h"
#include "deploy/firmware_footprint.h"
#include "deploy/kmeans_lib.h"
#include "deploy/run_folder.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

// The generated API's functions are named NAME_*; its internals live in the
// anonymous namespace of NAME.cc, the only top-level one in an aot runner
// image (the runner's and micro/nn's are inside namespace mote).
constexpr std::string_view kGeneratedInternals = "_ZN12_GLOBAL__N_1";

// The first line of `log` that reports an error, else its last non-empty
// line. CMake puts its message on the indented lines after "CMake Error at
// ...:", up to a blank line: those are joined to it.
std::string ErrorLine(const std::string& log) {
  std::vector<std::string> lines;  // trimmed at the left; blank ones kept empty
  for (size_t begin = 0; begin < log.size();) {
    const size_t end = std::min(log.find('\n', begin), log.size());
    const std::string line = log.substr(begin, end - begin);
    const size_t first = line.find_first_not_of(" \t\r");
    lines.push_back(first == std::string::npos ? std::string() : line.substr(first));
    begin = end + 1;
  }
  std::string last;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].starts_with("CMake Error")) {
      std::string text = lines[i];
      for (size_t j = i + 1; j < lines.size() && (j == i + 1 || !lines[j].empty()); ++j)
        if (!lines[j].empty()) text += " " + lines[j];
      return text;
    }
    // The linker's own message ("undefined reference", "region RAM
    // overflowed") comes before collect2's summary.
    if (lines[i].starts_with("collect2: error") && i > 0 && !lines[i - 1].empty()) return lines[i - 1];
    if (lines[i].find("error") != std::string::npos) return lines[i];
    if (!lines[i].empty()) last = lines[i];
  }
  return last;
}

// Runs `argv`; on failure keeps its output in `log` and says where.
Status RunLogged(const std::vector<std::string>& argv, const fs::path& log, const std::string& what) {
  std::string output;
  const Status status = RunProgram(argv, &output);
  if (status.ok()) return status;
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(log, output));
  return Status::IoError(fmt::format("{} failed: {} (log: {})", what, ErrorLine(output), log.string()));
}

}  // namespace

Result<std::vector<fs::path>> BuildAotRunners(const AotBuildOptions& options, const std::vector<fs::path>& libs) {
  if (options.target == nullptr) return Status::InvalidArgument("BuildAotRunners: no target");
  if (options.build_dir.empty()) return Status::InvalidArgument("BuildAotRunners: no build folder");
  if (FindProgram("cmake").empty())
    return Status::NotFound("cmake: not on PATH; the aot runner firmware is built with CMake and arm-none-eabi-gcc");
  const fs::path source = options.source_dir.empty() ? fs::path(deploy::MoteSourceDir()) : options.source_dir;
  std::string lib_list;
  for (const fs::path& lib : libs) {
    if (lib.string().find(';') != std::string::npos)
      return Status::InvalidArgument(lib.string() + ": a library folder for CMake cannot contain ';'");
    lib_list += (lib_list.empty() ? "" : ";") + fs::absolute(lib).string();
  }
  const std::string board(options.target->board);
  const fs::path micro = options.firmware_dir / (board + "-o2") / "libmote_micro.a";
  std::vector<std::string> configure = {
      "cmake", "-S", (source / "firmware").string(), "-B", options.build_dir.string(),
      "--toolchain", (source / "firmware" / "cmake" / "arm-none-eabi.cmake").string(),
      "-DMOTE_BOARD=" + board, "-DMOTE_CPU=" + std::string(options.target->cpu),
      "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DMOTE_FIRMWARE_SET=aot", "-DMOTE_AOT_LIBS=" + lib_list,
      "-DMOTE_MICRO_LIBRARY=" + (fs::is_regular_file(micro) ? micro.string() : std::string()),
      std::string("-DMOTE_WERROR=") + (options.warnings_as_errors ? "ON" : "OFF")};
  // The generator is chosen once, when the folder is first configured.
  if (!fs::exists(options.build_dir / "CMakeCache.txt") && !FindProgram("ninja").empty()) {
    configure.push_back("-G");
    configure.push_back("Ninja");
  }
  MOTE_RETURN_IF_ERROR(RunLogged(configure, options.build_dir / "configure.log",
                                 "configuring the aot runner for " + board));
  MOTE_RETURN_IF_ERROR(RunLogged({"cmake", "--build", options.build_dir.string(), "--parallel", "2"},
                                 options.build_dir / "build.log", "building the aot runner for " + board));
  std::vector<fs::path> images;
  for (size_t k = 0; k < libs.size(); ++k) {
    images.push_back(options.build_dir / "apps" / "aot_runner" / ("aot_runner_" + std::to_string(k) + ".elf"));
    if (!fs::is_regular_file(images.back()))
      return Status::Internal(images.back().string() + ": not built (firmware/apps/aot_runner/CMakeLists.txt?)");
  }
  return images;
}

Result<AotFlash> ReadAotFlash(const fs::path& elf, std::string_view api_prefix) {
  MOTE_ASSIGN_OR_RETURN(ArmElf image, ReadArmElf(elf));
  const ElfSymbol* ram_begin = image.FindSymbol("__data_start__");
  const ElfSymbol* ram_end = image.FindSymbol("__bss_end__");
  if (!ram_begin || !ram_end)
    return Status::InvalidArgument(elf.string() + ": no __data_start__ or __bss_end__ (not linked with cortex_m.ld?)");
  AotFlash flash;
  // The micro/ code a generated library calls: micro/nn's kernels for a
  // network, micro/anomaly's scorer for a K-means model (0 of the other).
  MOTE_ASSIGN_OR_RETURN(const uint32_t nn_bytes, NnRuntimeCodeBytes(elf));
  MOTE_ASSIGN_OR_RETURN(const uint32_t anomaly_bytes, NnRuntimeCodeBytes(elf, "anomaly"));
  flash.kernel_bytes = nn_bytes + anomaly_bytes;
  std::set<uint32_t> counted;
  for (const ElfSymbol& symbol : image.symbols) {
    const std::string_view name = symbol.name;
    const bool generated = name.starts_with(api_prefix) || name.starts_with(kGeneratedInternals);
    const bool in_ram = symbol.address >= ram_begin->address && symbol.address < ram_end->address;
    if (!generated || in_ram || symbol.size == 0 || !counted.insert(symbol.address).second) continue;
    (symbol.is_function ? flash.generated_code_bytes : flash.constant_bytes) += symbol.size;
  }
  return flash;
}

Result<NnDeviceRun> RunAotRunner(const NnDeviceOptions& options, const fs::path& image,
                                 const std::vector<std::string>& inputs) {
  MOTE_ASSIGN_OR_RETURN(NnDeviceRun run, RunRunnerImage(options, image, {}, inputs));
  MOTE_ASSIGN_OR_RETURN(AotFlash flash, ReadAotFlash(image, "model_"));
  run.runtime_code_bytes = flash.kernel_bytes;
  run.generated_code_bytes = flash.generated_code_bytes;
  run.model_bytes = flash.constant_bytes;
  MOTE_ASSIGN_OR_RETURN(FirmwareFootprint footprint, ReadFirmwareFootprint(image));
  run.image_flash_bytes = footprint.flash_bytes;
  return run;
}

Result<NnDeviceRun> RunGeneratedLibOnDevice(const NnDeviceOptions& options, const deploy::CppLib& lib,
                                            const std::vector<std::string>& inputs) {
  MOTE_ASSIGN_OR_RETURN(RunFolder folder, RunFolder::Create("mote-aot-build-"));
  for (const deploy::GeneratedFile& file : lib.files)
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(folder / "lib" / file.name, file.text));
  AotBuildOptions build;
  build.target = options.target;
  build.firmware_dir = options.firmware_dir;
  build.build_dir = folder / "build";
  MOTE_ASSIGN_OR_RETURN(std::vector<fs::path> images, BuildAotRunners(build, {folder / "lib"}));
  return RunAotRunner(options, images[0], inputs);
}

Result<NnDeviceRun> RunAotModelOnDevice(const NnDeviceOptions& options, std::string_view model,
                                        const std::vector<std::string>& inputs) {
  if (options.target == nullptr) return Status::InvalidArgument("RunAotModelOnDevice: no target");
  deploy::CppLibOptions lib_options;
  lib_options.runtime = deploy::CppLibRuntime::kAot;
  lib_options.name = "model";
  lib_options.origin = options.label;
  Result<deploy::CppLib> lib = deploy::GenerateCppLib(model, lib_options);
  if (!lib.ok()) return lib.status().WithPrefix(options.label);
  return RunGeneratedLibOnDevice(options, *lib, inputs);
}

Result<NnDeviceRun> RunKMeansOnDevice(const NnDeviceOptions& options, std::string_view kmeans_json,
                                      const std::vector<std::string>& inputs) {
  if (options.target == nullptr) return Status::InvalidArgument("RunKMeansOnDevice: no target");
  MOTE_ASSIGN_OR_RETURN(deploy::KMeansFile model, deploy::ParseKMeansFile(kmeans_json, options.label));
  return RunGeneratedLibOnDevice(options, deploy::GenerateKMeansLib(model, "model", options.label), inputs);
}

}  // namespace mote
