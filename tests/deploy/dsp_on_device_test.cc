// The DSP blocks on the emulated Cortex-M4F against the host build of the
// same blocks: firmware/apps/dsp_bench, cross-built at -O2 and -Os by the
// main build, run on QEMU's mps2-an386 with the same audio and parameters.
//
// Fixed-point blocks (Q15 MFCC, MFE, spectrogram; the micro_speech front end)
// must agree bit for bit. Float blocks must agree within kFloatTolerance
// (docs/dsp.md); the largest deviation is printed. The micro_speech front end
// is also checked on the device against TFLM's features of the four clips in
// ../shared/models/speech (skipped with a message when absent).
//
// Skips when the cross compiler or QEMU is missing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/file_util.h"
#include "deploy/dsp_bench_runner.h"
#include "deploy/qemu_test_util.h"
#include "dsp/dsp_test_util.h"
#include "features/feature_normalization.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/mfe_q15.h"
#include "micro/dsp/micro_speech/micro_speech_frontend.h"
#include "micro/dsp/spectrogram_q15.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using dsp_bench::BlockId;

#define SKIP_WITHOUT_DEVICE()                                                                                      \
  do {                                                                                                             \
    if (std::string(MOTE_DSP_BENCH_DIR_O2).empty())                                                                \
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to run";                      \
    if (!testing::QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH (Debian package qemu-system-arm)"; \
  } while (0)

// Float features of the device may differ from the host's by at most this
// much, relative to the largest |value| of their frame (MFCC) or absolutely
// in dB (MFE, spectrogram): the tolerance docs/dsp.md states for any
// toolchain. mote's own builds do better, identical values (no libm, no
// contraction), which the test checks too.
constexpr double kFloatTolerance = 1e-5;

// Parameters and audio the two builds are compared on.
struct Case {
  std::string name;
  dsp::MfccParams params;
  std::vector<int16_t> audio;
};

std::vector<int16_t> SpeechLikeAudio(double gain_db) {
  std::vector<double> signal = dsp::testing::SpeechLikeSignal(16000, 16000.0, 7);
  for (double& v : signal) v *= std::pow(10.0, gain_db / 20.0);
  return dsp::testing::ToQ15(signal);
}

std::vector<Case> Cases() {
  // The issue's: 1 s at 16 kHz, 49 frames of 30 ms every 20 ms, 512-point
  // FFT, 40 HTK mel bands, 13 coefficients (MfccParams' defaults).
  Case issue{"issue parameters, full scale", dsp::MfccParams(), SpeechLikeAudio(0.0)};
  // The other code paths: Slaney mel scale with area normalisation,
  // pre-emphasis, Hamming window, centred frames, a 256-point FFT, a band
  // limit, quiet audio with clicks (the Q15 path's normalisation shifts,
  // large when a click sits where the window is near 0), and the window
  // mean subtracted from the MFCCs.
  Case other{"Slaney, pre-emphasis, Hamming, centred, 256, -40 dB, clicks, mean subtracted", dsp::MfccParams(),
             SpeechLikeAudio(-40.0)};
  for (size_t n = 50; n < other.audio.size(); n += 997) other.audio[n] = static_cast<int16_t>(n % 2 ? 9000 : -9000);
  dsp::MfccParams& p = other.params;
  p.frame.frame_length = 256;
  p.frame.frame_stride = 128;
  p.frame.fft_length = 256;
  p.frame.padding = dsp::Padding::kCenter;
  p.frame.window = dsp::WindowType::kHamming;
  p.frame.pre_emphasis = 0.97f;
  p.mel.num_filters = 32;
  p.mel.low_freq = 50.0f;
  p.mel.high_freq = 7000.0f;
  p.mel.mel_scale = dsp::MelScale::kSlaney;
  p.mel.mel_norm = dsp::MelNorm::kSlaney;
  p.num_cepstral = 20;
  p.lifter = 0.0f;
  p.noise_floor_db = -80.0f;
  p.subtract_mean = true;
  return {issue, other};
}

