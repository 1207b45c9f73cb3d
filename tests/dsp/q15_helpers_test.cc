// The Q15 building blocks against their float counterparts and formulas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

#include "micro/dsp/complex.h"
#include "micro/dsp/mel_filterbank.h"
#include "micro/dsp/mel_filterbank_q15.h"
#include "micro/dsp/pre_emphasis.h"
#include "micro/dsp/q15.h"
#include "micro/dsp/q15_pairs.h"
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

// The packed-pair operations against their definitions, including the
// wrap-around of a sum of two (-32768)^2 products, which the DSP
// instructions produce and the portable forms must reproduce.
TEST(Q15PairsTest, PackedOperationsMatchTheirDefinitions) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> value(-32768, 32767);
  for (int i = 0; i < 10000; ++i) {
    const int32_t al = value(rng), ah = value(rng), bl = value(rng), bh = value(rng);
    const pairs::Pair a = pairs::Make(al, ah), b = pairs::Make(bl, bh);
    ASSERT_EQ(pairs::Low(a), al);
    ASSERT_EQ(pairs::High(a), ah);
    const auto wrap = [](int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); };
    ASSERT_EQ(pairs::MulAdd(a, b), wrap(int64_t{al} * bl + int64_t{ah} * bh));
    ASSERT_EQ(pairs::MulSub(a, b), al * bl - ah * bh);
    ASSERT_EQ(pairs::MulAddCross(a, b), wrap(int64_t{al} * bh + int64_t{ah} * bl));
    ASSERT_EQ(pairs::MulLowAdd(a, b, 12345), al * bl + 12345);
    ASSERT_EQ(pairs::MulHighAdd(a, b, -777), ah * bh - 777);
  }
  const pairs::Pair min = pairs::Make(-32768, -32768);
  EXPECT_EQ(pairs::MulAdd(min, min), std::numeric_limits<int32_t>::min());  // 2^31 wrapped
  EXPECT_EQ(pairs::Make(0x12345, -0x18000), pairs::Make(0x2345, 0x8000));   // truncated to 16 bits
  const int16_t bytes[2] = {-2, 7};
  EXPECT_EQ(pairs::Load(bytes), pairs::Make(-2, 7));
  int16_t stored[2] = {};
  pairs::Store(stored, pairs::Make(300, -300));
  EXPECT_EQ(stored[0], 300);
  EXPECT_EQ(stored[1], -300);
}

TEST(Q15Test, LargestMagnitudeOfEveryLengthAndPosition) {
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> value(-1000, 1000);
  for (uint32_t count = 0; count < 40; ++count) {
    for (uint32_t at = 0; at < count; ++at) {
      for (int16_t extreme : {int16_t{-32768}, int16_t{32767}, int16_t{-1001}, int16_t{1001}}) {
        std::vector<int16_t> v(count);
        for (int16_t& x : v) x = static_cast<int16_t>(value(rng));
        v[at] = extreme;
        EXPECT_EQ(LargestMagnitude(v.data(), count), std::abs(int32_t{extreme})) << count << " " << at;
      }
    }
  }
  EXPECT_EQ(LargestMagnitude(nullptr, 0), 0);
  const ComplexQ15 z[3] = {{1, -2}, {-30000, 5}, {7, 29999}};
  EXPECT_EQ(LargestMagnitudeOfInt16s(z, 6), 30000);
}

TEST(WindowQ15Test, ApplyWindowRoundsEachProductAndReportsTheLargest) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> value(-32768, 32767);
  for (uint32_t length : {1u, 2u, 7u, 480u}) {
    for (int shift : {1, 9, 15}) {
      std::vector<int16_t> frame(length), window(length);
      const int32_t headroom = 32767 >> (15 - shift);  // the contract: |frame| << (15 - shift) fits
      for (uint32_t n = 0; n < length; ++n) {
        frame[n] = static_cast<int16_t>(std::clamp(value(rng), -headroom, headroom));
        window[n] = static_cast<int16_t>(value(rng) & 0x7FFF);
      }
      const std::vector<int16_t> original = frame;
      const int32_t largest = ApplyWindowQ15(frame.data(), window.data(), length, shift);
      int32_t want_largest = 0;
      for (uint32_t n = 0; n < length; ++n) {
        const int32_t want = (original[n] * window[n] + (1 << (shift - 1))) >> shift;
        ASSERT_EQ(frame[n], want) << length << " " << shift << " " << n;
        want_largest = std::max(want_largest, std::abs(want));
      }
      EXPECT_EQ(largest, want_largest);
    }
  }
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
