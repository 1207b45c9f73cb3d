// TensorFlow Lite Micro's audio_preprocessor_int8 model (its signal custom
// ops and the builtins around them) run by micro/nn: one window per Invoke
// over the four one-second speech clips reproduces TFLM's 49x40 features,
// which needs the spectral subtraction's state carried from Invoke to
// Invoke; Prepare starts a fresh state; damaged custom options are named.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "dsp/dsp_test_util.h"
#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using nn::NnStatus;

constexpr size_t kWindow = 480, kStride = 320, kWindows = 49, kChannels = 40;

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

}  // namespace
}  // namespace mote::testing
