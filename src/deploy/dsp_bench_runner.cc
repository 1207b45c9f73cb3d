#include "deploy/dsp_bench_runner.h"

#include <cstring>
#include <string>

#include <fmt/format.h>

#include "core/file_util.h"
#include "deploy/run_folder.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

// Both ends are little-endian (x86-64 and Arm hosts, Cortex-M cores), so the
// files are the words and samples as they lie in memory.
template <typename T>
std::vector<T> ValuesAs(const std::vector<uint8_t>& bytes, uint32_t value_bytes) {
  if (value_bytes != sizeof(T)) return {};
  std::vector<T> values(bytes.size() / sizeof(T));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
  return values;
}

Result<DspBenchRun> ReadOutput(const fs::path& output, const fs::path& image) {
  MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(output));
  constexpr size_t kHeaderBytes = dsp_bench::kResultWords * sizeof(uint32_t);
  const Status bad_header = Status::Internal(image.string() + ": output.bin: byte 0: not a DSP bench result header");
  if (bytes.size() < kHeaderBytes) return bad_header;
  uint32_t words[dsp_bench::kResultWords];
  std::memcpy(words, bytes.data(), kHeaderBytes);
  DspBenchRun run;
  if (!dsp_bench::ReadResult(words, &run.result)) return bad_header;
  const uint64_t expected = uint64_t{run.result.frames} * run.result.features * run.result.value_bytes + kHeaderBytes;
  if (bytes.size() != expected)
    return Status::Internal(fmt::format("{}: output.bin: {} bytes, expected {} for {} x {} values of {} bytes",
                                        image.string(), bytes.size(), expected, run.result.frames, run.result.features,
                                        run.result.value_bytes));
  run.values.assign(bytes.begin() + kHeaderBytes, bytes.end());
  return run;
}

}  // namespace

std::vector<float> DspBenchRun::Floats() const { return ValuesAs<float>(values, result.value_bytes); }
std::vector<int16_t> DspBenchRun::Int16s() const { return ValuesAs<int16_t>(values, result.value_bytes); }
std::vector<int8_t> DspBenchRun::Int8s() const { return ValuesAs<int8_t>(values, result.value_bytes); }

fs::path DspBenchImage(const fs::path& image_dir, dsp_bench::BlockId block) {
  const char* name = dsp_bench::BlockName(block);
  return image_dir / fmt::format("dsp_bench_{}.elf", name ? name : "unknown");
}

Result<DspBenchRun> RunDspBench(const DspBenchOptions& options, dsp_bench::Request request,
                                const std::vector<int16_t>& audio) {
  request.num_samples = static_cast<uint32_t>(audio.size());
  uint32_t words[dsp_bench::kRequestWords];
  dsp_bench::WriteRequest(request, words);
  std::string input(sizeof(words) + audio.size() * sizeof(int16_t), '\0');
  std::memcpy(input.data(), words, sizeof(words));
  std::memcpy(input.data() + sizeof(words), audio.data(), audio.size() * sizeof(int16_t));

  MOTE_ASSIGN_OR_RETURN(RunFolder folder, RunFolder::Create("mote-dsp-bench-"));
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(folder / "input.bin", input));
  for (const auto& [name, bytes] : options.extra_files) MOTE_RETURN_IF_ERROR(WriteFileAtomically(folder / name, bytes));

  QemuRunOptions qemu;
  qemu.firmware = DspBenchImage(options.image_dir, request.block);
  qemu.working_dir = folder.path();
  qemu.timeout = options.timeout;
  qemu.insn_count_plugin = options.insn_count_plugin;
  qemu.profile = options.profile;
  MOTE_ASSIGN_OR_RETURN(QemuRunResult ran, RunOnQemu(qemu));
  const std::string image = qemu.firmware.string();
  if (ran.exit_status == dsp_bench::kExitBadInput) {
    std::string line = ran.uart_output;
    while (!line.empty() && line.back() == '\n') line.pop_back();
    return Status::InvalidArgument(image + ": refused its input: " + line);
  }
  if (ran.exit_status != 0 && ran.exit_status != dsp_bench::kExitBlockError)
    return Status::Internal(fmt::format("{}: exit status {}; {}", image, ran.exit_status, ran.qemu_log));

  MOTE_ASSIGN_OR_RETURN(DspBenchRun run, ReadOutput(folder / "output.bin", qemu.firmware));
  if (run.result.status != 0)
    return Status::InvalidArgument(
        fmt::format("{}: {}", image, dsp::DspStatusMessage(static_cast<dsp::DspStatus>(run.result.status))));
  run.instructions = ran.instructions;
  run.profile = std::move(ran.profile);
  return run;
}

}  // namespace mote
