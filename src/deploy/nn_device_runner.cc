#include "deploy/nn_device_runner.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/file_util.h"
#include "deploy/arm_elf.h"
#include "deploy/firmware_footprint.h"
#include "deploy/qemu_runner.h"
#include "deploy/run_folder.h"
#include "firmware/apps/nn_runner/runner_files.h"
#include "micro/nn/interpreter.h"

#ifndef MOTE_DEFAULT_FIRMWARE_DIR
#define MOTE_DEFAULT_FIRMWARE_DIR ""
#endif

namespace mote {

namespace fs = std::filesystem;

namespace {

constexpr std::array<DeviceTarget, 4> kTargets = {{
    {"qemu-mps2-an386", "mps2-an386", "mps2-an386", "Cortex-M4F", "cortex-m4"},
    {"qemu-mps2-an500", "mps2-an500", "mps2-an500", "Cortex-M7", "cortex-m7"},
    {"qemu-mps2-an505", "mps2-an505", "mps2-an505", "Cortex-M33", "cortex-m33"},
    {"qemu-mps3-an547", "mps3-an547", "mps3-an547", "Cortex-M55", "cortex-m55"},
}};

// Heap bytes aligned as micro/nn requires of a model blob and an arena.
struct AlignedBytes {
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  explicit AlignedBytes(size_t size)
      : data(static_cast<uint8_t*>(std::aligned_alloc(nn::kArenaAlignment, (size / 16 + 1) * 16))) {}
  std::unique_ptr<uint8_t, Free> data;
};

std::string NnMessage(const nn::Interpreter& interpreter) {
  char message[nn_runner::kMessageBytes];
  nn::FormatNnError(interpreter.error(), message, sizeof message);
  return message;
}

// Names each input_K.bin, output_K.bin.
std::string IndexedName(const char* prefix, uint32_t k) {
  char name[16];
  nn_runner::IndexedFileName(prefix, k, name);
  return name;
}

Result<nn_runner::Result> ReadResultFile(const fs::path& path, const std::string& image, std::string* message) {
  MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  nn_runner::Result result;
  uint32_t words[nn_runner::kResultWords];
  if (bytes.size() != nn_runner::kResultFileBytes ||
      (std::memcpy(words, bytes.data(), sizeof(words)), !nn_runner::ReadResult(words, &result)))
    return Status::Internal(image + ": result.bin: byte 0: not an nn runner result");
  const char* text = bytes.data() + sizeof(words);
  *message = std::string(text, strnlen(text, nn_runner::kMessageBytes));
  return result;
}

constexpr const char* kHowToBuild =
    "build mote with arm-none-eabi-gcc installed (cmake/firmware.cmake) or set MOTE_FIRMWARE_DIR";

}  // namespace

std::span<const DeviceTarget> DeviceTargets() { return kTargets; }

Result<const DeviceTarget*> FindDeviceTarget(std::string_view name) {
  std::string names;
  for (const DeviceTarget& target : kTargets) {
    if (target.name == name) return &target;
    names += (names.empty() ? "" : ", ") + std::string(target.name);
  }
  return Status::InvalidArgument(fmt::format("unknown target '{}' (expected one of {})", name, names));
}

fs::path DefaultFirmwareDir() {
  if (const char* dir = std::getenv("MOTE_FIRMWARE_DIR"); dir && *dir) return dir;
  return MOTE_DEFAULT_FIRMWARE_DIR;
}

fs::path NnRunnerImage(const fs::path& firmware_dir, const DeviceTarget& target) {
  return firmware_dir / (std::string(target.board) + "-o2") / "apps" / "nn_runner" / "nn_runner.elf";
}

fs::path InsnCountPluginIn(const fs::path& firmware_dir) { return firmware_dir / "qemu-plugin" / "insn_count.so"; }

Result<std::vector<uint32_t>> ModelInputBytes(std::string_view model, std::string_view label) {
  AlignedBytes blob(model.size());
  std::memcpy(blob.data.get(), model.data(), model.size());
  nn::Interpreter interpreter;
  auto fail = [&] { return Status::InvalidArgument(fmt::format("{}: {}", label, NnMessage(interpreter))); };
  if (interpreter.Init(blob.data.get(), model.size()) != nn::NnStatus::kOk) return fail();
  // The first Prepare learns the arena size (at least its lower bound); a
  // lower bound needs another round to become exact.
  nn::NnStatus status = interpreter.Prepare(nullptr, 0);
  std::unique_ptr<AlignedBytes> arena;
  for (int round = 0; round < 3 && status == nn::NnStatus::kArenaTooSmall; ++round) {
    arena = std::make_unique<AlignedBytes>(interpreter.arena_bytes_needed());
    status = interpreter.Prepare(arena->data.get(), interpreter.arena_bytes_needed());
  }
  if (status != nn::NnStatus::kOk) return fail();
  std::vector<uint32_t> sizes;
  for (uint32_t i = 0; i < interpreter.input_count(); ++i) sizes.push_back(interpreter.input(i).bytes);
  return sizes;
}

Result<uint32_t> NnRuntimeCodeBytes(const fs::path& elf, std::string_view micro_namespace) {
  MOTE_ASSIGN_OR_RETURN(ArmElf image, ReadArmElf(elf));
  // Mangled names of mote::<ns>'s functions, member functions, vtables and
  // function-local statics (mote::nn: _ZN4mote2nn...); anonymous namespaces
  // and templates inside it keep these prefixes.
  const std::string ns = "4mote" + std::to_string(micro_namespace.size()) + std::string(micro_namespace);
  const std::string kPrefixes[] = {"_ZN" + ns, "_ZNK" + ns, "_ZTVN" + ns, "_ZZN" + ns};
  std::set<uint32_t> counted;
  uint32_t bytes = 0;
  for (const ElfSymbol& symbol : image.symbols) {
    bool ours = false;
    for (const std::string& prefix : kPrefixes) ours = ours || symbol.name.starts_with(prefix);
    if (ours && symbol.size > 0 && counted.insert(symbol.address).second) bytes += symbol.size;
  }
  return bytes;
}

Result<NnDeviceRun> RunRunnerImage(const NnDeviceOptions& options, const fs::path& image,
                                   const std::vector<std::pair<std::string, std::string>>& files,
                                   const std::vector<std::string>& inputs) {
  if (options.target == nullptr) return Status::InvalidArgument("RunRunnerImage: no target");
  const fs::path plugin = InsnCountPluginIn(options.firmware_dir);
  if (options.count_instructions && !fs::is_regular_file(plugin))
    return Status::NotFound(fmt::format("{}: no instruction-counting plugin; {}", plugin.string(), kHowToBuild));

  MOTE_ASSIGN_OR_RETURN(RunFolder folder, RunFolder::Create("mote-nn-device-"));
  for (const auto& [name, bytes] : files) MOTE_RETURN_IF_ERROR(WriteFileAtomically(folder / name, bytes));
  for (uint32_t k = 0; k < inputs.size(); ++k)
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(folder / IndexedName("input_", k), inputs[k]));

