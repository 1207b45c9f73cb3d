// The fixed-point stages of the micro_speech front end against independent
// double-precision references written from the textbook formulas, and their
// documented edge cases.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

#include "micro/dsp/micro_speech/bin_energy.h"
#include "micro/dsp/micro_speech/feature_int8.h"
#include "micro/dsp/micro_speech/fft_auto_scale.h"
#include "micro/dsp/micro_speech/filterbank_log.h"
#include "micro/dsp/micro_speech/filterbank_q12.h"
#include "micro/dsp/micro_speech/filterbank_sqrt.h"
#include "micro/dsp/micro_speech/fixed_point_window.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"
#include "micro/dsp/micro_speech/pcan_gain_control.h"
#include "micro/dsp/micro_speech/rfft_q15_scaled.h"
#include "micro/dsp/micro_speech/spectral_subtraction.h"

namespace mote::dsp::micro_speech {
namespace {

// Each radix-4 stage scales by 8191/32768 and the split by 16383/32768.
double RfftGain() { return std::pow(8191.0 / 32768.0, 4) * (16383.0 / 32768.0); }

// Largest |fixed-point bin - gain * DFT bin| over all 257 bins, in LSBs.
double RfftMaxError(const std::vector<int16_t>& signal) {
  std::vector<int16_t> data(2 * kSpectrumBins, 0);
  std::copy(signal.begin(), signal.end(), data.begin());
  RfftQ15Scaled512(data.data());
  double worst = 0;
  for (size_t k = 0; k < kSpectrumBins; ++k) {
    double re = 0, im = 0;
    for (size_t n = 0; n < kFftLength; ++n) {
      const double phase = -2 * std::numbers::pi * static_cast<double>(k * n % kFftLength) / kFftLength;
      re += signal[n] * std::cos(phase);
      im += signal[n] * std::sin(phase);
    }
    worst = std::max(worst,
                     std::hypot(data[2 * k] - RfftGain() * re, data[2 * k + 1] - RfftGain() * im));
  }
  return worst;
}

// Error bound of the fixed-point FFT against gain * DFT, for inputs that
// cannot overflow 16 bits (|x| <= 23170, so |x + iy| < 2^15): each radix-4
// stage adds at most about 2 LSB when all its roundings go the same way, the
// split 1 more. Incoherent signals stay near 1.5 LSB; a constant or
// alternating block of 16380 reaches the 9 LSB worst case.
TEST(RfftQ15Scaled512Test, MatchesTheScaledDftWithinTheStatedBound) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> amplitude(-23170, 23170);
  std::vector<int16_t> noise(kFftLength);
  for (int16_t& v : noise) v = static_cast<int16_t>(amplitude(rng));
  std::vector<int16_t> tone(kFftLength);
  for (size_t n = 0; n < kFftLength; ++n) {
    tone[n] = static_cast<int16_t>(
        std::lround(23000 * std::sin(2 * std::numbers::pi * 37.25 * static_cast<double>(n) / kFftLength)));
  }
  std::vector<int16_t> impulse(kFftLength, 0);
  impulse[3] = 23170;
  for (const auto* signal : {&noise, &tone, &impulse}) EXPECT_LT(RfftMaxError(*signal), 3.0);

