// The DSP blocks on the emulated Cortex-M4F: instructions, RAM and flash per
// block, for one second of 16 kHz audio with the parameters (49
// frames of 30 ms every 20 ms, 512-point FFT, 40 HTK mel bands, 13
// coefficients; MfccParams' defaults). Runs firmware/apps/dsp_bench through
// QEMU with the insn_count plugin.
//
//   cmake -S . -B build -G Ninja -DMOTE_BUILD_BENCH=ON && ninja -C build dsp_device_bench
//   build/bench/dsp_device_bench [--wav clip.wav] [--profile BLOCK] [--subtract-mean]
//
// Prints a Markdown table, one row per block:
//   insns -O2 / -Os   instructions to compute the 49 frames (Compute, or
//                     ProcessClip), -O2 and -Os images; per frame in brackets
//   init -O2          instructions of Init (tables) or the front end's
//                     constructor, in thousands
//   arena, object     bytes Init took from the arena, sizeof the block object
//   stack             deepest stack of Init + Compute (painted stack)
//   flash -O2 / -Os   bytes the block adds to the image: its image's flash
//                     minus that of the image without a block
// (mfcc_q15_int8 is the Q15 MFCC followed by the normalization to an int8
// model input, micro/dsp/normalize.h, with the clip's own statistics)
// and the goals for the MFCC: <= 2.5 M instructions in float, <= 1.5 M
// in fixed point. Instructions are not cycles (docs/emulated-boards.md).
//
// --profile BLOCK (a name from the table, e.g. mfcc_q15) prints instead the
// functions of BLOCK's -O2 image by instructions inside Compute.
// --subtract-mean turns on the MFCC blocks' subtract_mean (cepstral mean
// normalization); with --profile, SubtractWindowMean's row is its cost.
//
// The audio is a deterministic speech-like signal (a glide, a tone, noise,
// at -6 dBFS) unless --wav gives a 16 kHz mono file (its first second is
// used). Counts vary a little with the audio (the Q15 blocks scale by the
// data), not from run to run.
#include <cxxabi.h>
#include <fmt/format.h>
#include <sndfile.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "deploy/dsp_bench_runner.h"
#include "deploy/firmware_footprint.h"
#include "features/feature_normalization.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/mfcc_q15.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using dsp_bench::BlockId;

constexpr uint32_t kSampleRate = 16000;

std::vector<int16_t> SpeechLikeAudio() {
  std::vector<int16_t> audio(kSampleRate);
  double phase = 0.0;
  uint32_t seed = 2024;
  for (uint32_t n = 0; n < kSampleRate; ++n) {
    phase += 2.0 * M_PI * (200.0 + 3000.0 * n / kSampleRate) / kSampleRate;
    seed = seed * 1664525u + 1013904223u;
    const double noise = (static_cast<double>(seed >> 8) / (1 << 24) - 0.5) * 0.05;
    const double x = 0.3 * std::sin(phase) + 0.15 * std::sin(2.0 * M_PI * 1230.0 * n / kSampleRate) + noise;
    audio[n] = static_cast<int16_t>(std::lround(x * 32767.0));
  }
  return audio;
}

Result<std::vector<int16_t>> ReadWav(const fs::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) return Status::IoError(path.string() + ": " + sf_strerror(nullptr));
  std::vector<int16_t> samples(kSampleRate);
  const sf_count_t read = info.channels == 1 && info.samplerate == static_cast<int>(kSampleRate)
                              ? sf_read_short(file, samples.data(), kSampleRate)
                              : -1;
  sf_close(file);
  if (read < 0) return Status::InvalidArgument(path.string() + ": expected 16 kHz mono audio");
  samples.resize(static_cast<size_t>(read));
  return samples;
}

struct Measured {
  DspBenchRun compute_o2, compute_os, init_o2;
  int64_t flash_o2 = 0, flash_os = 0;
};

