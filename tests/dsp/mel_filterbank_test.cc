// The mel scale and filterbank against the textbook formulas in double
// precision (tests/dsp/reference_features.cc).
#include "micro/dsp/mel_filterbank.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "dsp/reference_features.h"

namespace mote::dsp {
namespace {

TEST(MelScaleTest, KnownPointsAndRoundTrip) {
  // HTK: 700 Hz is 2595 * log10(2); Slaney: 1 kHz is 15 mel, 6.4 kHz is 42.
  EXPECT_NEAR(HzToMel(700.0f, MelScale::kHtk), 2595.0 * std::log10(2.0), 1e-3);
  EXPECT_NEAR(HzToMel(1000.0f, MelScale::kSlaney), 15.0, 1e-5);
  EXPECT_NEAR(HzToMel(6400.0f, MelScale::kSlaney), 42.0, 1e-4);
  EXPECT_NEAR(HzToMel(500.0f, MelScale::kSlaney), 7.5, 1e-5);
  for (MelScale scale : {MelScale::kHtk, MelScale::kSlaney}) {
    for (float hz : {0.0f, 20.0f, 300.0f, 999.0f, 1000.0f, 4000.0f, 8000.0f, 22050.0f}) {
      EXPECT_NEAR(MelToHz(HzToMel(hz, scale), scale), hz, 1e-5 * hz + 1e-4) << hz;
    }
  }
}

std::vector<std::vector<double>> Densify(const MelFilterbank& bank, uint32_t fft_length) {
  std::vector<std::vector<double>> dense(bank.num_filters, std::vector<double>(fft_length / 2 + 1, 0.0));
  const float* w = bank.weights;
  for (uint32_t m = 0; m < bank.num_filters; ++m) {
    for (uint32_t i = 0; i < bank.bin_count[m]; ++i) dense[m][bank.first_bin[m] + i] = *w++;
  }
  return dense;
}

struct BankCase {
  float sample_rate;
  uint32_t fft_length;
  uint16_t num_filters;
  float low_freq, high_freq;
};

TEST(MelFilterbankTest, WeightsMatchTextbookFormulas) {
  const BankCase cases[] = {
      {16000, 512, 40, 0, 0},       // speech defaults
      {16000, 256, 32, 300, 8000},  // Edge Impulse's MFCC defaults, shorter FFT
      {8000, 256, 23, 64, 3800},    // telephone band
      {44100, 2048, 128, 0, 0},     // music
  };
  for (const BankCase& c : cases) {
    for (MelScale scale : {MelScale::kHtk, MelScale::kSlaney}) {
      for (MelNorm norm : {MelNorm::kNone, MelNorm::kSlaney}) {
        MelParams params{c.sample_rate, c.num_filters, c.low_freq, c.high_freq, scale, norm};
        std::vector<unsigned char> memory(MelFilterbankArenaBytes(params, c.fft_length) + kArenaAlign - 1);
        Arena arena(memory.data(), memory.size());
        MelFilterbank bank;
        ASSERT_EQ(InitMelFilterbank(params, c.fft_length, &arena, &bank), DspStatus::kOk);
        const auto got = Densify(bank, c.fft_length);
        const auto want = testing::ReferenceMelWeights(params, c.fft_length);
        // Per filter: largest weight error over the filter's peak weight.
        double worst = 0.0;
        for (size_t m = 0; m < want.size(); ++m) {
          double error = 0.0, peak = 0.0;
          for (size_t k = 0; k < want[m].size(); ++k) {
            error = std::max(error, std::abs(got[m][k] - want[m][k]));
            peak = std::max(peak, want[m][k]);
          }
          worst = std::max(worst, peak > 0 ? error / peak : error);
        }
        std::printf("[ measure  ] mel weights sr=%g fft=%u filters=%u scale=%d norm=%d: max rel error %.2e\n",
                    c.sample_rate, c.fft_length, c.num_filters, static_cast<int>(scale), static_cast<int>(norm), worst);
        EXPECT_LT(worst, 1e-4) << c.sample_rate << " " << c.fft_length << " scale " << static_cast<int>(scale);
      }
    }
  }
}

TEST(MelFilterbankTest, SlaneyNormGivesUnitAreaInHz) {
  // With unit area in Hz, the weights of a filter summed over bins times the
  // bin spacing is about 1 (exactly 1 for the continuous triangle).
  MelParams params{16000, 40, 0, 0, MelScale::kSlaney, MelNorm::kSlaney};
  const uint32_t fft_length = 4096;
  std::vector<unsigned char> memory(MelFilterbankArenaBytes(params, fft_length) + kArenaAlign - 1);
  Arena arena(memory.data(), memory.size());
  MelFilterbank bank;
  ASSERT_EQ(InitMelFilterbank(params, fft_length, &arena, &bank), DspStatus::kOk);
  const float* w = bank.weights;
  for (uint32_t m = 0; m < bank.num_filters; ++m) {
    double area = 0.0;
    for (uint32_t i = 0; i < bank.bin_count[m]; ++i) area += *w++ * (16000.0 / fft_length);
    EXPECT_NEAR(area, 1.0, 0.05) << "filter " << m;
  }
}

TEST(MelFilterbankTest, ApplySumsWeightedPower) {
  MelParams params{16000, 10, 100, 4000, MelScale::kHtk, MelNorm::kNone};
  const uint32_t fft_length = 128;
  std::vector<unsigned char> memory(MelFilterbankArenaBytes(params, fft_length) + kArenaAlign - 1);
  Arena arena(memory.data(), memory.size());
  MelFilterbank bank;
  ASSERT_EQ(InitMelFilterbank(params, fft_length, &arena, &bank), DspStatus::kOk);
  std::vector<float> power(fft_length / 2 + 1);
  for (size_t k = 0; k < power.size(); ++k) power[k] = 1.0f + static_cast<float>(k % 7);
  std::vector<float> energies(params.num_filters);
  ApplyMelFilterbank(bank, power.data(), energies.data());
  const auto weights = testing::ReferenceMelWeights(params, fft_length);
  for (uint32_t m = 0; m < params.num_filters; ++m) {
    double want = 0.0;
    for (size_t k = 0; k < power.size(); ++k) want += weights[m][k] * power[k];
    EXPECT_NEAR(energies[m], want, 1e-4 * want) << m;
  }
}

TEST(MelFilterbankTest, TooSmallArenaTakesNothing) {
  MelParams params;
  const size_t need = MelFilterbankArenaBytes(params, 512);
  std::vector<unsigned char> memory(need);
  Arena arena(memory.data(), need - 1);
  MelFilterbank bank;
  EXPECT_EQ(InitMelFilterbank(params, 512, &arena, &bank), DspStatus::kBufferTooSmall);
  EXPECT_EQ(arena.bytes_left(), need - 1);
}

}  // namespace
}  // namespace mote::dsp
