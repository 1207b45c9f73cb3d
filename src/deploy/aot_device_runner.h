// Runs ahead-of-time code on an emulated Cortex-M board: builds the aot
// runner firmware (firmware/apps/aot_runner) around cpp-libs that
// `mote export --format cpp-lib --runtime aot --name model` generated, with
// CMake and arm-none-eabi-gcc, then runs the images under qemu-system-arm
// like the nn runner (nn_device_runner.h): the outputs, the instructions of
// one NAME_invoke, the arena and the flash split into micro/nn's kernels,
// the generated code and the generated constants. See docs/runtime.md.
//
// Thread-safe when each build has its own build_dir; runs share nothing.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "deploy/cpp_lib.h"
#include "deploy/nn_device_runner.h"

namespace mote {

struct AotBuildOptions {
  const DeviceTarget* target = nullptr;  // required
  // The main build's firmware: <board>-o2/libmote_micro.a there is linked
  // (micro/ compiled from source_dir otherwise, which takes longer).
  std::filesystem::path firmware_dir = DefaultFirmwareDir();
  std::filesystem::path source_dir;  // mote's source tree (firmware/, micro/); empty: the one mote was built from
  std::filesystem::path build_dir;   // required: configured and built here, and kept
  bool warnings_as_errors = false;   // compile the generated code with -Werror
};

// Builds, at -O2 as the nn runner (RelWithDebInfo), one aot runner image for
// options.target per folder of `libs` (each holding model.h and model.cc;
// `--name model`); returns the images' paths in the order of `libs`.
// Errors: NotFound when cmake is not on PATH; IoError naming the log file
// and the first error line when configuring or building fails (e.g. no
// arm-none-eabi-gcc, or generated code that does not compile).
Result<std::vector<std::filesystem::path>> BuildAotRunners(const AotBuildOptions& options,
                                                           const std::vector<std::filesystem::path>& libs);

// Runs `image` (from BuildAotRunners for options.target) on `inputs`.
// runtime_code_bytes is then micro/nn's kernels (or micro/anomaly's scorer) in the image,
// generated_code_bytes the generated functions (NAME_init, NAME_invoke, the
// tensor getters) and model_bytes the generated constants, as linked.
// Errors: those of RunRunnerImage and ReadArmElf.
Result<NnDeviceRun> RunAotRunner(const NnDeviceOptions& options, const std::filesystem::path& image,
                                 const std::vector<std::string>& inputs);

// Generates the ahead-of-time cpp-lib of `model` (the .tflite bytes), builds
// it for options.target in a temporary folder and runs it: `mote bench
// --runtime aot`. Errors: options.label prefixed to GenerateCppLib's (an op
// without an ahead-of-time form), and those of BuildAotRunners and
// RunAotRunner.
Result<NnDeviceRun> RunAotModelOnDevice(const NnDeviceOptions& options, std::string_view model,
                                        const std::vector<std::string>& inputs);

// Builds `lib` (generated with the name "model": GenerateCppLib's aot form
// or deploy::GenerateKMeansLib) for options.target in a temporary folder
// and runs it on `inputs`. Errors: those of BuildAotRunners and RunAotRunner.
Result<NnDeviceRun> RunGeneratedLibOnDevice(const NnDeviceOptions& options, const deploy::CppLib& lib,
                                            const std::vector<std::string>& inputs);

// A K-means run's kmeans.json (`kmeans_json`, the file's text) as its
// cpp-lib (deploy/kmeans_lib.h) on options.target: `mote bench` of a
// kmeans.json. runtime_code_bytes is then mostly micro/anomaly's code (the
// scorer; ReadAotFlash), model_bytes the tables and their struct,
// arena_bytes the network API's arena.
// Errors: ParseKMeansFile's (naming options.label), and those of
// RunGeneratedLibOnDevice.
Result<NnDeviceRun> RunKMeansOnDevice(const NnDeviceOptions& options, std::string_view kmeans_json,
                                      const std::vector<std::string>& inputs);

// The flash of an aot runner image by origin (symbols of the ELF at `elf`).
struct AotFlash {
  uint32_t kernel_bytes = 0;          // micro/nn and micro/anomaly (NnRuntimeCodeBytes)
  uint32_t generated_code_bytes = 0;  // functions of the generated NAME.cc
  uint32_t constant_bytes = 0;        // its constant objects in flash (not its state in RAM)
};
// `api_prefix` is the generated API's prefix with its underscore ("model_").
// Errors: ReadArmElf's, and an image without cortex_m.ld's RAM symbols.
Result<AotFlash> ReadAotFlash(const std::filesystem::path& elf, std::string_view api_prefix);

}  // namespace mote
