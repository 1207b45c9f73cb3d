// The real FFTs against a direct double-precision DFT and against KissFFT.
//
// Float metric: the largest |bin error| over all bins divided by the largest
// reference bin magnitude (so a bin near zero does not blow the ratio up).
// Q15 metric: the largest error of a real or imaginary part, in LSB, against
// the exact X[k] / N of the same int16 input (double DFT), and against
// KissFFT's float transform of it.
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
  double vs_dft_lsb;   // against the exact X[k] / N * 2^e
  double vs_kiss_lsb;  // against KissFFT (float) of the same input, / N * 2^e
  int exponent;
};

// Largest error in LSB of RfftQ15(q) against the exact X[k] / N.
Q15Result MeasureQ15(const std::vector<int16_t>& q) {
  const uint32_t n = static_cast<uint32_t>(q.size());
  PlanQ15 p(n);
  EXPECT_EQ(p.status, DspStatus::kOk);
  std::vector<ComplexQ15> got(n / 2 + 1);
  const int exponent = RfftQ15(p.plan, q.data(), got.data());
  std::vector<double> x;
  std::vector<float> xf;
  for (int16_t v : q) {
    x.push_back(v / 32768.0);
    xf.push_back(static_cast<float>(v) / 32768.0f);
  }
  const auto exact = ReferenceRealDft(x);
  const auto kiss = RunKiss(xf);
  Q15Result result{0.0, 0.0, exponent};
  for (size_t k = 0; k < exact.size(); ++k) {
    const std::complex<double> want = exact[k] / static_cast<double>(n) * std::ldexp(32768.0, exponent);
    const std::complex<double> kiss_want = kiss[k] / static_cast<double>(n) * std::ldexp(32768.0, exponent);
    result.vs_dft_lsb = std::max({result.vs_dft_lsb, std::abs(got[k].re - want.real()), std::abs(got[k].im - want.imag())});
    result.vs_kiss_lsb =
        std::max({result.vs_kiss_lsb, std::abs(got[k].re - kiss_want.real()), std::abs(got[k].im - kiss_want.imag())});
  }
  return result;
}

// The bound rfft_q15.h states, derived in docs/dsp.md ("Q15 error bound"),
// for a call that returned e: the first stage (radix 2: sqrt(2)/2, radix 4:
// sqrt(2)), 3.6 LSB per radix-4 stage with twiddles that divides by 4 and
// 5.7 per one that divides by 2, at the worst placing (the e halving stages
// last, each doubling the error before it), 2.2 for the split.
double Q15BoundLsb(uint32_t n, int e) {
  const int log2_half = static_cast<int>(std::lround(std::log2(n))) - 1;
  const bool radix2_first = (log2_half & 1) != 0;
  const int twiddle_stages = radix2_first ? (log2_half - 1) / 2 : log2_half / 2 - 1;
  const double before = (radix2_first ? std::sqrt(2.0) / 2.0 : std::sqrt(2.0)) + 3.6 * (twiddle_stages - e);
  return std::ldexp(before, e) + 5.7 * (std::ldexp(1.0, e) - 1.0) + 2.2;
}

// Largest error of a part, for the bound's slack: KissFFT's own float
// error is below 1e-3 LSB at these sizes.
constexpr double kKissSlackLsb = 0.01;

TEST(RfftQ15Test, WithinDerivedBoundOfExactDftAndKissFft) {
  for (uint32_t n : kLengths) {
    // Largest sample 0.475 of full scale: within RfftQ15's 2^14 (0.5).
    const Q15Result loud = MeasureQ15(Quantize(TestSignal(n, 0.5f)));
    const Q15Result quiet = MeasureQ15(Quantize(TestSignal(n, 0.005f)));
    std::printf(
        "[ measure  ] rfft_q15 N=%u max error %.2f LSB vs DFT, %.2f vs KissFFT (input at 2^14, e=%d, bound %.1f); "
        "%.2f, %.2f (-40 dB, e=%d, bound %.1f)\n",
        n, loud.vs_dft_lsb, loud.vs_kiss_lsb, loud.exponent, Q15BoundLsb(n, loud.exponent), quiet.vs_dft_lsb,
        quiet.vs_kiss_lsb, quiet.exponent, Q15BoundLsb(n, quiet.exponent));
    for (const Q15Result& r : {loud, quiet}) {
      EXPECT_LE(r.vs_dft_lsb, Q15BoundLsb(n, r.exponent)) << "N=" << n;
      EXPECT_LE(r.vs_kiss_lsb, Q15BoundLsb(n, r.exponent) + kKissSlackLsb) << "N=" << n;
    }
    // A quiet input keeps bits: every stage after the first divides by 2.
    EXPECT_GE(quiet.exponent, loud.exponent) << "N=" << n;
  }
}

TEST(RfftQ15Test, ExtremeInputsDoNotOverflow) {
  // The largest inputs RfftQ15 takes: a constant puts all the energy in bin
  // 0 (X/N = -1/2 exactly for -2^14), alternating signs put it in bin N/2,
  // random values of the largest magnitude exercise every stage's headroom,
  // and a chirp with the most energy in the fewest bins.
  for (uint32_t n : kLengths) {
    std::vector<int16_t> low(n, -kRfftQ15MaxInput), nyquist(n), noise(n), tone(n);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> sign(0, 1);
    for (uint32_t t = 0; t < n; ++t) {
      nyquist[t] = static_cast<int16_t>((t % 2) ? -kRfftQ15MaxInput : kRfftQ15MaxInput);
      noise[t] = static_cast<int16_t>(sign(rng) ? -kRfftQ15MaxInput : kRfftQ15MaxInput);
      tone[t] = static_cast<int16_t>(std::lround(16384.0 * std::cos(2.0 * M_PI * 5.0 * t / n + 0.3)));
    }
    for (const auto* q : {&low, &nyquist, &noise, &tone}) {
      const Q15Result r = MeasureQ15(*q);
      EXPECT_LE(r.vs_dft_lsb, Q15BoundLsb(n, r.exponent)) << "N=" << n;
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