// What each block is run on: every case with the -O2 images (the ones
// benchmarked), and the issue's case with the -Os images (the ones shipped),
// which must agree as well.
struct Setup {
  fs::path image_dir;
  Case c;
};

std::vector<Setup> Setups() {
  std::vector<Case> cases = Cases();
  return {{MOTE_DSP_BENCH_DIR_O2, cases[0]}, {MOTE_DSP_BENCH_DIR_O2, cases[1]}, {MOTE_DSP_BENCH_DIR_OS, cases[0]}};
}

// The host build's features of `Block` (Init and Compute on the host).
template <typename Block, typename Value, typename Params>
std::vector<Value> HostFeatures(const Params& params, dsp::FeatureShape (*shape_of)(const Params&, uint32_t),
                                const std::vector<int16_t>& audio, size_t* arena_bytes) {
  std::vector<uint8_t> memory(Block::WorkspaceBytes(params));
  dsp::Arena arena(memory.data(), memory.size());
  Block block;
  EXPECT_EQ(block.Init(params, &arena), dsp::DspStatus::kOk);
  *arena_bytes = Block::ArenaBytes(params);
  std::vector<Value> out(shape_of(params, static_cast<uint32_t>(audio.size())).size());
  const dsp::Signal signal(audio.data(), static_cast<uint32_t>(audio.size()));
  EXPECT_EQ(block.Compute(signal, out.data(), out.size()), dsp::DspStatus::kOk);
  return out;
}

Result<DspBenchRun> RunOnDevice(const fs::path& image_dir, BlockId block, const dsp::MfccParams& params,
                                const std::vector<int16_t>& audio) {
  DspBenchOptions options;
  options.image_dir = image_dir;
  options.timeout = std::chrono::seconds(30);
  dsp_bench::Request request;
  request.block = block;
  request.params = params;
  return RunDspBench(options, request, audio);
}

// Checks what every run reports besides the features.
void ExpectShapeAndMemory(const DspBenchRun& run, dsp::FeatureShape shape, size_t arena_bytes) {
  EXPECT_EQ(run.result.frames, shape.frames);
  EXPECT_EQ(run.result.features, shape.features);
  EXPECT_EQ(run.result.arena_bytes, arena_bytes) << "the device took another arena size than ArenaBytes says";
  EXPECT_GT(run.result.stack_bytes, 0u);
  EXPECT_LT(run.result.stack_bytes, 16384u);
}

// The index of the first differing value, or -1.
template <typename T>
long FirstDifference(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return 0;
  const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin());
  return ia == a.end() ? -1 : static_cast<long>(ia - a.begin());
}

// One Q15 block on one case and one image: equal value for value.
template <typename Block, typename Params>
void ExpectBitExact(BlockId block, const Case& c, const Params& params,
                    dsp::FeatureShape (*shape_of)(const Params&, uint32_t), const fs::path& image_dir) {
  SCOPED_TRACE(std::string(dsp_bench::BlockName(block)) + ", " + c.name + ", " + image_dir.string());
  size_t arena_bytes = 0;
  const std::vector<int16_t> host = HostFeatures<Block, int16_t>(params, shape_of, c.audio, &arena_bytes);
  Result<DspBenchRun> run = RunOnDevice(image_dir, block, c.params, c.audio);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ExpectShapeAndMemory(*run, shape_of(params, static_cast<uint32_t>(c.audio.size())), arena_bytes);
  const std::vector<int16_t> device = run->Int16s();
  ASSERT_EQ(device.size(), host.size());
  const long first = FirstDifference(device, host);
  EXPECT_EQ(first, -1) << "value " << first << " (frame " << first / static_cast<long>(run->result.features)
                       << "): device " << device[static_cast<size_t>(first)] << ", host "
                       << host[static_cast<size_t>(first)];
}

