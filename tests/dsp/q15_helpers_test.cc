// The Q15 building blocks against their float counterparts and formulas.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "micro/dsp/mel_filterbank.h"
#include "micro/dsp/mel_filterbank_q15.h"
#include "micro/dsp/pre_emphasis.h"
#include "micro/dsp/q15.h"
#include "micro/dsp/signal.h"
#include "micro/dsp/window.h"

namespace mote::dsp {
namespace {

TEST(Q15Test, SaturationRoundingAndHeadroom) {
  EXPECT_EQ(FloatToQ15(1.0f), 32767);
  EXPECT_EQ(FloatToQ15(-1.0f), -32768);
  EXPECT_EQ(FloatToQ15(0.5f), 16384);
  EXPECT_EQ(FloatToQ15(-0.25f / 32768), 0);
  EXPECT_EQ(RoundingShiftRight(5, 1), 3);
  EXPECT_EQ(RoundingShiftRight(-5, 1), -2);
  const std::vector<int16_t> v = {3, -1000, 200};
  EXPECT_EQ(LargestMagnitude(v.data(), 3), 1000);
  EXPECT_EQ(HeadroomShift(1000), 5);  // 32000 fits, 64000 does not
  EXPECT_EQ(HeadroomShift(16384), 0);
  EXPECT_EQ(HeadroomShift(0), 0);
}

TEST(PreEmphasisQ15Test, HalvedDifferenceRoundedWithoutOverflow) {
  const int16_t a = FloatToQ15(0.97f);
  std::vector<int16_t> x = {32767, -32768, 32767, 0, -32768, -32768, 123, -7};
  const std::vector<int16_t> original = x;
  PreEmphasizeHalfQ15(x.data(), static_cast<uint32_t>(x.size()), a, -32768);
  for (size_t n = 0; n < x.size(); ++n) {
    const double previous = n ? original[n - 1] : -32768;
    const double want = (original[n] - a / 32768.0 * previous) / 2.0;
    EXPECT_NEAR(x[n], want, 0.5 + 1e-9) << n;
  }
}

TEST(WindowQ15Test, WithinHalfLsbOfFloat) {
  for (WindowType type : {WindowType::kHann, WindowType::kHamming, WindowType::kRectangular}) {
    std::vector<float> f(480);
    std::vector<int16_t> q(480);
    MakeWindow(type, 480, f.data());
    MakeWindowQ15(type, 480, q.data());
    for (size_t n = 0; n < f.size(); ++n) EXPECT_NEAR(q[n], std::min(f[n] * 32768.0f, 32767.0f), 0.5f) << n;
  }
}

TEST(SignalQ15Test, FloatsAreRoundedAndSaturated) {
  const std::vector<float> f = {0.5f, -1.5f, 2.0f, -0.25f};
  std::vector<int16_t> out(6, 99);
  Signal(f.data(), 4).CopyWithZeros(-1, 6, out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{0, 16384, -32768, 32767, -8192, 0}));
  const std::vector<int16_t> q = {5, -6};
  Signal(q.data(), 2).CopyWithZeros(0, 3, out.data());
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[1], -6);
  EXPECT_EQ(out[2], 0);
}

TEST(MelFilterbankQ15Test, SameFiltersAsFloatWithinOneLsb) {
  for (MelNorm norm : {MelNorm::kNone, MelNorm::kSlaney}) {
    MelParams params{16000, 40, 20, 7600, MelScale::kSlaney, norm};
    std::vector<unsigned char> memory(MelFilterbankArenaBytes(params, 512) + MelFilterbankQ15ArenaBytes(params, 512) +
                                      2 * kArenaAlign);
    Arena arena(memory.data(), memory.size());
    MelFilterbank bank;
    MelFilterbankQ15 fixed;
    ASSERT_EQ(InitMelFilterbank(params, 512, &arena, &bank), DspStatus::kOk);
    ASSERT_EQ(InitMelFilterbankQ15(params, 512, &arena, &fixed), DspStatus::kOk);
    size_t i = 0;
    uint16_t largest = 0;
    for (uint32_t m = 0; m < params.num_filters; ++m) {
      ASSERT_EQ(fixed.first_bin[m], bank.first_bin[m]);
      ASSERT_EQ(fixed.bin_count[m], bank.bin_count[m]);
      for (uint32_t k = 0; k < bank.bin_count[m]; ++k, ++i) {
        EXPECT_NEAR(std::ldexp(static_cast<double>(fixed.weights[i]), fixed.weight_exponent), bank.weights[i],
                    std::ldexp(0.5, fixed.weight_exponent) * 1.0001);
        largest = std::max(largest, fixed.weights[i]);
      }
    }
    // The bank exponent puts the largest weight in [2^14, 2^15).
    EXPECT_GE(largest, 16384);
  }
}

}  // namespace
}  // namespace mote::dsp
