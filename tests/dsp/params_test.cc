// Parameter validation and output shapes of the DSP blocks.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include "micro/dsp/dsp_status.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/mfe_q15.h"
#include "micro/dsp/rfft_q15.h"
#include "micro/dsp/spectrogram.h"
#include "micro/dsp/spectrogram_q15.h"

namespace mote::dsp {
namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// Applies `change` to default MFCC params and returns Validate()'s verdict.
template <typename Change>
DspStatus MfccWith(Change change) {
  MfccParams params;
  change(params);
  return params.Validate();
}

TEST(ParamsTest, DefaultsAreValid) {
  EXPECT_EQ(MfccParams().Validate(), DspStatus::kOk);
  EXPECT_EQ(MfeParams().Validate(), DspStatus::kOk);
  EXPECT_EQ(SpectrogramParams().Validate(), DspStatus::kOk);
}

TEST(ParamsTest, EachBadFieldIsNamed) {
  using P = MfccParams&;
  EXPECT_EQ(MfccWith([](P p) { p.frame.fft_length = 500; }), DspStatus::kBadFftLength);
  EXPECT_EQ(MfccWith([](P p) { p.frame.fft_length = 8192; }), DspStatus::kBadFftLength);
  EXPECT_EQ(MfccWith([](P p) { p.frame.fft_length = 8; }), DspStatus::kBadFftLength);
  EXPECT_EQ(MfccWith([](P p) { p.frame.frame_length = 0; }), DspStatus::kBadFrameLength);
  EXPECT_EQ(MfccWith([](P p) { p.frame.frame_length = 513; }), DspStatus::kBadFrameLength);
  EXPECT_EQ(MfccWith([](P p) { p.frame.frame_stride = 0; }), DspStatus::kBadFrameStride);
  EXPECT_EQ(MfccWith([](P p) { p.frame.padding = static_cast<Padding>(3); }), DspStatus::kBadPadding);
  EXPECT_EQ(MfccWith([](P p) { p.frame.window = static_cast<WindowType>(9); }), DspStatus::kBadWindow);
  EXPECT_EQ(MfccWith([](P p) { p.frame.pre_emphasis = 1.0f; }), DspStatus::kBadPreEmphasis);
  EXPECT_EQ(MfccWith([](P p) { p.frame.pre_emphasis = -0.1f; }), DspStatus::kBadPreEmphasis);
  EXPECT_EQ(MfccWith([](P p) { p.frame.pre_emphasis = kNan; }), DspStatus::kBadPreEmphasis);
  EXPECT_EQ(MfccWith([](P p) { p.mel.sample_rate = 0.0f; }), DspStatus::kBadSampleRate);
  EXPECT_EQ(MfccWith([](P p) { p.mel.sample_rate = kNan; }), DspStatus::kBadSampleRate);
  EXPECT_EQ(MfccWith([](P p) { p.mel.sample_rate = kInf; }), DspStatus::kBadSampleRate);
  EXPECT_EQ(MfccWith([](P p) { p.mel.num_filters = 0; }), DspStatus::kBadFilterCount);
  EXPECT_EQ(MfccWith([](P p) { p.mel.num_filters = 258; }), DspStatus::kBadFilterCount);
  EXPECT_EQ(MfccWith([](P p) { p.mel.low_freq = -1.0f; }), DspStatus::kBadFrequencyRange);
  EXPECT_EQ(MfccWith([](P p) { p.mel.high_freq = 8001.0f; }), DspStatus::kBadFrequencyRange);
  EXPECT_EQ(MfccWith([](P p) { p.mel.low_freq = 8000.0f; }), DspStatus::kBadFrequencyRange);
  EXPECT_EQ(MfccWith([](P p) { p.mel.low_freq = 500.0f; p.mel.high_freq = 400.0f; }), DspStatus::kBadFrequencyRange);
  EXPECT_EQ(MfccWith([](P p) { p.mel.low_freq = kNan; }), DspStatus::kBadFrequencyRange);
  EXPECT_EQ(MfccWith([](P p) { p.mel.mel_scale = static_cast<MelScale>(2); }), DspStatus::kBadMelScale);
  EXPECT_EQ(MfccWith([](P p) { p.mel.mel_norm = static_cast<MelNorm>(2); }), DspStatus::kBadMelNorm);
  EXPECT_EQ(MfccWith([](P p) { p.num_cepstral = 0; }), DspStatus::kBadCepstralCount);
  EXPECT_EQ(MfccWith([](P p) { p.num_cepstral = 41; }), DspStatus::kBadCepstralCount);
  EXPECT_EQ(MfccWith([](P p) { p.lifter = -1.0f; }), DspStatus::kBadLifter);
  EXPECT_EQ(MfccWith([](P p) { p.lifter = kInf; }), DspStatus::kBadLifter);
  EXPECT_EQ(MfccWith([](P p) { p.noise_floor_db = kNan; }), DspStatus::kBadNoiseFloor);
  // Boundaries that are allowed.
  EXPECT_EQ(MfccWith([](P p) { p.frame.frame_length = 512; p.mel.high_freq = 8000.0f; p.lifter = 0.0f; }),
            DspStatus::kOk);
  EXPECT_EQ(MfccWith([](P p) { p.num_cepstral = 40; p.frame.pre_emphasis = 0.99f; }), DspStatus::kOk);

  MfeParams mfe;
  mfe.noise_floor_db = -kInf;
  EXPECT_EQ(mfe.Validate(), DspStatus::kBadNoiseFloor);
  SpectrogramParams spectrogram;
  spectrogram.frame.frame_stride = 0;
  EXPECT_EQ(spectrogram.Validate(), DspStatus::kBadFrameStride);
}

TEST(ParamsTest, EveryStatusHasAMessageNamingItsField) {
  EXPECT_STREQ(DspStatusMessage(DspStatus::kOk), "ok");
  for (int s = 1; s <= static_cast<int>(DspStatus::kBufferTooSmall); ++s) {
    const char* message = DspStatusMessage(static_cast<DspStatus>(s));
    ASSERT_NE(message, nullptr);
    EXPECT_STRNE(message, "unknown DSP status") << s;
  }
  EXPECT_NE(std::strstr(DspStatusMessage(DspStatus::kBadFftLength), "fft_length"), nullptr);
  EXPECT_STREQ(DspStatusMessage(static_cast<DspStatus>(200)), "unknown DSP status");
}

TEST(ParamsTest, InitReportsValidationErrors) {
  MfccParams params;
  params.num_cepstral = 0;
  std::vector<unsigned char> memory(1 << 16);
  Arena arena(memory.data(), memory.size());
  Mfcc mfcc;
  EXPECT_EQ(mfcc.Init(params, &arena), DspStatus::kBadCepstralCount);
  EXPECT_EQ(arena.bytes_left(), memory.size());
}

TEST(ParamsTest, OutputShapesFromParametersAlone) {
  MfccParams mfcc;  // 480 / 320 / 512, 40 filters, 13 coefficients
  EXPECT_EQ(MfccOutputShape(mfcc, 16000).frames, 49u);
  EXPECT_EQ(MfccOutputShape(mfcc, 16000).features, 13u);
  EXPECT_EQ(MfccOutputShape(mfcc, 479).frames, 0u);
  mfcc.frame.padding = Padding::kEnd;
  EXPECT_EQ(MfccOutputShape(mfcc, 16000).frames, 50u);  // ceil(15520 / 320) + 1
  mfcc.frame.padding = Padding::kCenter;
  EXPECT_EQ(MfccOutputShape(mfcc, 16000).frames, 51u);  // 16000 / 320 + 1

  MfeParams mfe;
  mfe.mel.num_filters = 32;
  EXPECT_EQ(MfeOutputShape(mfe, 8000).frames, 24u);
  EXPECT_EQ(MfeOutputShape(mfe, 8000).features, 32u);
  SpectrogramParams spectrogram;
  spectrogram.frame.fft_length = 256;
  spectrogram.frame.frame_length = 256;
  spectrogram.frame.frame_stride = 128;
  EXPECT_EQ(SpectrogramOutputShape(spectrogram, 1024).frames, 7u);
  EXPECT_EQ(SpectrogramOutputShape(spectrogram, 1024).features, 129u);
  EXPECT_EQ(SpectrogramOutputShape(spectrogram, 1024).size(), 7u * 129u);
}

TEST(ParamsTest, WorkspaceBytesIsExactlyEnough) {
  // An arena one byte short of ArenaBytes fails and takes nothing; the
  // exact size works, at every alignment of the raw buffer.
  MfccParams params;
  const size_t need = Mfcc::ArenaBytes(params);
  std::printf("[ measure  ] arena bytes, defaults (fft 512, frame 480, 40 filters, 13 cepstra): mfcc %zu, mfe %zu, "
              "spectrogram %zu, rfft_f32 %zu; mfcc_q15 %zu, mfe_q15 %zu, spectrogram_q15 %zu, rfft_q15 %zu\n",
              need, Mfe::ArenaBytes(MfeParams()), Spectrogram::ArenaBytes(SpectrogramParams()), RfftF32ArenaBytes(512),
              MfccQ15::ArenaBytes(params), MfeQ15::ArenaBytes(MfeParams()),
              SpectrogramQ15::ArenaBytes(SpectrogramParams()), RfftQ15ArenaBytes(512));
  std::vector<unsigned char> memory(Mfcc::WorkspaceBytes(params) + kArenaAlign);
  {
    Arena arena(memory.data(), need - 1);
    Mfcc mfcc;
    EXPECT_EQ(mfcc.Init(params, &arena), DspStatus::kBufferTooSmall);
    EXPECT_EQ(arena.bytes_left(), need - 1);
  }
  for (size_t offset = 0; offset < kArenaAlign; ++offset) {
    Arena arena(memory.data() + offset, Mfcc::WorkspaceBytes(params));
    Mfcc mfcc;
    EXPECT_EQ(mfcc.Init(params, &arena), DspStatus::kOk) << offset;
  }
  MfeParams mfe;
  std::vector<unsigned char> mfe_memory(Mfe::ArenaBytes(mfe) - 1);
  Arena mfe_arena(mfe_memory.data(), mfe_memory.size());
  Mfe mfe_block;
  EXPECT_EQ(mfe_block.Init(mfe, &mfe_arena), DspStatus::kBufferTooSmall);
  SpectrogramParams spec;
  std::vector<unsigned char> spec_memory(Spectrogram::ArenaBytes(spec) - 1);
  Arena spec_arena(spec_memory.data(), spec_memory.size());
  Spectrogram spec_block;
  EXPECT_EQ(spec_block.Init(spec, &spec_arena), DspStatus::kBufferTooSmall);
}

}  // namespace
}  // namespace mote::dsp