TEST(DspOnDeviceTest, FixedPointBlocksMatchTheHostBitForBit) {
  SKIP_WITHOUT_DEVICE();
  for (const auto& [dir, c] : Setups()) {
    ExpectBitExact<dsp::MfccQ15>(BlockId::kMfccQ15, c, c.params, dsp::MfccOutputShape, dir);
    ExpectBitExact<dsp::MfeQ15>(BlockId::kMfeQ15, c, dsp_bench::MfeParamsOf(c.params), dsp::MfeOutputShape, dir);
    ExpectBitExact<dsp::SpectrogramQ15>(BlockId::kSpectrogramQ15, c, dsp_bench::SpectrogramParamsOf(c.params),
                                        dsp::SpectrogramOutputShape, dir);
  }
}

// The largest |device - host| over a frame divided by the frame's largest
// |host| (relative), or the largest |device - host| (absolute), over all
// frames; and how many values are bit-identical.
struct FloatDeviation {
  double worst = 0.0;
  size_t identical = 0;
};

FloatDeviation Deviation(const std::vector<float>& device, const std::vector<float>& host, uint32_t features,
                         bool relative) {
  FloatDeviation deviation;
  for (size_t row = 0; row + features <= host.size(); row += features) {
    double error = 0.0, scale = 0.0;
    for (size_t i = row; i < row + features; ++i) {
      error = std::max(error, std::abs(static_cast<double>(device[i]) - host[i]));
      scale = std::max(scale, std::abs(static_cast<double>(host[i])));
      deviation.identical += device[i] == host[i];
    }
    deviation.worst = std::max(deviation.worst, relative && scale > 0.0 ? error / scale : error);
  }
  return deviation;
}

template <typename Block, typename Params>
void ExpectWithinFloatTolerance(BlockId block, const Case& c, const Params& params,
                                dsp::FeatureShape (*shape_of)(const Params&, uint32_t), bool relative,
                                const fs::path& image_dir) {
  SCOPED_TRACE(std::string(dsp_bench::BlockName(block)) + ", " + c.name + ", " + image_dir.string());
  size_t arena_bytes = 0;
  const std::vector<float> host = HostFeatures<Block, float>(params, shape_of, c.audio, &arena_bytes);
  Result<DspBenchRun> run = RunOnDevice(image_dir, block, c.params, c.audio);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ExpectShapeAndMemory(*run, shape_of(params, static_cast<uint32_t>(c.audio.size())), arena_bytes);
  const std::vector<float> device = run->Floats();
  ASSERT_EQ(device.size(), host.size());
  const FloatDeviation deviation = Deviation(device, host, run->result.features, relative);
  std::cout << "[ device ] " << dsp_bench::BlockName(block) << " (" << c.name << ", "
            << image_dir.parent_path().parent_path().filename().string() << "): largest deviation " << deviation.worst
            << (relative ? " (relative to the frame)" : " dB") << ", " << deviation.identical << " of " << host.size()
            << " values identical\n";
  EXPECT_LE(deviation.worst, kFloatTolerance);
  EXPECT_EQ(deviation.identical, host.size())
      << "mote's builds compute identical floats on host and device (docs/dsp.md): a libm call or a "
         "floating-point contraction has crept into the block";
}

TEST(DspOnDeviceTest, FloatBlocksMatchTheHostWithinTheDocumentedTolerance) {
  SKIP_WITHOUT_DEVICE();
  for (const auto& [dir, c] : Setups()) {
    ExpectWithinFloatTolerance<dsp::Mfcc>(BlockId::kMfccF32, c, c.params, dsp::MfccOutputShape, true, dir);
    ExpectWithinFloatTolerance<dsp::Mfe>(BlockId::kMfeF32, c, dsp_bench::MfeParamsOf(c.params), dsp::MfeOutputShape,
                                         false, dir);
    ExpectWithinFloatTolerance<dsp::Spectrogram>(BlockId::kSpectrogramF32, c, dsp_bench::SpectrogramParamsOf(c.params),
                                                 dsp::SpectrogramOutputShape, false, dir);
  }
}

