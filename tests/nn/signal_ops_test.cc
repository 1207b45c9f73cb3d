// TensorFlow Lite Micro's audio_preprocessor_int8 model (its signal custom
// ops and the builtins around them) run by micro/nn: one window per Invoke
// over the four one-second speech clips reproduces TFLM's 49x40 features,
// which needs the spectral subtraction's state carried from Invoke to
// Invoke; Prepare starts a fresh state; damaged custom options are named.
// A model built here runs the framed ops (window, FFT, energy) over two
// frames at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "dsp/dsp_test_util.h"
#include "micro/dsp/micro_speech/bin_energy.h"
#include "micro/dsp/micro_speech/fixed_point_window.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"
#include "micro/dsp/micro_speech/rfft_q15_scaled.h"
#include "nn/built_model_util.h"
#include "nn/flexbuffer_writer.h"
#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using nn::NnStatus;

constexpr size_t kWindow = 480, kStride = 320, kWindows = 49, kChannels = 40;

// The bytes of `values` into the model's first input (sized exactly).
template <typename T>
void SetInputBytes(LoadedModel& m, const std::vector<T>& values) {
  const nn::Tensor t = m.interpreter.input(0);
  ASSERT_EQ(t.bytes, values.size() * sizeof(T));
  std::memcpy(t.data, values.data(), t.bytes);
}

// One window through the model: its 40 int8 features.
std::vector<int8_t> RunWindow(nn::Interpreter& interpreter, const int16_t* samples) {
  const nn::Tensor in = interpreter.input(0);
  EXPECT_EQ(in.bytes, kWindow * sizeof(int16_t));
  std::memcpy(in.data, samples, kWindow * sizeof(int16_t));
  EXPECT_EQ(interpreter.Invoke(), NnStatus::kOk) << ErrorText(interpreter);
  const auto* out = static_cast<const int8_t*>(interpreter.output(0).data);
  return std::vector<int8_t>(out, out + kChannels);
}

class AudioPreprocessorClipTest : public ::testing::TestWithParam<const char*> {};

TEST_P(AudioPreprocessorClipTest, InvokePerWindowReproducesTfliteMicroFeatures) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  const std::string clip = GetParam();
  std::unique_ptr<LoadedModel> model = LoadModel(dir / "audio_preprocessor_int8.tflite");
  ASSERT_TRUE(model);
  const std::vector<int16_t> audio = dsp::testing::ReadMonoWav(dir / "speech" / (clip + "_1000ms.wav"), 16000);
  ASSERT_GE(audio.size(), (kWindows - 1) * kStride + kWindow);
  const std::vector<uint8_t> reference = ReadBytes(dir / "speech" / (clip + "_features.bin"));
  ASSERT_EQ(reference.size(), kWindows * kChannels);
  size_t differing = 0;
  for (size_t w = 0; w < kWindows; ++w) {
    const std::vector<int8_t> features = RunWindow(model->interpreter, audio.data() + w * kStride);
    for (size_t c = 0; c < kChannels; ++c) differing += features[c] != static_cast<int8_t>(reference[w * kChannels + c]);
  }
  EXPECT_EQ(differing, 0u) << "of " << kWindows * kChannels << " features";
}

INSTANTIATE_TEST_SUITE_P(Clips, AudioPreprocessorClipTest, ::testing::Values("yes", "no", "silence", "noise"));

TEST(AudioPreprocessorTest, StateCarriesAcrossInvokesAndPrepareResetsIt) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  std::unique_ptr<LoadedModel> model = LoadModel(dir / "audio_preprocessor_int8.tflite");
  ASSERT_TRUE(model);
  const std::vector<int16_t> audio = dsp::testing::ReadMonoWav(dir / "speech" / "yes_1000ms.wav", 16000);
  const int16_t* loud = audio.data() + 20 * kStride;  // inside the word
  const std::vector<int8_t> first = RunWindow(model->interpreter, loud);
  const std::vector<int8_t> second = RunWindow(model->interpreter, loud);
  // The noise estimate grew toward the repeated window, so less remains.
  EXPECT_NE(first, second);
  ASSERT_EQ(model->interpreter.Prepare(model->arena.data(), model->arena.size()), NnStatus::kOk);
  EXPECT_EQ(RunWindow(model->interpreter, loud), first);
}

// The model with the bytes `from` (which must occur once) replaced by `to`.
std::vector<uint8_t> Patched(std::vector<uint8_t> bytes, const std::vector<uint8_t>& from,
                             const std::vector<uint8_t>& to) {
  const auto at = std::search(bytes.begin(), bytes.end(), from.begin(), from.end());
  EXPECT_NE(at, bytes.end());
  if (at == bytes.end()) return bytes;
  EXPECT_EQ(std::search(at + 1, bytes.end(), from.begin(), from.end()), bytes.end());
  std::copy(to.begin(), to.end(), at);
  return bytes;
}

