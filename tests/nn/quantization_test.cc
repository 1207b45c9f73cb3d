// micro/nn's requantization arithmetic against TensorFlow Lite's definitions
// written with libm (std::frexp, std::round), which the device code avoids.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "micro/nn/fixed_point.h"
#include "micro/nn/quantization.h"

namespace mote::nn {
namespace {

// TensorFlow Lite's QuantizeMultiplier as published, with libm.
void ReferenceQuantizeMultiplier(double real, int32_t* multiplier, int* shift) {
  if (real == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  const double q = std::frexp(real, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * (1LL << 31)));
  if (q_fixed == (1LL << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    q_fixed = 0;
  }
  if (*shift > 30) {
    *shift = 30;
    q_fixed = (1LL << 31) - 1;
  }
  *multiplier = static_cast<int32_t>(q_fixed);
}

TEST(NnQuantizationTest, QuantizeMultiplierMatchesLibmDefinition) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-40.0, 34.0), mantissa(0.5, 1.0);
  std::vector<double> values = {1.0, 0.5, 0.25, 0.75, 1.0 - 1e-12, 0.9999999999, 1e-12, 3e9, 1e-300, 0.0,
                                std::nextafter(0.5, 1.0), std::nextafter(1.0, 0.0)};
  for (int i = 0; i < 200000; ++i) values.push_back(mantissa(rng) * std::exp2(std::floor(exponent(rng))));
  // Halfway cases of the Q31 rounding.
  for (int i = 0; i < 1000; ++i) values.push_back((static_cast<double>((1u << 30) + rng() % (1u << 30)) + 0.5) / 2147483648.0);
  for (double v : values) {
    int32_t m = 0, em = 0;
    int s = 0, es = 0;
    QuantizeMultiplier(v, &m, &s);
    ReferenceQuantizeMultiplier(v, &em, &es);
    ASSERT_EQ(m, em) << v;
    ASSERT_EQ(s, es) << v;
  }
}

TEST(NnQuantizationTest, RoundHalfAwayFromZeroIsStdRound) {
  std::mt19937 rng(11);
  std::vector<float> values = {0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 0.49999997f, -0.49999997f, 8388607.5f, 8388608.0f,
                               1e20f, -1e20f, 0.0f, -0.0f};
  for (int i = 0; i < 200000; ++i) {
    uint32_t bits = rng();
    float f = 0;
    std::memcpy(&f, &bits, 4);
    if (std::isfinite(f)) values.push_back(f);
    values.push_back(static_cast<float>(static_cast<int32_t>(rng() % 2000000) - 1000000) / 8.0f);
  }
  for (float f : values) ASSERT_EQ(RoundHalfAwayFromZero(f), std::round(f)) << f;
}

TEST(NnQuantizationTest, RoundingHelpersFollowTheirDefinitions) {
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-3, 1 << 30), -1);  // -1.5 rounds away from zero
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(3, 1 << 30), 2);
  EXPECT_EQ(RoundingDivideByPOT(5, 1), 3);
  EXPECT_EQ(RoundingDivideByPOT(-5, 1), -3);
  EXPECT_EQ(RoundingDivideByPOT(-4, 1), -2);
  EXPECT_EQ(RoundingDivideByPOT(7, 0), 7);
  std::mt19937 rng(3);
  for (int i = 0; i < 100000; ++i) {
    const auto x = static_cast<int32_t>(rng());
    const int e = static_cast<int>(rng() % 31);
    const double exact = static_cast<double>(x) / std::exp2(e);
    ASSERT_EQ(RoundingDivideByPOT(x, e), static_cast<int32_t>(std::round(exact))) << x << " " << e;
  }
  // 0.75 as Q31 with shift 0, applied to 1000: 750.
  int32_t m = 0;
  int s = 0;
  QuantizeMultiplier(0.75, &m, &s);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(1000, m, s), 750);
  QuantizeMultiplier(3.0, &m, &s);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-1000, m, s), -3000);
}

TEST(NnQuantizationTest, FixedPointExpAndReciprocalApproximateTheirFunctions) {
  for (double x = -31.0; x <= 0.0; x += 0.01) {
    const auto raw = static_cast<int32_t>(std::lround(x * (1 << 26)));  // Q5.26
    const double got = fixed::ExpOnNegativeValues(raw, 5) / 2147483648.0;
    ASSERT_NEAR(got, std::exp(raw / static_cast<double>(1 << 26)), 2e-9 + 1e-6 * std::exp(x)) << x;
  }
  for (double x = 0.0; x < 1.0; x += 0.001) {
    const auto raw = static_cast<int32_t>(std::lround(x * 2147483647.0));
    ASSERT_NEAR(fixed::OneOverOnePlusX(raw) / 2147483648.0, 1.0 / (1.0 + x), 1e-8) << x;
  }
}

TEST(NnQuantizationTest, ActivationRangesAreTfliteOnes) {
  int32_t lo = 0, hi = 0;
  ASSERT_TRUE(QuantizedActivationRange(tflite::Activation::kRelu6, 0.0235294f, -128, -128, 127, &lo, &hi));
  EXPECT_EQ(lo, -128);
  EXPECT_EQ(hi, 127);  // 6 / 0.0235294 = 255.0 -> 127 after the zero point
  ASSERT_TRUE(QuantizedActivationRange(tflite::Activation::kRelu, 0.1f, 5, -128, 127, &lo, &hi));
  EXPECT_EQ(lo, 5);
  ASSERT_TRUE(QuantizedActivationRange(tflite::Activation::kReluN1To1, 0.01f, 0, -128, 127, &lo, &hi));
  EXPECT_EQ(lo, -100);
  EXPECT_EQ(hi, 100);
  EXPECT_FALSE(QuantizedActivationRange(tflite::Activation::kTanh, 0.1f, 0, -128, 127, &lo, &hi));
}

}  // namespace
}  // namespace mote::nn