  std::vector<int16_t> constant(kFftLength, 16380);
  std::vector<int16_t> alternating(kFftLength);
  for (size_t n = 0; n < kFftLength; ++n)
    alternating[n] = static_cast<int16_t>(n % 2 ? -16380 : 16380);
  for (const auto* signal : {&constant, &alternating}) {
    const double error = RfftMaxError(*signal);
    EXPECT_GT(error, 8.0);  // the coherent worst case is reached...
    EXPECT_LE(error, 9.5);  // ...and bounded
  }
}

TEST(RfftQ15Scaled512Test, DcAndNyquistBinsAreReal) {
  std::vector<int16_t> data(2 * kSpectrumBins, 0);
  for (size_t n = 0; n < kFftLength; ++n) data[n] = static_cast<int16_t>(n % 2 ? -10000 : 12000);
  RfftQ15Scaled512(data.data());
  EXPECT_EQ(data[1], 0);
  EXPECT_EQ(data[2 * (kSpectrumBins - 1) + 1], 0);
  EXPECT_NEAR(data[0], RfftGain() * 2000 * 256, 9.5);
  EXPECT_NEAR(data[2 * (kSpectrumBins - 1)], RfftGain() * 22000 * 256, 9.5);
}

// The reference's FFT step by step as KISS FFT orders it: digit-reversed
// input, radix-4 decimation in time with exponents read from the formula,
// every product rounded to int16, then the split, all scalar. RfftQ15Scaled512
// reorders the work (natural order, four butterflies at a time); this pins
// it to the same bits.
int16_t Round15(int32_t x) { return static_cast<int16_t>((x + (1 << 14)) >> 15); }

struct Cx {
  int16_t re, im;
};

Cx Times(Cx a, int32_t wr, int32_t wi) {
  return {Round15(a.re * wr - a.im * wi), Round15(a.re * wi + a.im * wr)};
}

Cx Twiddle(size_t exponent) {
  const double phase = -2 * std::numbers::pi * static_cast<double>(exponent) / 256;
  return {static_cast<int16_t>(std::floor(0.5 + 32767 * std::cos(phase))),
          static_cast<int16_t>(std::floor(0.5 + 32767 * std::sin(phase)))};
}

void ScalarReferenceRfft(int16_t* data) {
  constexpr size_t n = 256;
  std::vector<Cx> z(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t r = (i & 3) << 6 | (i >> 2 & 3) << 4 | (i >> 4 & 3) << 2 | i >> 6;
    z[i] = {data[2 * r], data[2 * r + 1]};
  }
  auto add = [](Cx a, Cx b) { return Cx{static_cast<int16_t>(a.re + b.re), static_cast<int16_t>(a.im + b.im)}; };
  auto sub = [](Cx a, Cx b) { return Cx{static_cast<int16_t>(a.re - b.re), static_cast<int16_t>(a.im - b.im)}; };
  for (size_t m = 1; m < n; m *= 4) {
    for (size_t group = 0; group < n; group += 4 * m) {
      for (size_t k = 0; k < m; ++k) {
        Cx a[4];
        for (size_t j = 0; j < 4; ++j) {
          a[j] = Times(z[group + k + j * m], 8191, 0);  // the scaling: 8191 * x, rounded
          if (j > 0) {
            const Cx w = Twiddle(j * k * (n / (4 * m)));
            a[j] = Times(a[j], w.re, w.im);
          }
        }
        const Cx even_diff = sub(a[0], a[2]), even_sum = add(a[0], a[2]);
        const Cx odd_sum = add(a[1], a[3]), odd_diff = sub(a[1], a[3]);
        z[group + k] = add(even_sum, odd_sum);
        z[group + k + 2 * m] = sub(even_sum, odd_sum);
        z[group + k + m] = {static_cast<int16_t>(even_diff.re + odd_diff.im),
                            static_cast<int16_t>(even_diff.im - odd_diff.re)};
        z[group + k + 3 * m] = {static_cast<int16_t>(even_diff.re - odd_diff.im),
                                static_cast<int16_t>(even_diff.im + odd_diff.re)};
      }
    }
  }
  const Cx dc = Times(z[0], 16383, 0);
  data[0] = static_cast<int16_t>(dc.re + dc.im);
  data[1] = 0;
  data[2 * n] = static_cast<int16_t>(dc.re - dc.im);
  data[2 * n + 1] = 0;
  for (size_t k = 1; k <= n / 2; ++k) {
    const Cx fpk = Times(z[k], 16383, 0);
    const Cx fpnk = Times({z[n - k].re, static_cast<int16_t>(-z[n - k].im)}, 16383, 0);
    const Cx sum = add(fpk, fpnk);
    const double phase = -std::numbers::pi * (static_cast<double>(k) / 256 + 0.5);
    const Cx tw = Times(sub(fpk, fpnk), static_cast<int32_t>(std::floor(0.5 + 32767 * std::cos(phase))),
                        static_cast<int32_t>(std::floor(0.5 + 32767 * std::sin(phase))));
    data[2 * k] = static_cast<int16_t>((sum.re + tw.re) >> 1);
    data[2 * k + 1] = static_cast<int16_t>((sum.im + tw.im) >> 1);
    data[2 * (n - k)] = static_cast<int16_t>((sum.re - tw.re) >> 1);
    data[2 * (n - k) + 1] = static_cast<int16_t>((tw.im - sum.im) >> 1);
  }
}

// Full-range inputs, the extremes (-32768 wraps when negated, sums wrap in
// 16 bits) and small ones: both forms of RfftQ15Scaled512 (SSE2 on x86-64
// hosts, the q15_pairs one the Cortex-M runs) give the scalar reference's
// bits.
TEST(RfftQ15Scaled512Test, BothFormsGiveTheScalarReferenceBitForBit) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<int16_t> input(2 * kSpectrumBins, 0);
    const size_t length = trial % 3 == 0 ? kWindowSamples : kFftLength;
    for (size_t i = 0; i < length; ++i) {
      const uint32_t bits = rng();
      switch (trial % 4) {
        case 0: input[i] = static_cast<int16_t>(bits); break;
        case 1: input[i] = bits & 1 ? INT16_MAX : INT16_MIN; break;
        case 2: input[i] = static_cast<int16_t>(bits % 3 == 0 ? INT16_MIN : bits % 3 == 1 ? 0 : bits); break;
        default: input[i] = static_cast<int16_t>(static_cast<int32_t>(bits % 201) - 100); break;
      }
    }
    std::vector<int16_t> expected = input, fast = input, pairs = input;
    ScalarReferenceRfft(expected.data());
    RfftQ15Scaled512(fast.data());
    RfftQ15Scaled512Pairs(pairs.data());
    ASSERT_EQ(fast, expected) << trial;
    ASSERT_EQ(pairs, expected) << trial;
  }
}

