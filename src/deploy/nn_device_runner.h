// Runs a .tflite model on an emulated Cortex-M board: the nn runner firmware
// (firmware/apps/nn_runner, built at -O2 for each board by
// cmake/firmware.cmake) under qemu-system-arm with the insn_count plugin.
// Reports what `mote bench` prints: the outputs, the instructions of one
// Invoke, the arena the interpreter needed, and the flash that the runtime
// and the model take. See docs/emulated-boards.md.
//
// Thread-safe: each run has its own temporary folder.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "deploy/qemu_runner.h"

namespace mote {

// A board `mote bench --target` can run a model on.
struct DeviceTarget {
  std::string_view name;     // "qemu-mps2-an386": what --target takes
  std::string_view board;    // its folder under firmware/boards/
  std::string_view machine;  // QEMU's -M
  std::string_view core;     // "Cortex-M4F", for people
  std::string_view cpu;      // "cortex-m4": firmware/'s MOTE_CPU for the board
};

// Every target, mps2-an386 first.
std::span<const DeviceTarget> DeviceTargets();

// The target called `name`. Errors: InvalidArgument "unknown target 'X'
// (expected one of qemu-mps2-an386, ...)".
Result<const DeviceTarget*> FindDeviceTarget(std::string_view name);

// Where the firmware build lives: $MOTE_FIRMWARE_DIR when set, else the
// build tree's <build>/firmware that the binary was built with.
std::filesystem::path DefaultFirmwareDir();
// <firmware_dir>/<board>-o2/apps/nn_runner/nn_runner.elf
std::filesystem::path NnRunnerImage(const std::filesystem::path& firmware_dir, const DeviceTarget& target);
// <firmware_dir>/qemu-plugin/insn_count.so
std::filesystem::path InsnCountPluginIn(const std::filesystem::path& firmware_dir);

// The graph inputs' sizes in bytes, from micro/nn's interpreter on the host
// (the same code the device runs), which also checks the model as the
// device would. Errors: "<label>: <micro/nn's message>" (InvalidArgument),
// e.g. "m.tflite: op 3 (SVDF): unsupported op".
Result<std::vector<uint32_t>> ModelInputBytes(std::string_view model, std::string_view label);

struct NnDeviceOptions {
  const DeviceTarget* target = nullptr;  // required
  std::filesystem::path firmware_dir = DefaultFirmwareDir();
  bool count_instructions = true;        // load the insn_count plugin
  std::chrono::milliseconds timeout{300'000};
  std::string label = "model";           // names the model in errors (its path)
  // With count_instructions: also count each function's instructions
  // (NnDeviceRun::profile; QemuRunOptions::profile). Slower.
  bool profile = false;
};

struct NnDeviceRun {
  std::vector<std::string> outputs;  // the bytes of graph output K, as the device wrote them
  uint64_t instructions = 0;         // in one Invoke (0 unless counted)
  uint32_t arena_bytes = 0;          // the interpreter's arena_bytes_needed() on the device
  uint32_t stack_bytes = 0;          // deepest main-stack use from Init to the end of Invoke
  uint32_t model_bytes = 0;
  // micro/nn's code and constants in the linked image (the bytes of its
  // symbols: every kernel, the interpreter, the flatbuffer reader); not the
  // harness (startup, semihosting, the runner's main) nor the C library.
  uint32_t runtime_code_bytes = 0;
  uint32_t image_flash_bytes = 0;    // the whole image: harness and C library included
  // With options.profile: the functions that ran, most instructions inside
  // the Invoke first (QemuRunResult::profile).
  std::vector<FunctionCount> profile;
  // Generated code only (aot_device_runner.h): the functions of the
  // generated NAME.cc, the part that replaces the interpreter; 0 for the
  // interpreter. model_bytes is then the generated constants (weights,
  // parameters, multipliers and shifts) as linked.
  uint32_t generated_code_bytes = 0;
  // Runtime plus model: what a device's flash holds for the model.
  uint32_t flash_bytes() const { return runtime_code_bytes + generated_code_bytes + model_bytes; }
};

// Runs `model` (the .tflite bytes) on options.target with `inputs` (one
// string of bytes per graph input, each exactly the input's size). Errors:
// a missing image or plugin (NotFound, saying how to build it); those of
// RunOnQemu (a missing QEMU is NotFound); the firmware refusing its files
// (InvalidArgument with its UART line); the interpreter refusing the model
// on the device (InvalidArgument "<label>: <message> (on <board>)"); a run
// that ends otherwise (Internal, with QEMU's log).
Result<NnDeviceRun> RunModelOnDevice(const NnDeviceOptions& options, std::string_view model,
                                     const std::vector<std::string>& inputs);

// Runs `image`, firmware that speaks apps/nn_runner/runner_files.h's
// protocol (apps/nn_runner, apps/aot_runner), on options.target after
// writing each of `files` (name, bytes) and input_K.bin for `inputs` into
// its folder. Fills outputs, instructions, arena_bytes, stack_bytes and
// model_bytes as the firmware reported them; not the flash fields. Errors:
// a missing plugin (NotFound); those of RunOnQemu; the firmware refusing its
// files (InvalidArgument with its UART line); the model failing on the
// device (InvalidArgument "<label>: <message> (on <board>)"); a run that
// ends otherwise (Internal, with QEMU's log).
Result<NnDeviceRun> RunRunnerImage(const NnDeviceOptions& options, const std::filesystem::path& image,
                                   const std::vector<std::pair<std::string, std::string>>& files,
                                   const std::vector<std::string>& inputs);

// The bytes of micro/nn's symbols (functions and constants of mote::nn,
// aliases counted once) in the ELF image at `elf`; with `micro_namespace`
// those of another micro/ library's namespace (mote::anomaly for
// "anomaly"). Errors: ReadArmElf's.
Result<uint32_t> NnRuntimeCodeBytes(const std::filesystem::path& elf, std::string_view micro_namespace = "nn");

}  // namespace mote