// normalization.bin for the mfcc_q15_int8 image: the standard statistics of
// the clip's own Q15 MFCCs folded with an int8 input of scale 8/255. (Which
// statistics does not change the instruction count.)
Result<std::string> Int8NormalizationFile(const std::vector<int16_t>& audio) {
  const dsp::MfccParams params;
  std::vector<uint8_t> memory(dsp::MfccQ15::WorkspaceBytes(params));
  dsp::Arena arena(memory.data(), memory.size());
  dsp::MfccQ15 block;
  const dsp::FeatureShape shape = dsp::MfccOutputShape(params, static_cast<uint32_t>(audio.size()));
  std::vector<int16_t> q15(shape.size());
  if (block.Init(params, &arena) != dsp::DspStatus::kOk ||
      block.Compute(dsp::Signal(audio.data(), static_cast<uint32_t>(audio.size())), q15.data(), q15.size()) !=
          dsp::DspStatus::kOk)
    return Status::Internal("the host's Q15 MFCC failed");
  std::vector<float> values(q15.size());
  for (size_t i = 0; i < q15.size(); ++i) values[i] = q15[i] * dsp::kFeatureStep;
  FeatureStatistics stats(shape.features);
  stats.Add(values.data(), shape.frames);
  MOTE_ASSIGN_OR_RETURN(Int8InputTables tables, FeatureNormalization::FromTrain(NormalizeMode::kStandard, stats)
                                                    .FoldForInt8Input(dsp::kFeatureStep, 8.0 / 255, 0));
  std::vector<uint32_t> words(2 + dsp_bench::kInt8NormalizationWordsPerFeature * shape.features);
  dsp_bench::WriteInt8Normalization(tables.View(), words.data());
  return std::string(reinterpret_cast<const char*>(words.data()), words.size() * sizeof(uint32_t));
}

Result<DspBenchRun> Run(const fs::path& image_dir, BlockId block, dsp_bench::Phase phase,
                        const std::vector<int16_t>& audio, const dsp::MfccParams& params, bool profile = false) {
  DspBenchOptions options;
  if (block == BlockId::kMfccQ15Int8) {
    MOTE_ASSIGN_OR_RETURN(std::string tables, Int8NormalizationFile(audio));
    options.extra_files = {{"normalization.bin", std::move(tables)}};
  }
  options.image_dir = image_dir;
  options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
  options.profile = profile;
  dsp_bench::Request request;
  request.block = block;
  request.counted = phase;
  request.params = params;
  return RunDspBench(options, request, audio);
}

// Flash that `block` adds to the image without a block, in `image_dir`.
Result<int64_t> BlockFlash(const fs::path& image_dir, BlockId block) {
  MOTE_ASSIGN_OR_RETURN(FirmwareFootprint with, ReadFirmwareFootprint(DspBenchImage(image_dir, block)));
  MOTE_ASSIGN_OR_RETURN(FirmwareFootprint without, ReadFirmwareFootprint(DspBenchImage(image_dir, BlockId::kNone)));
  return int64_t{with.flash_bytes} - int64_t{without.flash_bytes};
}

Result<Measured> Measure(BlockId block, const std::vector<int16_t>& audio, const dsp::MfccParams& params) {
  Measured m;
  MOTE_ASSIGN_OR_RETURN(m.compute_o2, Run(MOTE_DSP_BENCH_DIR_O2, block, dsp_bench::Phase::kCompute, audio, params));
  MOTE_ASSIGN_OR_RETURN(m.compute_os, Run(MOTE_DSP_BENCH_DIR_OS, block, dsp_bench::Phase::kCompute, audio, params));
  MOTE_ASSIGN_OR_RETURN(m.init_o2, Run(MOTE_DSP_BENCH_DIR_O2, block, dsp_bench::Phase::kInit, audio, params));
  MOTE_ASSIGN_OR_RETURN(m.flash_o2, BlockFlash(MOTE_DSP_BENCH_DIR_O2, block));
  MOTE_ASSIGN_OR_RETURN(m.flash_os, BlockFlash(MOTE_DSP_BENCH_DIR_OS, block));
  return m;
}

std::string Millions(uint64_t n) { return fmt::format("{:.3f} M", static_cast<double>(n) / 1e6); }

// A symbol's C++ name, or the symbol itself if it is not a mangled one.
std::string Demangled(const std::string& symbol) {
  int status = 0;
  char* name = abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status);
  std::string result = status == 0 && name ? name : symbol;
  std::free(name);
  return result;
}

// The functions of `block`'s -O2 image that ran inside Compute, most first.
int PrintProfile(BlockId block, const std::vector<int16_t>& audio, const dsp::MfccParams& params) {
  Result<DspBenchRun> run =
      Run(MOTE_DSP_BENCH_DIR_O2, block, dsp_bench::Phase::kCompute, audio, params, /*profile=*/true);
  if (!run.ok()) {
    std::fprintf(stderr, "dsp_device_bench: %s\n", run.status().ToString().c_str());
    return 1;
  }
  const uint64_t marked = run->instructions->marked;
  std::printf("%s -O2, Compute: %s instructions\n\n| function | instructions | share |\n| --- | --- | --- |\n",
              dsp_bench::BlockName(block), Millions(marked).c_str());
  for (const FunctionCount& count : run->profile) {
    if (count.marked == 0) break;
    std::printf("| %s | %llu | %.1f %% |\n", Demangled(count.function).c_str(),
                static_cast<unsigned long long>(count.marked),
                100.0 * static_cast<double>(count.marked) / static_cast<double>(marked));
  }
  return 0;
}