TEST(FftAutoScaleTest, ShiftsByTheHeadroomOfTheLargestMagnitude) {
  std::vector<int16_t> block = {100, -1000, 3};  // 1000 has 10 bits: 5 bits of headroom
  EXPECT_EQ(FftAutoScale(block.data(), block.size()), 5);
  EXPECT_EQ(block, (std::vector<int16_t>{3200, -32000, 96}));
  std::vector<int16_t> zeros(8, 0);
  EXPECT_EQ(FftAutoScale(zeros.data(), zeros.size()), 0);
  std::vector<int16_t> full = {-32767, 5};
  EXPECT_EQ(FftAutoScale(full.data(), full.size()), 0);
  // -32768 negates to itself in int16, so the running maximum becomes
  // -32768 and every later sample replaces it: TFLM's quirk, kept for
  // bit-exactness (it only matters for clipped audio).
  std::vector<int16_t> negative_last = {5, -32768};
  EXPECT_EQ(FftAutoScale(negative_last.data(), negative_last.size()), 0);
  EXPECT_EQ(negative_last, (std::vector<int16_t>{5, -32768}));
  std::vector<int16_t> negative_first = {-32768, 5};
  EXPECT_EQ(FftAutoScale(negative_first.data(), negative_first.size()), 12);
  EXPECT_EQ(negative_first, (std::vector<int16_t>{0, 20480}));  // -32768 << 12 wraps to 0
}

// Blocks long enough for the several-samples-per-step forms (SSE2 on the
// host, q15 pairs on the Cortex-M), with a tail after the last full step,
// against the formula one sample at a time.
TEST(FftAutoScaleTest, LongBlocksMatchTheSequentialMaximum) {
  std::mt19937 rng(5);
  for (const size_t n : {size_t{480}, size_t{487}}) {
    for (const int bits : {15, 12, 7, 1}) {
      std::vector<int16_t> block(n);
      for (int16_t& v : block) v = static_cast<int16_t>(static_cast<int32_t>(rng() % (1u << bits)) - (1 << (bits - 1)));
      block[n - 1] = static_cast<int16_t>(-(1 << (bits - 1)));  // the largest magnitude, last and negative
      const int expected_shift = 15 - bits;
      std::vector<int16_t> expected = block;
      for (int16_t& v : expected) v = static_cast<int16_t>(v * (1 << expected_shift));
      EXPECT_EQ(FftAutoScale(block.data(), n), expected_shift) << n << " " << bits;
      EXPECT_EQ(block, expected) << n << " " << bits;
    }
  }
  // A -32768 in a long block: the running maximum of the reference, which
  // ends on the samples after it.
  std::vector<int16_t> clipped(480, 3);
  clipped[100] = -32768;
  clipped[479] = 1000;  // the last sample after the wrap: 10 bits
  EXPECT_EQ(FftAutoScale(clipped.data(), clipped.size()), 5);
  EXPECT_EQ(clipped[0], 96);
  EXPECT_EQ(clipped[100], 0);  // -32768 << 5 wraps to 0
}

