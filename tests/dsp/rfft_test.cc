// The real FFTs against a direct double-precision DFT and against KissFFT.
//
// Float metric: the largest |bin error| over all bins divided by the largest
// reference bin magnitude (so a bin near zero does not blow the ratio up).
// Q15 metric: the largest error of a real or imaginary part, in LSB, against
// the exact X[k] / N * 2^e of the same int16 input, e being the block
// exponent RfftQ15 returns.
#include <gtest/gtest.h>
#include <kiss_fftr.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <random>
#include <vector>

#include "dsp/reference_dft.h"
#include "micro/dsp/rfft_f32.h"
#include "micro/dsp/rfft_q15.h"

namespace mote::dsp {
namespace {

using testing::ReferenceRealDft;

constexpr uint32_t kLengths[] = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

// Uniform noise plus two tones, so that the spectrum has both a floor and
// peaks; a fixed seed per length keeps failures reproducible.
std::vector<float> TestSignal(uint32_t n, float amplitude) {
  std::mt19937 rng(n);
  std::uniform_real_distribution<float> noise(-0.3f, 0.3f);
  std::vector<float> x(n);
  for (uint32_t t = 0; t < n; ++t) {
    const double phase = 2.0 * M_PI * static_cast<double>(t) / n;
    x[t] = amplitude * (0.4f * static_cast<float>(std::sin(3.0 * phase)) +
                        0.25f * static_cast<float>(std::cos(0.37 * n * phase + 0.3)) + noise(rng));
  }
  return x;
}

struct PlanF32 {
  explicit PlanF32(uint32_t n) : memory(RfftF32ArenaBytes(n) + kArenaAlign - 1) {
    Arena arena(memory.data(), memory.size());
    status = InitRfftF32(n, &arena, &plan);
  }
  std::vector<unsigned char> memory;
  RfftPlanF32 plan;
  DspStatus status;
};

struct PlanQ15 {
  explicit PlanQ15(uint32_t n) : memory(RfftQ15ArenaBytes(n) + kArenaAlign - 1) {
    Arena arena(memory.data(), memory.size());
    status = InitRfftQ15(n, &arena, &plan);
  }
  std::vector<unsigned char> memory;
  RfftPlanQ15 plan;
  DspStatus status;
};

std::vector<Complex> RunF32(const std::vector<float>& x) {
  PlanF32 p(static_cast<uint32_t>(x.size()));
  EXPECT_EQ(p.status, DspStatus::kOk);
  std::vector<Complex> out(x.size() / 2 + 1);
  RfftF32(p.plan, x.data(), out.data());
  return out;
}

std::vector<std::complex<double>> RunKiss(const std::vector<float>& x) {
  kiss_fftr_cfg cfg = kiss_fftr_alloc(static_cast<int>(x.size()), 0, nullptr, nullptr);
  std::vector<kiss_fft_cpx> out(x.size() / 2 + 1);
  kiss_fftr(cfg, x.data(), out.data());
  kiss_fftr_free(cfg);
  std::vector<std::complex<double>> bins;
  for (const kiss_fft_cpx& c : out) bins.emplace_back(c.r, c.i);
  return bins;
}

template <typename Bins>
double MaxRelativeError(const Bins& got, const std::vector<std::complex<double>>& want) {
  double max_error = 0.0, max_magnitude = 0.0;
  for (size_t k = 0; k < want.size(); ++k) {
    const std::complex<double> g(got[k].re, got[k].im);
    max_error = std::max(max_error, std::abs(g - want[k]));
    max_magnitude = std::max(max_magnitude, std::abs(want[k]));
  }
  return max_error / max_magnitude;
}

std::vector<Complex> ToComplex(const std::vector<std::complex<double>>& bins) {
  std::vector<Complex> out;
  for (const auto& b : bins) out.push_back({static_cast<float>(b.real()), static_cast<float>(b.imag())});
  return out;
}

TEST(RfftF32Test, MatchesDoubleDftAndKissFft) {
  for (uint32_t n : kLengths) {
    const std::vector<float> x = TestSignal(n, 1.0f);
    const std::vector<Complex> got = RunF32(x);
    const auto exact = ReferenceRealDft(std::vector<double>(x.begin(), x.end()));
    const auto kiss = RunKiss(x);
    const double vs_dft = MaxRelativeError(got, exact);
    const double vs_kiss = MaxRelativeError(got, kiss);
    const double kiss_vs_dft = MaxRelativeError(ToComplex(kiss), exact);
    std::printf("[ measure  ] rfft_f32 N=%u max rel error vs DFT %.2e, vs KissFFT %.2e (KissFFT vs DFT %.2e)\n", n,
                vs_dft, vs_kiss, kiss_vs_dft);
    EXPECT_LT(vs_dft, 1e-5) << "N=" << n;
    EXPECT_LT(vs_kiss, 1e-5) << "N=" << n;
    EXPECT_EQ(got[0].im, 0.0f);
    EXPECT_EQ(got[n / 2].im, 0.0f);
  }
}

TEST(RfftF32Test, ImpulseAtEachPositionOfASmallTransform) {
  // Every input position must reach every bin with the right phase: this
  // catches a wrong permutation that a smooth test signal could hide.
  const uint32_t n = 32;
  for (uint32_t t = 0; t < n; ++t) {
    std::vector<float> x(n, 0.0f);
    x[t] = 1.0f;
    const std::vector<Complex> got = RunF32(x);
    for (uint32_t k = 0; k <= n / 2; ++k) {
      const double angle = -2.0 * M_PI * k * t / n;
      EXPECT_NEAR(got[k].re, std::cos(angle), 1e-6) << "t=" << t << " k=" << k;
      EXPECT_NEAR(got[k].im, std::sin(angle), 1e-6) << "t=" << t << " k=" << k;
    }
  }
}

std::vector<int16_t> Quantize(const std::vector<float>& x) {
  std::vector<int16_t> q;
  for (float v : x) q.push_back(static_cast<int16_t>(std::clamp(std::lround(v * 32768.0f), -32768L, 32767L)));
  return q;
}

struct Q15Result {
  double max_error_lsb;
  int exponent;
};

// Largest error in LSB of RfftQ15(q) against the exact X[k] / N * 2^e.
Q15Result MeasureQ15(const std::vector<int16_t>& q) {
  const uint32_t n = static_cast<uint32_t>(q.size());
  PlanQ15 p(n);
  EXPECT_EQ(p.status, DspStatus::kOk);
  std::vector<ComplexQ15> got(n / 2 + 1);
  const int exponent = RfftQ15(p.plan, q.data(), got.data());
  std::vector<double> x;
  for (int16_t v : q) x.push_back(v / 32768.0);
  const auto exact = ReferenceRealDft(x);
  double max_error = 0.0;
  for (size_t k = 0; k < exact.size(); ++k) {
    const std::complex<double> want = exact[k] / static_cast<double>(n) * std::ldexp(32768.0, exponent);
    max_error = std::max({max_error, std::abs(got[k].re - want.real()), std::abs(got[k].im - want.imag())});
  }
  return {max_error, exponent};
}

// The documented bound of rfft_q15.h.
double Q15BoundLsb(uint32_t n) { return 2.0 + std::log2(n) / 2.0; }

TEST(RfftQ15Test, WithinDocumentedBoundOfExactScaledDft) {
  for (uint32_t n : kLengths) {
    const Q15Result loud = MeasureQ15(Quantize(TestSignal(n, 1.0f)));
    const Q15Result quiet = MeasureQ15(Quantize(TestSignal(n, 0.01f)));
    std::printf("[ measure  ] rfft_q15 N=%u max error %.2f LSB (full scale, e=%d), %.2f LSB (-40 dB, e=%d); bound %.1f\n",
                n, loud.max_error_lsb, loud.exponent, quiet.max_error_lsb, quiet.exponent, Q15BoundLsb(n));
    EXPECT_LE(loud.max_error_lsb, Q15BoundLsb(n)) << "N=" << n;
    EXPECT_LE(quiet.max_error_lsb, Q15BoundLsb(n)) << "N=" << n;
    // Block floating point must have kept the quiet input's bits: 40 dB
    // quieter is 6-7 bits, so its exponent is larger by several bits.
    EXPECT_GE(quiet.exponent, loud.exponent + 4) << "N=" << n;
  }
}

TEST(RfftQ15Test, ExtremeInputsDoNotOverflow) {
  // Constant full-scale input puts all the energy in bin 0 (X/N = -1 exactly
  // for -32768); alternating signs put it in bin N/2. Random full-scale
  // values exercise every stage's headroom.
  const uint32_t n = 1024;
  std::vector<int16_t> low(n, -32768), nyquist(n), noise(n);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> full(-32768, 32767);
  for (uint32_t t = 0; t < n; ++t) {
    nyquist[t] = (t % 2) ? -32768 : 32767;
    noise[t] = static_cast<int16_t>(full(rng));
  }
  for (const auto* q : {&low, &nyquist, &noise}) EXPECT_LE(MeasureQ15(*q).max_error_lsb, Q15BoundLsb(n));
}

// RfftQ15Shifted must give the bits of RfftQ15 on the shifted input, for
// net first-stage shifts to the right, none, and to the left (a small input
// shifted far), with radix-2 (odd log2(N/2)) and radix-4 first stages.
TEST(RfftQ15Test, ShiftedInputGivesTheBitsOfShiftingFirst) {
  std::mt19937 rng(11);
  for (uint32_t n : kLengths) {
    PlanQ15 p(n);
    ASSERT_EQ(p.status, DspStatus::kOk);
    for (int32_t largest : {1, 3, 700, 4000, 16383}) {
      std::vector<int16_t> in(n);
      std::uniform_int_distribution<int> values(-largest, largest);
      for (int16_t& v : in) v = static_cast<int16_t>(values(rng));
      in[n / 3] = static_cast<int16_t>(-largest);  // the largest magnitude is there
      for (int shift = 0; (largest << shift) <= 32767; ++shift) {
        std::vector<int16_t> shifted(n);
        for (uint32_t t = 0; t < n; ++t) shifted[t] = static_cast<int16_t>(in[t] * (1 << shift));
        std::vector<ComplexQ15> want(n / 2 + 1), got(n / 2 + 1);
        const int want_exponent = RfftQ15(p.plan, shifted.data(), want.data());
        const int got_exponent = RfftQ15Shifted(p.plan, in.data(), shift, largest, got.data());
        ASSERT_EQ(got_exponent, want_exponent) << "N=" << n << " largest=" << largest << " shift=" << shift;
        for (uint32_t k = 0; k <= n / 2; ++k) {
          ASSERT_EQ(got[k].re, want[k].re) << "N=" << n << " largest=" << largest << " shift=" << shift << " k=" << k;
          ASSERT_EQ(got[k].im, want[k].im) << "N=" << n << " largest=" << largest << " shift=" << shift << " k=" << k;
        }
      }
    }
  }
}

TEST(RfftInitTest, RejectsBadLengthsAndSmallArenas) {
  RfftPlanF32 plan_f32;
  RfftPlanQ15 plan_q15;
  std::vector<unsigned char> memory(RfftF32ArenaBytes(4096) + kArenaAlign);
  for (uint32_t n : {0u, 1u, 8u, 100u, 8192u}) {
    Arena arena(memory.data(), memory.size());
    EXPECT_EQ(InitRfftF32(n, &arena, &plan_f32), DspStatus::kBadFftLength) << n;
    EXPECT_EQ(InitRfftQ15(n, &arena, &plan_q15), DspStatus::kBadFftLength) << n;
    EXPECT_EQ(RfftF32ArenaBytes(n), 0u);
  }
  // One byte short of the requirement must fail and leave the arena alone.
  Arena small(memory.data(), RfftF32ArenaBytes(256) - 1);
  EXPECT_EQ(InitRfftF32(256, &small, &plan_f32), DspStatus::kBufferTooSmall);
  EXPECT_EQ(small.bytes_left(), RfftF32ArenaBytes(256) - 1);
  Arena small_q15(memory.data(), RfftQ15ArenaBytes(256) - 1);
  EXPECT_EQ(InitRfftQ15(256, &small_q15, &plan_q15), DspStatus::kBufferTooSmall);
}

TEST(RfftInitTest, MisalignedWorkspaceStillFits) {
  const uint32_t n = 64;
  std::vector<unsigned char> memory(RfftF32ArenaBytes(n) + kArenaAlign + 1);
  for (size_t offset = 0; offset < kArenaAlign; ++offset) {
    Arena arena(memory.data() + offset, RfftF32ArenaBytes(n) + kArenaAlign - 1);
    RfftPlanF32 plan;
    ASSERT_EQ(InitRfftF32(n, &arena, &plan), DspStatus::kOk) << offset;
    const std::vector<float> x = TestSignal(n, 1.0f);
    std::vector<Complex> out(n / 2 + 1);
    RfftF32(plan, x.data(), out.data());
    EXPECT_LT(MaxRelativeError(out, ReferenceRealDft(std::vector<double>(x.begin(), x.end()))), 1e-5);
  }
}

}  // namespace
}  // namespace mote::dsp
