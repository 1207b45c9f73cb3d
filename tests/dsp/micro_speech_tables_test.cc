// The generated tables of the micro_speech front end against their defining
// formulas, recomputed here in double precision (the generator is
// tools/gen_micro_speech_tables.py; this is an independent check of what it
// wrote).

#include "micro/dsp/micro_speech/micro_speech_tables.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace mote::dsp::micro_speech {
namespace {

TEST(MicroSpeechTablesTest, HannWindowIsTheRoundedQ12Formula) {
  for (size_t i = 0; i < kWindowSamples; ++i) {
    const double w =
        0.5 - 0.5 * std::cos(2 * std::numbers::pi * (static_cast<double>(i) + 0.5) / kWindowSamples);
    ASSERT_EQ(kHannWindowQ12[i], std::floor(w * 4096 + 0.5)) << i;
  }
}

TEST(MicroSpeechTablesTest, LogCorrectionIsLog2OnePlusFMinusF) {
  for (size_t i = 0; i < kLogCorrectionSize; ++i) {
    const double f = static_cast<double>(i) / 128;
    ASSERT_EQ(kLogCorrectionQ16[i], std::lround((std::log2(1 + f) - f) * 65536)) << i;
  }
}

int16_t Q15(double v) { return static_cast<int16_t>(std::floor(0.5 + 32767 * v)); }

TEST(MicroSpeechTablesTest, TwiddlesAreRoundedQ15RootsOfUnity) {
  for (size_t k = 0; k < kFftTwiddleCount; ++k) {
    const size_t r = k / 12, j = k / 4 % 3 + 1, l = k % 4;
    const double phase = -2 * std::numbers::pi * static_cast<double>(j * (4 * r + l)) / 256;
    ASSERT_EQ(kFftTwiddlesQ15[2 * k], Q15(std::cos(phase))) << k;
    ASSERT_EQ(kFftTwiddlesQ15[2 * k + 1], Q15(std::sin(phase))) << k;
  }
  for (size_t k = 0; k < kSplitTwiddleCount; ++k) {
    const double phase = -std::numbers::pi * ((static_cast<double>(k) + 1) / 256 + 0.5);
    ASSERT_EQ(kSplitTwiddlesQ15[2 * k], Q15(std::cos(phase))) << k;
    ASSERT_EQ(kSplitTwiddlesQ15[2 * k + 1], Q15(std::sin(phase))) << k;
  }
}

int PcanGain(double x) {
  const double g = std::ldexp(std::pow(x / 128 + 80, -0.95), 21);
  return g > 32767 ? 32767 : static_cast<int>(g + 0.5);
}

TEST(MicroSpeechTablesTest, PcanLutHoldsTheQuadraticThroughThreeGainsPerOctave) {
  EXPECT_EQ(kPcanGainLut[0], PcanGain(0));
  EXPECT_EQ(kPcanGainLut[1], PcanGain(1));
  for (int interval = 2; interval <= 32; ++interval) {
    const double x0 = std::ldexp(1.0, interval - 1);
    const double x2 = interval == 32 ? 2 * x0 - 1 : 2 * x0;
    const int y0 = PcanGain(x0), y1 = PcanGain(1.5 * x0), y2 = PcanGain(x2);
    // y(t) = y0 + a1 t + a2 t^2 with t = 0, 1/2, 1 at x0, 1.5 x0, x2.
    const int a1 = 4 * (y1 - y0) - (y2 - y0);
    const int a2 = (y2 - y0) - a1;
    const int16_t* segment = kPcanGainLut + 4 * interval - 6;
    ASSERT_EQ(segment[0], y0) << interval;
    ASSERT_EQ(segment[1], a1) << interval;
    ASSERT_EQ(segment[2], a2) << interval;
  }
}

double Mel(double hz) { return 1127.0 * std::log1p(hz / 700.0); }

TEST(MicroSpeechTablesTest, FilterbankWeightsAreTriangularMelWeightsInQ12) {
  // 41 mel points evenly spaced from 125 Hz to 7500 Hz (exclusive of the
  // low end); bin k sits at k * 31.25 Hz. A bin between centres c-1 and c
  // has weight (centre_c - mel) / (centre_c - centre_c-1), truncated to Q12.
  const double mel_low = Mel(125.0);
  const double spacing = (Mel(7500.0) - mel_low) / (kNumChannels + 1);
  std::vector<int> uses(kSpectrumBins, 0);
  for (size_t c = 0; c <= kNumChannels; ++c) {
    const double centre = mel_low + spacing * static_cast<double>(c + 1);
    const double previous = c == 0 ? mel_low : centre - spacing;
    for (int j = 0; j < kFilterbankWidths[c]; ++j) {
      const int16_t weight = kFilterbankWeights[kFilterbankWeightStarts[c] + j];
      const int16_t unweight = kFilterbankUnweights[kFilterbankWeightStarts[c] + j];
      if (weight == 0 && unweight == 0) continue;  // alignment padding
      const size_t bin = static_cast<size_t>(kFilterbankFrequencyStarts[c] + j);
      const double w = (centre - Mel(static_cast<double>(bin) * 31.25)) / (centre - previous);
      ASSERT_GE(w, 0.0) << "channel " << c << " bin " << bin;
      ASSERT_LE(w, 1.0) << "channel " << c << " bin " << bin;
      EXPECT_NEAR(weight, w * 4096, 1.0) << "channel " << c << " bin " << bin;
      EXPECT_NEAR(unweight, (1 - w) * 4096, 1.0) << "channel " << c << " bin " << bin;
      ++uses[bin];
    }
  }
  // Every bin from 5 (the first above 125 Hz + half a bin) to 240 belongs
  // to exactly one channel's rising edge (and so to the next one's falling edge).
  for (size_t bin = 0; bin < kSpectrumBins; ++bin) {
    EXPECT_EQ(uses[bin], bin >= 5 && bin < 241 ? 1 : 0) << "bin " << bin;
  }
}

}  // namespace
}  // namespace mote::dsp::micro_speech