TEST(FixedPointWindowTest, LongBlocksMatchTheFormula) {
  std::mt19937 rng(9);
  for (const size_t n : {size_t{480}, size_t{483}}) {
    for (const int shift : {0, 12, 30}) {
      std::vector<int16_t> in(n), coefficients(n), out(n);
      for (size_t i = 0; i < n; ++i) {
        in[i] = static_cast<int16_t>(rng());
        coefficients[i] = static_cast<int16_t>(i % 5 == 0 ? INT16_MIN : rng());
      }
      ApplyFixedPointWindow(in.data(), coefficients.data(), n, shift, out.data());
      for (size_t i = 0; i < n; ++i) {
        const int64_t raw = (int64_t{in[i]} * coefficients[i]) >> shift;
        ASSERT_EQ(out[i], std::clamp<int64_t>(raw, INT16_MIN, INT16_MAX)) << n << " " << shift << " " << i;
      }
      ApplyFixedPointWindow(in.data(), coefficients.data(), n, shift, in.data());  // in place
      EXPECT_EQ(in, out);
    }
  }
}

TEST(FixedPointWindowTest, MultipliesShiftsAndSaturates) {
  const int16_t in[] = {1000, -1000, 30000, -30000, -3};
  const int16_t coefficients[] = {2048, 4096, 8192, 8192, 4095};
  int16_t out[5];
  ApplyFixedPointWindow(in, coefficients, 5, 12, out);
  EXPECT_EQ(out[0], 500);
  EXPECT_EQ(out[1], -1000);
  EXPECT_EQ(out[2], 32767);
  EXPECT_EQ(out[3], -32768);
  EXPECT_EQ(out[4], -3);  // -12285 / 4096 = -2.999..., rounded toward minus infinity
}

TEST(BinEnergyTest, SquaresTheBinsInRangeAndZeroesTheRest) {
  const int16_t spectrum[] = {3, 4, -32768, -32768, 1, -1, 7, 7};
  uint32_t energy[4] = {9, 9, 9, 9};
  BinEnergy(spectrum, 4, 0, 3, energy);
  EXPECT_EQ(energy[0], 25u);
  EXPECT_EQ(energy[1], 2147483648u);  // 2^31 does not fit an int32
  EXPECT_EQ(energy[2], 2u);
  EXPECT_EQ(energy[3], 0u);
}

TEST(FilterbankQ12Test, WeightsOfAFlatSpectrumSumToTheChannelWidths) {
  // With energy 1 everywhere in the band, channel c receives the weights of
  // its rising edge plus the unweights of its falling edge: about 4096 times
  // the number of bins between the neighbouring centres.
  std::vector<uint32_t> energy(kSpectrumBins, 0);
  for (size_t k = 5; k < 241; ++k) energy[k] = 1;
  uint64_t out[kNumChannels];
  AccumulateFilterbankQ12(MicroSpeechFilterbank(), energy.data(), out);
  // Mel channels widen with frequency (up to one bin of quantization).
  for (size_t c = 1; c < kNumChannels; ++c) {
    EXPECT_GE(static_cast<double>(out[c]), static_cast<double>(out[c - 1]) - 4096) << c;
  }
  EXPECT_GT(out[kNumChannels - 1], 4 * out[0]);
  // A single bin lands in exactly two adjacent channels with weights that sum to ~4096.
  std::vector<uint32_t> one_bin(kSpectrumBins, 0);
  one_bin[100] = 1000;
  AccumulateFilterbankQ12(MicroSpeechFilterbank(), one_bin.data(), out);
  uint64_t total = 0;
  int nonzero = 0;
  for (uint64_t v : out) {
    total += v;
    nonzero += v != 0;
  }
  EXPECT_EQ(nonzero, 2);
  EXPECT_NEAR(static_cast<double>(total), 4096.0 * 1000, 2 * 1000);
}