// The block called `name`, or kNone if there is none.
BlockId BlockNamed(const std::string& name) {
  for (uint32_t b = 1; b < dsp_bench::kBlockCount; ++b)
    if (name == dsp_bench::BlockName(static_cast<BlockId>(b))) return static_cast<BlockId>(b);
  return BlockId::kNone;
}

int Main(int argc, char** argv) {
  if (std::string(MOTE_DSP_BENCH_DIR_O2).empty()) {
    std::fprintf(stderr, "dsp_device_bench: built without arm-none-eabi-gcc: no firmware to run\n");
    return 1;
  }
  std::vector<int16_t> audio = SpeechLikeAudio();
  std::string source = "speech-like signal, -6 dBFS";
  BlockId profile = BlockId::kNone;
  dsp::MfccParams params;
  for (int i = 1; i < argc; ++i) {
    const std::string option = argv[i];
    if (option == "--subtract-mean") {
      params.subtract_mean = true;
    } else if (i + 1 < argc && option == "--wav") {
      Result<std::vector<int16_t>> wav = ReadWav(argv[++i]);
      if (!wav.ok()) {
        std::fprintf(stderr, "dsp_device_bench: %s\n", wav.status().ToString().c_str());
        return 1;
      }
      audio = std::move(*wav);
      source = argv[i];
    } else if (i + 1 < argc && option == "--profile" && BlockNamed(argv[i + 1]) != BlockId::kNone) {
      profile = BlockNamed(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: dsp_device_bench [--wav clip.wav] [--profile BLOCK] [--subtract-mean]\n");
      return 1;
    }
  }
  if (profile != BlockId::kNone) return PrintProfile(profile, audio, params);

  std::printf("mps2-an386 (Cortex-M4F), %zu samples at 16 kHz (%s)%s\n\n", audio.size(), source.c_str(),
              params.subtract_mean ? ", MFCC window mean subtracted" : "");
  std::printf(
      "| block | insns -O2 (per frame) | insns -Os | init -O2 | arena B | object B | stack B | flash -O2 B | flash -Os "
      "B |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  uint64_t mfcc_f32 = 0, mfcc_q15 = 0;
  for (BlockId block : {BlockId::kMfccF32, BlockId::kMfccQ15, BlockId::kMfeF32, BlockId::kMfeQ15,
                        BlockId::kSpectrogramF32, BlockId::kSpectrogramQ15, BlockId::kMicroSpeech,
                        BlockId::kMfccQ15Int8}) {
    Result<Measured> m = Measure(block, audio, params);
    if (!m.ok()) {
      std::fprintf(stderr, "dsp_device_bench: %s\n", m.status().ToString().c_str());
      return 1;
    }
    const uint64_t insns = m->compute_o2.instructions->marked;
    const uint32_t frames = m->compute_o2.result.frames;
    if (block == BlockId::kMfccF32) mfcc_f32 = insns;
    if (block == BlockId::kMfccQ15) mfcc_q15 = insns;
    std::printf("| %s | %s (%s) | %s | %s | %u | %u | %u | %lld | %lld |\n", dsp_bench::BlockName(block),
                Millions(insns).c_str(), fmt::format("{}", frames ? insns / frames : 0).c_str(),
                Millions(m->compute_os.instructions->marked).c_str(),
                fmt::format("{:.1f} k", static_cast<double>(m->init_o2.instructions->marked) / 1e3).c_str(),
                m->compute_o2.result.arena_bytes, m->compute_o2.result.state_bytes, m->compute_o2.result.stack_bytes,
                static_cast<long long>(m->flash_o2), static_cast<long long>(m->flash_os));
  }
  std::printf("\nMFCC goals: float %s (<= 2.5 M: %s), fixed point %s (<= 1.5 M: %s)\n", Millions(mfcc_f32).c_str(),
              mfcc_f32 <= 2'500'000 ? "met" : "MISSED", Millions(mfcc_q15).c_str(),
              mfcc_q15 <= 1'500'000 ? "met" : "MISSED");
  return 0;
}

}  // namespace
}  // namespace mote

int main(int argc, char** argv) { return mote::Main(argc, argv); }