// A Q15 MFCC feeding an int8 model: the normalization folded at export into
// integer tables (statistics from other audio, the "train split"), applied
// on the device after the block; the int8 model input must be the host's.
TEST(DspOnDeviceTest, Q15FeaturesNormalizedToInt8InputMatchTheHostBitForBit) {
  SKIP_WITHOUT_DEVICE();
  for (const auto& [dir, c] : Setups()) {
    SCOPED_TRACE(c.name + ", " + dir.string());
    size_t arena_bytes = 0;
    // Statistics of the block's features on other audio (quieter, louder).
    FeatureStatistics train(c.params.num_cepstral);
    for (double gain_db : {-20.0, -3.0}) {
      const std::vector<int16_t> q15 =
          HostFeatures<dsp::MfccQ15, int16_t>(c.params, dsp::MfccOutputShape, SpeechLikeAudio(gain_db), &arena_bytes);
      std::vector<float> values(q15.size());
      for (size_t i = 0; i < q15.size(); ++i) values[i] = q15[i] * dsp::kFeatureStep;
      train.Add(values.data(), static_cast<uint32_t>(values.size() / c.params.num_cepstral));
    }
    const FeatureNormalization n = FeatureNormalization::FromTrain(NormalizeMode::kStandard, train);
    Result<Int8InputTables> tables = n.FoldForInt8Input(dsp::kFeatureStep, 8.0 / 255, -3);
    ASSERT_TRUE(tables.ok()) << tables.status().ToString();

    const std::vector<int16_t> q15 =
        HostFeatures<dsp::MfccQ15, int16_t>(c.params, dsp::MfccOutputShape, c.audio, &arena_bytes);
    std::vector<int8_t> host(q15.size());
    dsp::NormalizeQ15ToInt8(tables->View(), q15.data(), static_cast<uint32_t>(q15.size() / c.params.num_cepstral),
                            host.data());

    std::vector<uint32_t> words(2 + dsp_bench::kInt8NormalizationWordsPerFeature * c.params.num_cepstral);
    dsp_bench::WriteInt8Normalization(tables->View(), words.data());
    DspBenchOptions options;
    options.image_dir = dir;
    options.timeout = std::chrono::seconds(30);
    options.extra_files = {{"normalization.bin", std::string(reinterpret_cast<const char*>(words.data()),
                                                             words.size() * sizeof(uint32_t))}};
    dsp_bench::Request request;
    request.block = BlockId::kMfccQ15Int8;
    request.params = c.params;
    Result<DspBenchRun> run = RunDspBench(options, request, c.audio);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ExpectShapeAndMemory(*run, dsp::MfccOutputShape(c.params, static_cast<uint32_t>(c.audio.size())), arena_bytes);
    const std::vector<int8_t> device = run->Int8s();
    EXPECT_EQ(device, host);
    // Not a degenerate mapping: the features spread over the int8 range.
    EXPECT_GT(std::set<int8_t>(host.begin(), host.end()).size(), 60u);
  }
}

std::vector<int8_t> HostMicroSpeechFeatures(const std::vector<int16_t>& audio) {
  namespace ms = dsp::micro_speech;
  ms::MicroSpeechFrontend frontend;
  const size_t windows = ms::MicroSpeechWindowCount(frontend.params(), audio.size());
  std::vector<int8_t> features(windows * ms::kFeaturesPerWindow);
  frontend.ProcessClip(audio.data(), audio.size(), features.data(), windows);
  return features;
}

TEST(DspOnDeviceTest, MicroSpeechFrontendMatchesTheHostBitForBit) {
  SKIP_WITHOUT_DEVICE();
  for (const auto& [dir, gain_db] : {std::pair<fs::path, double>{MOTE_DSP_BENCH_DIR_O2, 0.0},
                                     {MOTE_DSP_BENCH_DIR_O2, -40.0},
                                     {MOTE_DSP_BENCH_DIR_OS, 0.0}}) {
    SCOPED_TRACE(dir.string() + ", gain " + std::to_string(gain_db) + " dB");
    const std::vector<int16_t> audio = SpeechLikeAudio(gain_db);
    Result<DspBenchRun> run = RunOnDevice(dir, BlockId::kMicroSpeech, dsp::MfccParams(), audio);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ(run->result.frames, 49u);
    EXPECT_EQ(run->result.features, dsp::micro_speech::kFeaturesPerWindow);
    EXPECT_GT(run->result.state_bytes, 0u);  // a 32-bit sizeof: not the host's
    EXPECT_EQ(run->Int8s(), HostMicroSpeechFeatures(audio));
  }
}