TEST(RoundedSqrt64Test, RoundsToNearestWithTheReferenceCaps) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20000; ++i) {
    const uint64_t x = rng() >> (rng() % 64);
    const uint32_t r = RoundedSqrt64(x);
    const bool capped = (x < (uint64_t{1} << 32) && r == 0xFFFF) || r == 0xFFFFFFFFu;
    // (r - 1/2)^2 <= x < (r + 1/2)^2, i.e. r^2 - r <= x <= r^2 + r; no
    // overflow since r < 2^32.
    const uint64_t square = uint64_t{r} * r;
    ASSERT_LE(square - r, x) << x;
    if (!capped) {
      ASSERT_LE(x, square + r) << x;
    }
  }
  EXPECT_EQ(RoundedSqrt64(0), 0u);
  EXPECT_EQ(RoundedSqrt64(2), 1u);
  EXPECT_EQ(RoundedSqrt64(3), 2u);
  EXPECT_EQ(RoundedSqrt64(12), 3u);
  EXPECT_EQ(RoundedSqrt64(13), 4u);
  EXPECT_EQ(RoundedSqrt64(0xFFFFFFFFu), 0xFFFFu);  // would round to 2^16: capped
  EXPECT_EQ(RoundedSqrt64(uint64_t{1} << 32), 0x10000u);
  EXPECT_EQ(RoundedSqrt64(UINT64_MAX), 0xFFFFFFFFu);
}

TEST(FilterbankSqrtTest, UndoesTheAutoScaleShift) {
  const uint64_t in[] = {1000000, 1u << 20};
  uint32_t out[2];
  FilterbankSqrt(in, 2, 3, out);
  EXPECT_EQ(out[0], 1000u >> 3);
  EXPECT_EQ(out[1], 1024u >> 3);
}

TEST(FixedPointLogTest, IsScaledNaturalLogWithinOneUnit) {
  std::mt19937 rng(5);
  for (int i = 0; i < 20000; ++i) {
    const uint32_t x = 1 + (rng() >> (rng() % 32));
    const double expected = 64 * std::log(static_cast<double>(x));
    ASSERT_NEAR(FixedPointLog(x, 64), expected, 1.0) << x;
  }
  EXPECT_EQ(FixedPointLog(1, 64), 0u);
  EXPECT_EQ(FixedPointLog(1u << 20, 1), static_cast<uint32_t>(std::lround(20 * std::log(2.0))));
}

TEST(FilterbankLogTest, CorrectsClampsAndZeroesTinyValues) {
  const uint32_t in[] = {0, 1, 1000, 0xFFFFFFFF};
  int16_t out[4];
  FilterbankLog(in, 4, 64, 3, out);
  EXPECT_EQ(out[0], 0);
  EXPECT_NEAR(out[1], 64 * std::log(8.0), 1);
  EXPECT_NEAR(out[2], 64 * std::log(8000.0), 1);
  EXPECT_NEAR(out[3], 64 * std::log(static_cast<double>(0xFFFFFFF8u)), 1);  // << 3 wraps in 32 bits
  FilterbankLog(in, 4, 2048, 0, out);
  EXPECT_EQ(out[3], 32767);  // 2048 ln(2^32) > 32767
}

// The gain the PCAN table approximates, from its defining formula.
double PcanGainFormula(double x) {
  return std::min(32767.0, std::ldexp(std::pow(x / 128 + 80, -0.95), 21));
}

TEST(PcanGainTest, InterpolatesTheGainFormula) {
  // One quadratic per power of two of x cannot follow a power law exactly:
  // measured over the whole uint32 range, the table stays within 1.2% + 3 of
  // the formula (31 high at x = 158176, where the gain is 2283).
  double worst_excess = -1e9;
  for (int bits = 0; bits < 32; ++bits) {
    for (uint64_t step = 0; step < 4096; ++step) {
      const uint64_t x = (uint64_t{1} << bits) + (step << bits) / 4096;
      if (x > UINT32_MAX) break;
      const double formula = PcanGainFormula(static_cast<double>(x));
      const double error = std::abs(PcanGain(static_cast<uint32_t>(x), kPcanGainLut) - formula);
      worst_excess = std::max(worst_excess, error - (0.0125 * formula + 3));
    }
  }
  EXPECT_LE(worst_excess, 0.0);
  for (uint32_t x = 0; x <= 2; ++x)
    EXPECT_EQ(PcanGain(x, kPcanGainLut), std::lround(PcanGainFormula(x)));
}