  QemuRunOptions qemu;
  qemu.machine = std::string(options.target->machine);
  qemu.firmware = image;
  qemu.working_dir = folder.path();
  qemu.timeout = options.timeout;
  if (options.count_instructions) qemu.insn_count_plugin = plugin;
  qemu.profile = options.count_instructions && options.profile;
  MOTE_ASSIGN_OR_RETURN(QemuRunResult ran, RunOnQemu(qemu));

  if (ran.exit_status == nn_runner::kExitBadFiles) {
    std::string line = ran.uart_output;
    while (!line.empty() && line.back() == '\n') line.pop_back();
    return Status::InvalidArgument(fmt::format("{}: refused its files: {}", image.string(), line));
  }
  if (ran.exit_status != 0 && ran.exit_status != nn_runner::kExitModelError)
    return Status::Internal(fmt::format("{}: exit status {} on {}; {}", image.string(), ran.exit_status,
                                        options.target->machine, ran.qemu_log));
  std::string message;
  MOTE_ASSIGN_OR_RETURN(nn_runner::Result result, ReadResultFile(folder / "result.bin", image.string(), &message));
  if (result.status != 0)
    return Status::InvalidArgument(fmt::format("{}: {} (on {})", options.label, message, options.target->board));

  NnDeviceRun run;
  for (uint32_t k = 0; k < result.outputs; ++k) {
    MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(folder / IndexedName("output_", k)));
    run.outputs.push_back(std::move(bytes));
  }
  if (ran.instructions) run.instructions = ran.instructions->marked;
  run.profile = std::move(ran.profile);
  run.arena_bytes = result.arena_bytes;
  run.stack_bytes = result.stack_bytes;
  run.model_bytes = result.model_bytes;
  return run;
}

Result<NnDeviceRun> RunModelOnDevice(const NnDeviceOptions& options, std::string_view model,
                                     const std::vector<std::string>& inputs) {
  if (options.target == nullptr) return Status::InvalidArgument("RunModelOnDevice: no target");
  const fs::path image = NnRunnerImage(options.firmware_dir, *options.target);
  if (!fs::is_regular_file(image))
    return Status::NotFound(fmt::format("{}: no nn runner firmware for {}; {}", image.string(),
                                        options.target->name, kHowToBuild));
  if (model.size() > nn_runner::kMaxModelBytes)
    return Status::InvalidArgument(fmt::format("{}: {} bytes; the nn runner firmware holds at most {}", options.label,
                                               model.size(), nn_runner::kMaxModelBytes));
  MOTE_ASSIGN_OR_RETURN(NnDeviceRun run,
                        RunRunnerImage(options, image, {{"model.tflite", std::string(model)}}, inputs));
  MOTE_ASSIGN_OR_RETURN(run.runtime_code_bytes, NnRuntimeCodeBytes(image));
  MOTE_ASSIGN_OR_RETURN(FirmwareFootprint footprint, ReadFirmwareFootprint(image));
  run.image_flash_bytes = footprint.flash_bytes;
  return run;
}

}  // namespace mote