TEST(DspOnDeviceTest, MicroSpeechFrontendOnTheDeviceReproducesTflmFeatures) {
  SKIP_WITHOUT_DEVICE();
  const fs::path models = testing::SharedModelsDir();
  if (models.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS): skipped";
  for (const char* name : {"yes", "no", "silence", "noise"}) {
    SCOPED_TRACE(name);
    const std::vector<int16_t> audio = dsp::testing::ReadMonoWav(
        models / "speech" / (std::string(name) + "_1000ms.wav"), dsp::micro_speech::kSampleRateHz);
    Result<std::string> reference = ReadFile(models / "speech" / (std::string(name) + "_features.bin"));
    ASSERT_TRUE(reference.ok()) << reference.status().ToString();
    Result<DspBenchRun> run = RunOnDevice(MOTE_DSP_BENCH_DIR_O2, BlockId::kMicroSpeech, dsp::MfccParams(), audio);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    const std::vector<int8_t> device = run->Int8s();
    ASSERT_EQ(device.size(), reference->size());
    size_t differing = 0;
    int max_abs_diff = 0;
    for (size_t i = 0; i < device.size(); ++i) {
      const int diff = std::abs(device[i] - static_cast<int8_t>((*reference)[i]));
      max_abs_diff = std::max(max_abs_diff, diff);
      differing += diff != 0;
    }
    std::cout << "[ device ] micro_speech " << name << ": max |diff| " << max_abs_diff << ", " << differing << " of "
              << device.size() << " features differ\n";
    EXPECT_EQ(differing, 0u);  // the host is exact too (micro_speech_frontend_test.cc)
  }
}

TEST(DspOnDeviceTest, RefusedRequestsAreReported) {
  SKIP_WITHOUT_DEVICE();
  const std::vector<int16_t> audio = SpeechLikeAudio(0.0);
  const fs::path image = DspBenchImage(MOTE_DSP_BENCH_DIR_OS, BlockId::kMfccQ15);

  dsp::MfccParams bad = dsp::MfccParams();
  bad.frame.fft_length = 500;
  Result<DspBenchRun> run = RunOnDevice(MOTE_DSP_BENCH_DIR_OS, BlockId::kMfccQ15, bad, audio);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), image.string() + ": fft_length: not a power of two in [16, 4096]");

  // An image runs only its own block.
  testing::TempDir dir;
  fs::copy_file(DspBenchImage(MOTE_DSP_BENCH_DIR_OS, BlockId::kMfeQ15), dir / "dsp_bench_mfcc_q15.elf");
  DspBenchOptions options;
  options.image_dir = dir.path();
  dsp_bench::Request request;
  request.block = BlockId::kMfccQ15;
  run = RunDspBench(options, request, audio);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), (dir / "dsp_bench_mfcc_q15.elf").string() +
                                        ": refused its input: input.bin: requests another block than this image runs");

  // More audio than the firmware holds.
  run = RunOnDevice(MOTE_DSP_BENCH_DIR_OS, BlockId::kMfccQ15, dsp::MfccParams(), std::vector<int16_t>(32001));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            image.string() + ": refused its input: input.bin: more samples than the firmware holds");

  // The int8 image without its tables.
  run = RunOnDevice(MOTE_DSP_BENCH_DIR_OS, BlockId::kMfccQ15Int8, dsp::MfccParams(), audio);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), DspBenchImage(MOTE_DSP_BENCH_DIR_OS, BlockId::kMfccQ15Int8).string() +
                                        ": refused its input: normalization.bin: missing or malformed");
}

}  // namespace
}  // namespace mote
