// The fixed-point blocks against the float blocks on the same int16 input:
// the deviations measured here are the ones docs/dsp.md documents.
//
// The Q15 FFT resolves a frame's bins to about 70 dB below its strongest
// one, so the deviation grows for features far below their frame's peak.
// MFE and spectrogram: largest |Q15 dB - float dB| over the features within
// 20, 40 and 60 dB of their frame's strongest value, and over all. MFCC:
// largest absolute coefficient difference, and that divided by the frame's
// largest |float coefficient| (the metric of the float tests), with the
// default -100 dB floor and with a -50 dB floor that keeps quiet filters
// out of reach of the FFT's noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "dsp/dsp_test_util.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/mfe_q15.h"
#include "micro/dsp/spectrogram.h"
#include "micro/dsp/spectrogram_q15.h"

namespace mote::dsp {
namespace {

// Bounds: the measured figures (docs/dsp.md) with some margin.
constexpr double kMfeDbWithin20 = 0.1, kMfeDbWithin40 = 0.5;
constexpr double kSpectrogramDbWithin20 = 0.1, kSpectrogramDbWithin40 = 1.0;

using testing::SpeechLikeSignal;
using testing::ToQ15;

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

// Runs a float block and its Q15 twin on `pcm`; returns (float, Q15 / 64).
template <typename Float, typename Fixed, typename Params>
std::pair<std::vector<float>, std::vector<float>> RunBoth(const Params& params, const std::vector<int16_t>& pcm,
                                                          FeatureShape shape) {
  Built<Float, Params> floating(params);
  Built<Fixed, Params> fixed(params);
  EXPECT_EQ(floating.status, DspStatus::kOk);
  EXPECT_EQ(fixed.status, DspStatus::kOk);
  const Signal signal(pcm.data(), static_cast<uint32_t>(pcm.size()));
  std::vector<float> want(shape.size());
  std::vector<int16_t> got(shape.size());
  EXPECT_EQ(floating.block.Compute(signal, want.data(), want.size()), DspStatus::kOk);
  EXPECT_EQ(fixed.block.Compute(signal, got.data(), got.size()), DspStatus::kOk);
  std::vector<float> got_float;
  for (int16_t v : got) got_float.push_back(v * kFeatureStep);
  return {want, got_float};
}

// Largest dB error within 20, 40, 60 dB of each frame's peak, and overall.
struct DbDeviation {
  double within[3] = {0.0, 0.0, 0.0};
  double all = 0.0;