TEST(PcanGainControlTest, ShrinksTheGainAdjustedSignal) {
  // The gain for noise 0 is 32636; snr = signal * 32636 >> 6 in Q12.
  uint32_t signal[] = {0, 4, 100};
  const uint32_t noise[] = {0, 0, 0};
  PcanGainControl(kPcanGainLut, 6, noise, signal, 3);
  EXPECT_EQ(signal[0], 0u);
  const uint32_t snr4 = 4 * 32636 >> 6;  // 2039 < 2^13: x^2/4 branch, Q12 in -> Q6 out
  EXPECT_EQ(signal[1], snr4 * snr4 >> 20);
  const uint32_t snr100 = 100 * 32636 >> 6;  // >= 2^13: x - 1 branch
  EXPECT_EQ(signal[2], (snr100 >> 6) - 64);
}

TEST(SpectralSubtractionTest, EstimateConvergesToASteadySignalWhichIsThenFloored) {
  SpectralSubtractionParams params;
  uint32_t noise[2] = {0, 0};
  uint32_t out[2];
  const uint32_t in[2] = {10000, 10000};
  SpectralSubtraction(params, in, 2, noise, out);
  // First window: the estimate is smoothing * signal, the output the rest.
  constexpr uint64_t kScaled = 10000u << 10;
  EXPECT_EQ(noise[0], kScaled * 409 >> 14);
  EXPECT_EQ(noise[1], kScaled * 983 >> 14);  // odd channels smooth faster
  EXPECT_EQ(out[0], (kScaled - noise[0]) >> 10);
  for (int w = 0; w < 2000; ++w) SpectralSubtraction(params, in, 2, noise, out);
  EXPECT_NEAR(noise[0], 10000u << 10, 0.001 * (10000u << 10));
  const uint32_t floor = 10000 * 819 >> 14;  // 5% of the signal remains
  EXPECT_EQ(out[0], floor);
  EXPECT_EQ(out[1], floor);
}

TEST(SpectralSubtractionTest, ClampingLowersAnEstimateAboveTheSignal) {
  SpectralSubtractionParams params;
  const uint32_t loud[1] = {10000}, quiet[1] = {10};
  uint32_t noise[1] = {0}, out[1];
  for (int w = 0; w < 500; ++w) SpectralSubtraction(params, loud, 1, noise, out);
  uint32_t unclamped = noise[0];
  SpectralSubtraction(params, quiet, 1, &unclamped, out);
  EXPECT_GT(unclamped, 10u << 10);
  params.clamping = true;
  SpectralSubtraction(params, quiet, 1, noise, out);
  EXPECT_EQ(noise[0], 10u << 10);
  EXPECT_EQ(out[0], 10u * 819 >> 14);
}

TEST(FeatureToInt8Test, IsTheRoundedRescaleToTheModelsInputRange) {
  // round(v * 256 / 666) - 128, clamped: 666 log units span the 256 codes.
  const FeatureInt8Params params;
  for (int v = 0; v <= 32767; ++v) {
    const double expected = std::clamp(std::floor(v * 256.0 / 666.0 + 0.5) - 128, -128.0, 127.0);
    ASSERT_EQ(FeatureToInt8(static_cast<int16_t>(v), params), expected) << v;
  }
  EXPECT_EQ(FeatureToInt8(333, params), 0);    // 127.99... -> 128 -> 0
  EXPECT_EQ(FeatureToInt8(332, params), 0);    // 127.6 -> 128
  EXPECT_EQ(FeatureToInt8(330, params), -1);   // 126.8 -> 127
  EXPECT_EQ(FeatureToInt8(664, params), 127);  // 255.2 -> 255
}

}  // namespace
}  // namespace mote::dsp::micro_speech