TEST(AudioPreprocessorTest, BadCustomOptionsAreNamed) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  const std::vector<uint8_t> bytes = ReadBytes(dir / "audio_preprocessor_int8.tflite");
  // SignalWindow's options, {"shift": 12}: "shift\0", keys, then the value 0x0c.
  const std::vector<uint8_t> window = {'s', 'h', 'i', 'f', 't', 0, 1, 7, 1, 1, 1, 0x0c, 0x04, 0x02, 0x24, 0x01};
  std::vector<uint8_t> broken = window;
  const struct {
    size_t at;
    uint8_t value;
    const char* message;
  } cases[] = {
      {11, 31, "op 0 (SignalWindow): shift: missing or invalid options"},   // shift out of [0, 30]
      {4, 'u', "op 0 (SignalWindow): shift: missing or invalid options"},   // key "shifu": absent
      {14, 0x04, "op 0 (SignalWindow): custom_options: missing or invalid options"},  // root not a map
      {15, 0x03, "op 0 (SignalWindow): custom_options: missing or invalid options"},  // no such width
  };
  for (const auto& c : cases) {
    broken = window;
    broken[c.at] = c.value;
    AlignedBytes blob(Patched(bytes, window, broken));
    nn::Interpreter interpreter;
    ASSERT_EQ(interpreter.Init(blob.data(), blob.size()), NnStatus::kOk) << ErrorText(interpreter);
    AlignedBytes arena;
    EXPECT_EQ(PrepareWithNeededArena(interpreter, &arena), NnStatus::kBadOptions) << c.message;
    EXPECT_EQ(ErrorText(interpreter), c.message);
  }
  // SignalRfft's options end with the map's size 2, T = 7 (int16) and
  // fft_length = 512, two bytes each: only the 512-point int16 FFT exists.
  const std::vector<uint8_t> rfft = {0x02, 0x00, 0x07, 0x00, 0x00, 0x02};
  for (const auto& [to, message] : std::vector<std::pair<std::vector<uint8_t>, std::string>>{
           {{0x02, 0x00, 0x07, 0x00, 0x00, 0x01}, "op 3 (SignalRfft): fft_length: missing or invalid options"},
           {{0x02, 0x00, 0x01, 0x00, 0x00, 0x02}, "op 3 (SignalRfft): T: missing or invalid options"}}) {
    AlignedBytes blob(Patched(bytes, rfft, to));
    nn::Interpreter interpreter;
    ASSERT_EQ(interpreter.Init(blob.data(), blob.size()), NnStatus::kOk) << ErrorText(interpreter);
    AlignedBytes arena;
    EXPECT_EQ(PrepareWithNeededArena(interpreter, &arena), NnStatus::kBadOptions) << message;
    EXPECT_EQ(ErrorText(interpreter), message);
  }
}

model::Operator CustomOp(const char* name, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                         const std::vector<Entry>& options) {
  model::Operator op = MakeOp(model::OpType::kCustom, std::move(inputs), std::move(outputs));
  op.custom_code = name;
  op.custom_options = BuildMap(options, 2, 1);
  return op;
}

TEST(SignalOpsTest, FramedOpsRunEveryFrame) {
  namespace ms = dsp::micro_speech;
  using model::DType;
  constexpr int kFrames = 2, kBins = 257;
  const std::vector<int16_t> window(ms::kHannWindowQ12, ms::kHannWindowQ12 + kWindow);
  auto m = LoadBuilt(WriteGraph(
      {MakeTensor({kFrames, 480}, DType::kInt16), MakeTensor({480}, DType::kInt16, ValueBytes(window)),
       MakeTensor({kFrames, 480}, DType::kInt16), MakeTensor({kFrames, 2 * kBins}, DType::kInt16),
       MakeTensor({kFrames, kBins}, DType::kUInt32)},
      {CustomOp("SignalWindow", {0, 1}, {2}, {{"shift", Form::kInt, 12}}),
       CustomOp("SignalRfft", {2}, {3}, {{"T", Form::kInt, 7}, {"fft_length", Form::kInt, 512}}),
       CustomOp("SignalEnergy", {3}, {4}, {{"end_index", Form::kInt, 200}, {"start_index", Form::kInt, 3}})},
      {0}, {4, 2, 3}));
  std::mt19937 rng(64);
  std::uniform_int_distribution<int> sample(-20000, 20000);
  std::vector<int16_t> audio(kFrames * kWindow);
  for (int16_t& x : audio) x = static_cast<int16_t>(sample(rng));
  SetInputBytes(*m, audio);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  const auto* energy = static_cast<const uint32_t*>(m->interpreter.output(0).data);
  const auto* windowed = static_cast<const int16_t*>(m->interpreter.output(1).data);
  const auto* spectrum = static_cast<const int16_t*>(m->interpreter.output(2).data);
  for (int f = 0; f < kFrames; ++f) {
    // Each frame as micro/dsp computes one window.
    std::vector<int16_t> w(kWindow), fft(2 * kBins, 0);
    std::vector<uint32_t> e(kBins);
    ms::ApplyFixedPointWindow(audio.data() + f * kWindow, window.data(), kWindow, 12, w.data());
    std::copy(w.begin(), w.end(), fft.begin());
    ms::RfftQ15Scaled512(fft.data());
    ms::BinEnergy(fft.data(), kBins, 3, 200, e.data());
    EXPECT_TRUE(std::equal(w.begin(), w.end(), windowed + f * kWindow)) << f;
    EXPECT_TRUE(std::equal(fft.begin(), fft.end(), spectrum + f * 2 * kBins)) << f;
    EXPECT_TRUE(std::equal(e.begin(), e.end(), energy + f * kBins)) << f;
  }
}

}  // namespace
}  // namespace mote::testing
