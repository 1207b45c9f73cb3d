// The micro_speech-compatible front end against TensorFlow Lite Micro's own
// outputs in ../shared/models: one window of its audio_preprocessor_int8
// model from a fresh state, and the 49x40 features of four one-second clips.

#include "micro/dsp/micro_speech/micro_speech_frontend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "dsp/dsp_test_util.h"
#include "test_util.h"

namespace mote::dsp::micro_speech {
namespace {

namespace fs = std::filesystem;

std::vector<char> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(MicroSpeechFrontendTest, OneWindowFromAFreshStateMatchesTheAudioPreprocessorGolden) {
  const fs::path models = mote::testing::SharedModelsDir();
  if (models.empty())
    GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS): skipped";
  const fs::path dir = models / "golden" / "audio_preprocessor_int8";
  const std::vector<char> input = ReadBytes(dir / "input_0.bin");
  const std::vector<char> golden = ReadBytes(dir / "output_0.bin");
  ASSERT_EQ(input.size(), kWindowSamples * sizeof(int16_t));
  ASSERT_EQ(golden.size(), kFeaturesPerWindow);  // the model's output is int8[40]

  std::vector<int16_t> samples(kWindowSamples);
  for (size_t i = 0; i < kWindowSamples; ++i) {  // little-endian int16
    samples[i] = static_cast<int16_t>(static_cast<uint8_t>(input[2 * i]) |
                                      (static_cast<uint8_t>(input[2 * i + 1]) << 8));
  }
  MicroSpeechFrontend frontend;
  int8_t features[kFeaturesPerWindow];
  frontend.ProcessWindow(samples.data(), features);
  for (size_t c = 0; c < kFeaturesPerWindow; ++c) {
    EXPECT_EQ(features[c], static_cast<int8_t>(golden[c])) << "channel " << c;
  }
}

class SpeechClipTest : public ::testing::TestWithParam<const char*> {};

// Acceptance: within +-1 of TFLM's features everywhere. The implementation
// is meant to be bit-exact, so any difference at all fails too: it would be
// a regression, not rounding.
TEST_P(SpeechClipTest, FeaturesMatchTheReference) {
  const fs::path models = mote::testing::SharedModelsDir();
  if (models.empty())
    GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS): skipped";
  const std::string name = GetParam();
  const std::vector<int16_t> audio =
      mote::dsp::testing::ReadMonoWav(models / "speech" / (name + "_1000ms.wav"), kSampleRateHz);
  const std::vector<char> reference = ReadBytes(models / "speech" / (name + "_features.bin"));
  constexpr size_t kWindows = 49;
  ASSERT_EQ(reference.size(), kWindows * kFeaturesPerWindow);
  ASSERT_EQ(MicroSpeechWindowCount(MicroSpeechFrontendParams(), audio.size()), kWindows);

  MicroSpeechFrontend frontend;
  std::vector<int8_t> features(kWindows * kFeaturesPerWindow);
  ASSERT_EQ(frontend.ProcessClip(audio.data(), audio.size(), features.data(), kWindows), kWindows);

  int max_abs_diff = 0;
  size_t differing = 0;
  for (size_t i = 0; i < features.size(); ++i) {
    const int diff = std::abs(features[i] - static_cast<int8_t>(reference[i]));
    max_abs_diff = std::max(max_abs_diff, diff);
    differing += diff != 0;
  }
  std::cout << "[ micro_speech ] " << name << ": max |diff| " << max_abs_diff << ", " << differing
            << " of " << features.size() << " features differ\n";
  RecordProperty("max_abs_diff", max_abs_diff);
  RecordProperty("differing", static_cast<int>(differing));
  EXPECT_LE(max_abs_diff, 1);
  EXPECT_EQ(differing, 0u);
}

INSTANTIATE_TEST_SUITE_P(Clips, SpeechClipTest, ::testing::Values("yes", "no", "silence", "noise"));

// A deterministic, speech-like test signal: two tones and a little noise.
std::vector<int16_t> TestSignal(size_t n) {
  std::vector<int16_t> out(n);
  uint32_t seed = 12345;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1664525u + 1013904223u;
    const int noise = static_cast<int>(seed >> 24) - 128;
    const int tone = static_cast<int>(3000 * ((i / 20) % 2 ? 1 : -1)) +
                     static_cast<int>((i * 7919) % 2001) - 1000;
    out[i] = static_cast<int16_t>(tone + noise);
  }
  return out;
}

TEST(MicroSpeechFrontendTest, ProcessClipResetsThenEqualsWindowByWindow) {
  const std::vector<int16_t> audio = TestSignal(16000);
  MicroSpeechFrontend clip_frontend;
  std::vector<int8_t> warm(kFeaturesPerWindow);
  clip_frontend.ProcessWindow(audio.data() + 1000,
                              warm.data());  // state that ProcessClip must forget
  std::vector<int8_t> from_clip(49 * kFeaturesPerWindow);
  ASSERT_EQ(clip_frontend.ProcessClip(audio.data(), audio.size(), from_clip.data(), 49), 49u);

  MicroSpeechFrontend window_frontend;
  std::vector<int8_t> by_window(49 * kFeaturesPerWindow);
  for (size_t w = 0; w < 49; ++w) {
    window_frontend.ProcessWindow(audio.data() + w * 320,
                                  by_window.data() + w * kFeaturesPerWindow);
  }
  EXPECT_EQ(from_clip, by_window);
}

