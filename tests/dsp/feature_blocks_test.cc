// MFCC, MFE and spectrogram against double-precision references written from
// the textbook formulas (tests/dsp/reference_features.cc).
//
// Metric: for each frame, the largest absolute error over the frame's
// features divided by the frame's largest |reference feature|; the test
// reports and bounds the maximum over frames (< 1e-4).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "dsp/dsp_test_util.h"
#include "dsp/reference_features.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/spectrogram.h"

namespace mote::dsp {
namespace {

using testing::FromQ15;
using testing::MaxRowRelativeError;
using testing::SpeechLikeSignal;
using testing::ToFloat;
using testing::ToQ15;

// A block with its workspace, initialised from params.
template <typename Block, typename Params>
struct Built {
  explicit Built(const Params& params) : memory(Block::WorkspaceBytes(params)) {
    Arena arena(memory.data(), memory.size());
    status = block.Init(params, &arena);
  }
  std::vector<unsigned char> memory;
  Block block;
  DspStatus status;
};

// Frame settings covering each padding mode, window and pre-emphasis.
std::vector<FrameParams> FrameCases() {
  return {
      {480, 320, 512, Padding::kNone, WindowType::kHann, 0.0f},       // 30 ms / 20 ms at 16 kHz
      {400, 160, 512, Padding::kEnd, WindowType::kHamming, 0.97f},    // 25 ms / 10 ms, Kaldi-like
      {256, 128, 256, Padding::kCenter, WindowType::kHann, 0.98f},    // librosa-like
      {200, 100, 256, Padding::kEnd, WindowType::kRectangular, 0.0f}, // short FFT, rectangle
  };
}

std::string Describe(const FrameParams& f) {
  return "frame " + std::to_string(f.frame_length) + "/" + std::to_string(f.frame_stride) + " fft " +
         std::to_string(f.fft_length) + " pad " + std::to_string(static_cast<int>(f.padding)) + " window " +
         std::to_string(static_cast<int>(f.window)) + " pre " + std::to_string(f.pre_emphasis);
}

TEST(MfccTest, MatchesDoubleReference) {
  const auto signal = SpeechLikeSignal(8000, 16000.0, 1);
  for (const FrameParams& frame : FrameCases()) {
    for (MelScale scale : {MelScale::kHtk, MelScale::kSlaney}) {
      MfccParams params;
      params.frame = frame;
      params.mel = {16000.0f, 40, 20.0f, 7600.0f, scale, scale == MelScale::kSlaney ? MelNorm::kSlaney : MelNorm::kNone};
      Built<Mfcc, MfccParams> mfcc(params);
      ASSERT_EQ(mfcc.status, DspStatus::kOk);
      const FeatureShape shape = MfccOutputShape(params, static_cast<uint32_t>(signal.size()));
      const auto want = testing::ReferenceMfcc(params, signal);
      ASSERT_EQ(shape.frames, want.size()) << Describe(frame);
      std::vector<float> got(shape.size());
      const std::vector<float> x = ToFloat(signal);
      ASSERT_EQ(mfcc.block.Compute({x.data(), static_cast<uint32_t>(x.size())}, got.data(), got.size()), DspStatus::kOk);
      const double error = MaxRowRelativeError(got, want);
      std::printf("[ measure  ] mfcc %s mel %d: max rel error %.2e\n", Describe(frame).c_str(),
                  static_cast<int>(scale), error);
      EXPECT_LT(error, 1e-4) << Describe(frame);
    }
  }
}

TEST(MfccTest, Int16InputIsReadAsQ15) {
  // The int16 path must give what the float path gives on the same values.
  const std::vector<int16_t> pcm = ToQ15(SpeechLikeSignal(16000, 16000.0, 2));
  const std::vector<float> x = ToFloat(FromQ15(pcm));
  MfccParams params;
  Built<Mfcc, MfccParams> mfcc(params);
  ASSERT_EQ(mfcc.status, DspStatus::kOk);
  const FeatureShape shape = MfccOutputShape(params, 16000);
  EXPECT_EQ(shape.frames, 49u);  // 1 s at 16 kHz, 30 ms frames, 20 ms stride
  EXPECT_EQ(shape.features, 13u);
  std::vector<float> from_pcm(shape.size()), from_float(shape.size());
  ASSERT_EQ(mfcc.block.Compute({pcm.data(), 16000}, from_pcm.data(), from_pcm.size()), DspStatus::kOk);
  ASSERT_EQ(mfcc.block.Compute({x.data(), 16000}, from_float.data(), from_float.size()), DspStatus::kOk);
  EXPECT_EQ(from_pcm, from_float);
}

TEST(MfccTest, SilenceSitsOnTheNoiseFloor) {
  // All mel energies are raised to the floor, so only c0 is nonzero:
  // sqrt(M) * ln(floor), times the lifter gain of c0 (1).
  MfccParams params;
  params.noise_floor_db = -80.0f;
  Built<Mfcc, MfccParams> mfcc(params);
  ASSERT_EQ(mfcc.status, DspStatus::kOk);
  const std::vector<float> silence(1000, 0.0f);
  std::vector<float> out(params.num_cepstral);
  mfcc.block.ComputeFrame({silence.data(), 1000}, 0, out.data());
  EXPECT_NEAR(out[0], std::sqrt(40.0) * std::log(1e-8), 1e-3);
  for (size_t j = 1; j < out.size(); ++j) EXPECT_NEAR(out[j], 0.0, 1e-4) << j;
}

TEST(MfccTest, ComputeRejectsSmallOutput) {
  MfccParams params;
  Built<Mfcc, MfccParams> mfcc(params);
  ASSERT_EQ(mfcc.status, DspStatus::kOk);
  const std::vector<float> x(16000, 0.1f);
  std::vector<float> out(49 * 13, -1.0f);
  EXPECT_EQ(mfcc.block.Compute({x.data(), 16000}, out.data(), out.size() - 1), DspStatus::kBufferTooSmall);
  EXPECT_EQ(out[0], -1.0f);  // nothing written
}

TEST(MfeTest, MatchesDoubleReference) {
  const auto signal = SpeechLikeSignal(6000, 16000.0, 3);
  for (const FrameParams& frame : FrameCases()) {
    MfeParams params;
    params.frame = frame;
    params.mel = {16000.0f, 32, 0.0f, 0.0f, MelScale::kHtk, MelNorm::kNone};
    params.noise_floor_db = -72.0f;
    Built<Mfe, MfeParams> mfe(params);
    ASSERT_EQ(mfe.status, DspStatus::kOk);
    const FeatureShape shape = MfeOutputShape(params, static_cast<uint32_t>(signal.size()));
    const auto want = testing::ReferenceMfe(params, signal);
    ASSERT_EQ(shape.frames, want.size());
    ASSERT_EQ(shape.features, 32u);
    std::vector<float> got(shape.size());
    const std::vector<float> x = ToFloat(signal);
    ASSERT_EQ(mfe.block.Compute({x.data(), static_cast<uint32_t>(x.size())}, got.data(), got.size()), DspStatus::kOk);
    const double error = MaxRowRelativeError(got, want);
    std::printf("[ measure  ] mfe %s: max rel error %.2e\n", Describe(frame).c_str(), error);
    EXPECT_LT(error, 1e-4) << Describe(frame);
    for (float v : got) EXPECT_GE(v, -72.0f);
  }
}

TEST(SpectrogramTest, MatchesDoubleReference) {
  const auto signal = SpeechLikeSignal(5000, 16000.0, 4);
  for (const FrameParams& frame : FrameCases()) {
    SpectrogramParams params;
    params.frame = frame;
    params.noise_floor_db = -90.0f;
    Built<Spectrogram, SpectrogramParams> spectrogram(params);
    ASSERT_EQ(spectrogram.status, DspStatus::kOk);
    const FeatureShape shape = SpectrogramOutputShape(params, static_cast<uint32_t>(signal.size()));
    const auto want = testing::ReferenceSpectrogram(params, signal);
    ASSERT_EQ(shape.frames, want.size());
    ASSERT_EQ(shape.features, frame.fft_length / 2 + 1);
    std::vector<float> got(shape.size());
    const std::vector<float> x = ToFloat(signal);
    ASSERT_EQ(spectrogram.block.Compute({x.data(), static_cast<uint32_t>(x.size())}, got.data(), got.size()),
              DspStatus::kOk);
    const double error = MaxRowRelativeError(got, want);
    std::printf("[ measure  ] spectrogram %s: max rel error %.2e\n", Describe(frame).c_str(), error);
    EXPECT_LT(error, 1e-4) << Describe(frame);
  }
}

}  // namespace
}  // namespace mote::dsp
