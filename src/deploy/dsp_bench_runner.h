// Runs the DSP bench firmware (firmware/apps/dsp_bench) on an emulated board:
// writes the request and the audio as input.bin, runs the image of the
// requested block through RunOnQemu, and reads back the result header and
// the features from output.bin. Used by tests/deploy/dsp_on_device_test.cc
// (device features against the host's) and bench/dsp_device_bench.cc
// (instructions, RAM and flash per block).
//
// Thread-safe: each run has its own temporary folder.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "deploy/qemu_runner.h"
#include "firmware/apps/dsp_bench/bench_files.h"

namespace mote {

struct DspBenchRun {
  dsp_bench::Result result;
  // frames x features values of result.value_bytes each, as the firmware
  // wrote them (little-endian); see Floats(), Int16s(), Int8s().
  std::vector<uint8_t> values;
  std::optional<InstructionCounts> instructions;  // when a plugin was given
  std::vector<FunctionCount> profile;             // with DspBenchOptions::profile

  // The values as float, int16 or int8; empty if value_bytes says otherwise.
  std::vector<float> Floats() const;
  std::vector<int16_t> Int16s() const;
  std::vector<int8_t> Int8s() const;
};

struct DspBenchOptions {
  std::filesystem::path image_dir;          // holds dsp_bench_<block>.elf (cmake/firmware.cmake's MOTE_DSP_BENCH_DIR_*)
  std::filesystem::path insn_count_plugin;  // empty: no counting
  bool profile = false;                     // per-function counts too (QemuRunOptions::profile)
  std::chrono::milliseconds timeout{60'000};
  // Files written next to input.bin for the firmware to read, as (name,
  // bytes): normalization.bin for the mfcc_q15_int8 image.
  std::vector<std::pair<std::string, std::string>> extra_files;
};

// The image of `block` in `image_dir`: dsp_bench_<BlockName(block)>.elf.
std::filesystem::path DspBenchImage(const std::filesystem::path& image_dir, dsp_bench::BlockId block);

// Runs request.block's image on `audio` (request.num_samples is taken from
// audio.size()). Errors: those of RunOnQemu; the firmware refusing the
// input (InvalidArgument with its UART message) or the block refusing its
// parameters (InvalidArgument with DspStatusMessage's phrase); an
// output.bin that is missing or malformed (Internal).
Result<DspBenchRun> RunDspBench(const DspBenchOptions& options, dsp_bench::Request request,
                                const std::vector<int16_t>& audio);

}  // namespace mote