  void Add(const DbDeviation& d) {
    for (int i = 0; i < 3; ++i) within[i] = std::max(within[i], d.within[i]);
    all = std::max(all, d.all);
  }
  void Print(const char* what) const {
    std::printf("[ measure  ] %s vs float: max |dB error| %.3f / %.3f / %.3f within 20 / 40 / 60 dB of the frame peak, "
                "%.3f over all\n", what, within[0], within[1], within[2], all);
  }
};

DbDeviation MeasureDb(const std::vector<float>& want, const std::vector<float>& got, FeatureShape shape) {
  DbDeviation d;
  for (uint32_t t = 0; t < shape.frames; ++t) {
    const float* w = want.data() + size_t{t} * shape.features;
    const float* g = got.data() + size_t{t} * shape.features;
    const float peak = *std::max_element(w, w + shape.features);
    for (uint32_t i = 0; i < shape.features; ++i) {
      const double error = std::abs(w[i] - g[i]);
      d.all = std::max(d.all, error);
      for (int band = 0; band < 3; ++band) {
        if (w[i] >= peak - 20.0f * (band + 1)) d.within[band] = std::max(d.within[band], error);
      }
    }
  }
  return d;
}

// Speech-like clips at three levels: full scale, -20 dB, -40 dB.
std::vector<std::vector<int16_t>> Clips() {
  std::vector<std::vector<int16_t>> clips;
  for (double gain : {1.0, 0.1, 0.01}) {
    auto x = SpeechLikeSignal(16000, 16000.0, 11);
    for (double& v : x) v *= gain;
    clips.push_back(ToQ15(x));
  }
  return clips;
}

TEST(FixedLogTest, Log2WithinDocumentedError) {
  double worst = 0.0;
  for (uint64_t x = 1; x < (uint64_t{1} << 62); x = x * 3 / 2 + 1) {
    worst = std::max(worst, std::abs(Log2Q16(x) / 65536.0 - std::log2(static_cast<double>(x))));
  }
  for (uint64_t x = 1; x < 5000; ++x) {
    worst = std::max(worst, std::abs(Log2Q16(x) / 65536.0 - std::log2(static_cast<double>(x))));
  }
  std::printf("[ measure  ] Log2Q16 max error %.2e\n", worst);
  EXPECT_LT(worst, 2.5e-4);
  EXPECT_EQ(Log2Q16(1), 0);
  EXPECT_EQ(Log2Q16(1024), 10 * 65536);
}

TEST(FixedLogTest, DecibelsAndLnWithFloors) {
  // 1000 * 2^-10 is 0.9765625: -0.103 dB, ln = -0.0237.
  EXPECT_NEAR(DecibelsFeature(1000, -10, -6400) / 64.0, 10 * std::log10(1000.0 / 1024), 1.0 / 64);
  EXPECT_EQ(DecibelsFeature(0, 0, -6400), -6400);
  EXPECT_EQ(DecibelsFeature(1, -60, -6400), -6400);  // -180.6 dB, below the floor
  EXPECT_EQ(DecibelsFeature(uint64_t{1} << 60, 200, -6400), 32767);  // 782 dB saturates
  EXPECT_NEAR(LnQ16(1000, -10, LnFloorQ16(-100)) / 65536.0, std::log(1000.0 / 1024), 2e-4);
  EXPECT_EQ(LnQ16(0, 0, LnFloorQ16(-100)), LnFloorQ16(-100));
  EXPECT_NEAR(LnFloorQ16(-100) / 65536.0, std::log(1e-10), 1e-4);
  EXPECT_EQ(FeatureFromFloat(-100.0f), -6400);
  EXPECT_EQ(FeatureFromFloat(1000.0f), 32767);
}

TEST(MfeQ15Test, DeviationFromFloat) {
  MfeParams params;  // 480 / 320 / 512, 40 HTK filters, -100 dB floor
  params.frame.pre_emphasis = 0.97f;
  DbDeviation worst;
  for (const auto& pcm : Clips()) {
    const FeatureShape shape = MfeOutputShape(params, 16000);
    const auto [want, got] = RunBoth<Mfe, MfeQ15>(params, pcm, shape);
    worst.Add(MeasureDb(want, got, shape));
  }
  worst.Print("mfe_q15");
  EXPECT_LT(worst.within[0], kMfeDbWithin20);
  EXPECT_LT(worst.within[1], kMfeDbWithin40);
}

TEST(MfeQ15Test, SlaneyNormAndSilence) {
  MfeParams params;
  params.mel.mel_scale = MelScale::kSlaney;
  params.mel.mel_norm = MelNorm::kSlaney;
  params.noise_floor_db = -80.0f;
  const auto pcm = Clips()[1];
  const FeatureShape shape = MfeOutputShape(params, 16000);
  const auto [want, got] = RunBoth<Mfe, MfeQ15>(params, pcm, shape);
  const DbDeviation d = MeasureDb(want, got, shape);
  d.Print("mfe_q15 (Slaney, area norm)");
  EXPECT_LT(d.within[0], kMfeDbWithin20);
  EXPECT_LT(d.within[1], kMfeDbWithin40);

  Built<MfeQ15, MfeParams> fixed(params);
  const std::vector<int16_t> silence(2000, 0);
  std::vector<int16_t> out(params.mel.num_filters);
  fixed.block.ComputeFrame({silence.data(), 2000}, 0, out.data());
  for (int16_t v : out) EXPECT_EQ(v, -80 * 64);
}

TEST(SpectrogramQ15Test, DeviationFromFloat) {
  SpectrogramParams params;
  params.frame = {256, 128, 256, Padding::kCenter, WindowType::kHamming, 0.0f};
  params.noise_floor_db = -90.0f;
  DbDeviation worst;
  for (const auto& pcm : Clips()) {
    const FeatureShape shape = SpectrogramOutputShape(params, 16000);
    const auto [want, got] = RunBoth<Spectrogram, SpectrogramQ15>(params, pcm, shape);
    worst.Add(MeasureDb(want, got, shape));
  }
  worst.Print("spectrogram_q15");
  EXPECT_LT(worst.within[0], kSpectrogramDbWithin20);
  EXPECT_LT(worst.within[1], kSpectrogramDbWithin40);
}

struct CepstralDeviation {
  double absolute = 0.0;
  double relative = 0.0;
};

CepstralDeviation MeasureMfcc(float noise_floor_db) {
  MfccParams params;  // 480 / 320 / 512, 40 filters, 13 coefficients, lifter 22
  params.frame.pre_emphasis = 0.97f;
  params.noise_floor_db = noise_floor_db;
  double worst_abs = 0.0, worst_rel = 0.0;
  for (const auto& pcm : Clips()) {
    const FeatureShape shape = MfccOutputShape(params, 16000);
    const auto [want, got] = RunBoth<Mfcc, MfccQ15>(params, pcm, shape);
    for (uint32_t t = 0; t < shape.frames; ++t) {
      double error = 0.0, scale = 0.0;
      for (uint32_t j = 0; j < shape.features; ++j) {
        const size_t i = size_t{t} * shape.features + j;
        error = std::max(error, static_cast<double>(std::abs(want[i] - got[i])));
        scale = std::max(scale, static_cast<double>(std::abs(want[i])));
      }
      worst_abs = std::max(worst_abs, error);
      worst_rel = std::max(worst_rel, error / scale);
    }
  }
  std::printf("[ measure  ] mfcc_q15 vs float, floor %.0f dB: max |error| %.3f, max error / frame's max |c| %.2e\n",
              noise_floor_db, worst_abs, worst_rel);
  return {worst_abs, worst_rel};
}

TEST(MfccQ15Test, DeviationFromFloat) {
  // With a -100 dB floor, filters 70-80 dB below a frame's peak (below the
  // Q15 FFT's reach) can differ by tens of dB and move the coefficients a
  // lot; a -50 dB floor keeps them out of play.
  const CepstralDeviation deep = MeasureMfcc(-100.0f);
  const CepstralDeviation shallow = MeasureMfcc(-50.0f);
  EXPECT_LT(deep.relative, 0.5);
  EXPECT_LT(shallow.absolute, 1.0);
  EXPECT_LT(shallow.relative, 0.02);
}

TEST(MfccQ15Test, FloatSignalIsReadAsQ15) {
  MfccParams params;
  Built<MfccQ15, MfccParams> fixed(params);
  ASSERT_EQ(fixed.status, DspStatus::kOk);
  const auto pcm = Clips()[0];
  std::vector<float> x;
  for (int16_t v : pcm) x.push_back(v / 32768.0f);
  std::vector<int16_t> from_pcm(49 * 13), from_float(49 * 13);
  ASSERT_EQ(fixed.block.Compute({pcm.data(), 16000}, from_pcm.data(), from_pcm.size()), DspStatus::kOk);
  ASSERT_EQ(fixed.block.Compute({x.data(), 16000}, from_float.data(), from_float.size()), DspStatus::kOk);
  EXPECT_EQ(from_pcm, from_float);
  EXPECT_EQ(fixed.block.Compute({x.data(), 16000}, from_float.data(), from_float.size() - 1),
            DspStatus::kBufferTooSmall);
}

}  // namespace
}  // namespace mote::dsp
