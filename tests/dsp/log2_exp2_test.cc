// Log2F and Exp2F against double-precision log2 and exp2, in float ulps,
// over the whole float range, and their special values.
#include "micro/dsp/log2_exp2.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <limits>
#include <random>

namespace mote::dsp {
namespace {

// |got - want| in units of the float spacing at want.
double UlpError(float got, double want) {
  const float want_f = static_cast<float>(want);
  const double ulp = std::nextafter(std::abs(want_f), std::numeric_limits<float>::infinity()) - std::abs(want_f);
  return std::abs(static_cast<double>(got) - want) / ulp;
}

float FromBits(uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof(x));
  return x;
}

TEST(Log2ExpTest, Log2WithinThreeUlpOverEveryBinade) {
  std::mt19937 rng(5);
  double worst = 0.0;
  // Every positive finite float is some bit pattern in [1, 0x7F7FFFFF]:
  // random ones cover all binades, subnormals included.
  for (int i = 0; i < 200000; ++i) {
    const float x = FromBits(1u + rng() % 0x7F7FFFFFu);
    const double want = std::log2(static_cast<double>(x));
    if (want == 0.0) continue;
    worst = std::max(worst, UlpError(Log2F(x), want));
  }
  // Near 1, where log2 is small and its relative error matters most.
  for (int i = -200000; i <= 200000; ++i) {
    const float x = 1.0f + static_cast<float>(i) * 2e-6f;
    if (x == 1.0f) continue;
    worst = std::max(worst, UlpError(Log2F(x), std::log2(static_cast<double>(x))));
  }
  std::cout << "[ measure ] Log2F: largest error " << worst << " ulp\n";
  EXPECT_LE(worst, 3.0);
}

TEST(Log2ExpTest, Log2SpecialValues) {
  EXPECT_EQ(Log2F(1.0f), 0.0f);
  EXPECT_EQ(Log2F(8.0f), 3.0f);
  EXPECT_EQ(Log2F(0.25f), -2.0f);
  EXPECT_EQ(Log2F(std::numeric_limits<float>::denorm_min()), -149.0f);
  EXPECT_EQ(Log2F(0.0f), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(Log2F(-1.0f), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(Log2F(std::numeric_limits<float>::infinity()), std::numeric_limits<float>::infinity());
}

TEST(Log2ExpTest, Exp2WithinOneAndAHalfUlpOverItsRange) {
  std::mt19937 rng(6);
  std::uniform_real_distribution<float> wide(-149.0f, 127.99f), narrow(-1.0f, 1.0f);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const float x = i % 2 ? wide(rng) : narrow(rng);
    const double want = std::exp2(static_cast<double>(x));
    if (want < std::numeric_limits<float>::min()) continue;  // subnormal results: checked below
    worst = std::max(worst, UlpError(Exp2F(x), want));
  }
  std::cout << "[ measure ] Exp2F: largest error " << worst << " ulp\n";
  EXPECT_LE(worst, 1.5);
}

TEST(Log2ExpTest, Exp2SpecialValuesAndSubnormals) {
  EXPECT_EQ(Exp2F(0.0f), 1.0f);
  EXPECT_EQ(Exp2F(10.0f), 1024.0f);
  EXPECT_EQ(Exp2F(-3.0f), 0.125f);
  EXPECT_EQ(Exp2F(-149.0f), std::numeric_limits<float>::denorm_min());
  EXPECT_EQ(Exp2F(-140.5f), static_cast<float>(std::exp2(-140.5)));
  EXPECT_EQ(Exp2F(-151.0f), 0.0f);
  EXPECT_EQ(Exp2F(128.0f), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Exp2F(127.75f), static_cast<float>(std::exp2(127.75)));
}

TEST(Log2ExpTest, ConstantsForOtherBases) {
  EXPECT_EQ(kLn2, static_cast<float>(std::log(2.0)));
  EXPECT_EQ(kDecibelsPerOctave, static_cast<float>(10.0 * std::log10(2.0)));
  EXPECT_EQ(kOctavesPerDecibel, static_cast<float>(std::log2(10.0) / 10.0));
}

}  // namespace
}  // namespace mote::dsp