TEST(MicroSpeechFrontendTest, StateCarriesAcrossWindowsAndResetForgetsIt) {
  const std::vector<int16_t> audio = TestSignal(kWindowSamples);
  MicroSpeechFrontend frontend;
  int8_t first[kFeaturesPerWindow], second[kFeaturesPerWindow], after_reset[kFeaturesPerWindow];
  frontend.ProcessWindow(audio.data(), first);
  frontend.ProcessWindow(audio.data(), second);
  frontend.Reset();
  frontend.ProcessWindow(audio.data(), after_reset);
  // The noise estimate grows toward a repeated signal, so the second window
  // comes out lower; after Reset the first window's output comes back.
  EXPECT_FALSE(std::equal(first, first + kFeaturesPerWindow, second));
  EXPECT_TRUE(std::equal(first, first + kFeaturesPerWindow, after_reset));
}

TEST(MicroSpeechFrontendTest, ProcessClipStopsAtMaxWindows) {
  const std::vector<int16_t> audio = TestSignal(16000);
  MicroSpeechFrontend frontend;
  std::vector<int8_t> features(10 * kFeaturesPerWindow + 1, 42);
  EXPECT_EQ(frontend.ProcessClip(audio.data(), audio.size(), features.data(), 10), 10u);
  EXPECT_EQ(features.back(), 42);  // nothing written past 10 windows
}

TEST(MicroSpeechFrontendTest, WindowCountFollowsFromTheParameters) {
  MicroSpeechFrontendParams params;
  EXPECT_EQ(MicroSpeechWindowCount(params, 0), 0u);
  EXPECT_EQ(MicroSpeechWindowCount(params, 479), 0u);
  EXPECT_EQ(MicroSpeechWindowCount(params, 480), 1u);
  EXPECT_EQ(MicroSpeechWindowCount(params, 799), 1u);
  EXPECT_EQ(MicroSpeechWindowCount(params, 800), 2u);
  EXPECT_EQ(MicroSpeechWindowCount(params, 16000), 49u);
  params.stride_samples = 160;
  EXPECT_EQ(MicroSpeechWindowCount(params, 16000), 98u);  // 1 + 15520 / 160
}

TEST(MicroSpeechFrontendTest, DefaultsAreValidAndBadFieldsAreNamed) {
  EXPECT_EQ(ValidateMicroSpeechFrontendParams(MicroSpeechFrontendParams()), nullptr);
  struct Case {
    void (*break_it)(MicroSpeechFrontendParams&);
    const char* field;
  };
  const Case cases[] = {
      {[](MicroSpeechFrontendParams& p) { p.stride_samples = 0; }, "stride_samples:"},
      {[](MicroSpeechFrontendParams& p) { p.window_shift = 31; }, "window_shift:"},
      {[](MicroSpeechFrontendParams& p) { p.energy_end_bin = 258; }, "energy_end_bin:"},
      {[](MicroSpeechFrontendParams& p) { p.energy_start_bin = 242; }, "energy_start_bin:"},
      {[](MicroSpeechFrontendParams& p) { p.noise_reduction.smoothing_bits = 32; },
       "noise_reduction.smoothing_bits:"},
      {[](MicroSpeechFrontendParams& p) { p.noise_reduction.spectral_subtraction_bits = -1; },
       "noise_reduction.spectral_subtraction_bits:"},
      {[](MicroSpeechFrontendParams& p) { p.pcan_snr_shift = 64; }, "pcan_snr_shift:"},
      {[](MicroSpeechFrontendParams& p) { p.log_correction_bits = 32; }, "log_correction_bits:"},
      {[](MicroSpeechFrontendParams& p) { p.log_output_scale = 0; }, "log_output_scale:"},
      {[](MicroSpeechFrontendParams& p) { p.int8.divisor = 0; }, "int8.divisor:"},
      {[](MicroSpeechFrontendParams& p) { p.int8.multiplier = 40000; }, "int8.multiplier:"},
      {[](MicroSpeechFrontendParams& p) { p.int8.offset = 1 << 25; }, "int8.offset:"},
  };
  for (const Case& c : cases) {
    MicroSpeechFrontendParams params;
    c.break_it(params);
    const char* message = ValidateMicroSpeechFrontendParams(params);
    ASSERT_NE(message, nullptr) << c.field;
    EXPECT_EQ(std::string(message).rfind(c.field, 0), 0u) << message;
    EXPECT_EQ(std::string(message).find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace mote::dsp::micro_speech
