// micro/nn/kernels/int8_mac.h's portable forms (the host build; the
// Cortex-M DSP forms are checked on the emulated boards by
// tests/deploy/nn_on_device_test.cc, whose golden models run through them),
// and quantization.h's shift forms of SaturatingRoundingDoublingHighMul and
// RoundingDivideByPOT against gemmlowp's definitions.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "micro/nn/kernels/int8_mac.h"
#include "micro/nn/quantization.h"

namespace mote::nn {
namespace {

// gemmlowp's definition, as TensorFlow Lite Micro's reference kernels use it.
int32_t GemmlowpDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * b;
  const int64_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

TEST(Int8MacTest, DoublingHighMulEqualsGemmlowpsForm) {
  std::vector<int32_t> edges = {INT32_MIN, INT32_MIN + 1, -(1 << 30) - 1, -(1 << 30), -(1 << 30) + 1, -3, -2, -1,
                                0,         1,             2,              3,          (1 << 30) - 1, 1 << 30,
                                (1 << 30) + 1, INT32_MAX - 1, INT32_MAX};
  for (int32_t a : edges)
    for (int32_t b : edges) ASSERT_EQ(SaturatingRoundingDoublingHighMul(a, b), GemmlowpDoublingHighMul(a, b)) << a << " " << b;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  std::uniform_int_distribution<int32_t> multiplier(1 << 30, INT32_MAX);
  std::uniform_int_distribution<int32_t> accumulator(-(1 << 20), 1 << 20);
  for (int i = 0; i < 1'000'000; ++i) {
    const int32_t a = any(rng), b = any(rng);
    ASSERT_EQ(SaturatingRoundingDoublingHighMul(a, b), GemmlowpDoublingHighMul(a, b)) << a << " " << b;
    const int32_t acc = accumulator(rng), m = multiplier(rng);  // the kernels' case
    ASSERT_EQ(SaturatingRoundingDoublingHighMul(acc, m), GemmlowpDoublingHighMul(acc, m)) << acc << " " << m;
  }
  // Ties in both directions: ab = (2k + 1) * 2^30.
  for (int32_t k = -1000; k <= 1000; ++k) {
    const int32_t a = 2 * k + 1, b = 1 << 30;
    ASSERT_EQ(SaturatingRoundingDoublingHighMul(a, b), GemmlowpDoublingHighMul(a, b)) << a;
  }
}

// gemmlowp's definition of the rounding shift.
int32_t GemmlowpRoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

TEST(Int8MacTest, RoundingDivideByPOTEqualsGemmlowpsForm) {
  std::mt19937 rng(9);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  for (int e = 0; e <= 31; ++e) {
    const int64_t half = (int64_t{1} << e) >> 1;
    const std::vector<int64_t> edges = {INT32_MIN, INT32_MIN + 1, -half - 1, -half, -half + 1, -1, 0, 1,
                                        half - 1,  half,          half + 1,  INT32_MAX - 1, INT32_MAX};
    for (int64_t wide : edges) {
      if (wide < INT32_MIN || wide > INT32_MAX) continue;
      const int32_t x = static_cast<int32_t>(wide);
      ASSERT_EQ(RoundingDivideByPOT(x, e), GemmlowpRoundingDivideByPOT(x, e)) << x << " " << e;
    }
    for (int i = 0; i < 100'000; ++i) {
      const int32_t x = any(rng);
      ASSERT_EQ(RoundingDivideByPOT(x, e), GemmlowpRoundingDivideByPOT(x, e)) << x << " " << e;
      const int64_t tie = (static_cast<int64_t>(x) >> e) * (int64_t{1} << e) + half;  // exactly between two
      if (tie > INT32_MAX) continue;
      ASSERT_EQ(RoundingDivideByPOT(static_cast<int32_t>(tie), e),
                GemmlowpRoundingDivideByPOT(static_cast<int32_t>(tie), e))
          << tie << " " << e;
    }
  }
}

TEST(Int8MacTest, DotOfReorderedGroupsIsThePlainDot) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(-128, 127), activation(-255, 255);
  for (int32_t n = 0; n <= 23; ++n) {
    std::vector<int8_t> w(n);
    std::vector<int16_t> a(n);
    int32_t expected = 0;
    for (int32_t k = 0; k < n; ++k) {
      w[k] = static_cast<int8_t>(byte(rng));
      a[k] = static_cast<int16_t>(activation(rng));
      expected += w[k] * a[k];
    }
    std::vector<int16_t> reordered = a;
    int8_mac::ReorderGroups(reordered.data(), n);
    for (int32_t k = 0; k + 4 <= n; k += 4) {
      EXPECT_EQ(reordered[k + 1], a[k + 2]);
      EXPECT_EQ(reordered[k + 2], a[k + 1]);
    }
    for (int32_t k = n / 4 * 4; k < n; ++k) EXPECT_EQ(reordered[k], a[k]);  // the tail stays
    EXPECT_EQ(int8_mac::Dot(w.data(), reordered.data(), n), expected) << n;
  }
}

TEST(Int8MacTest, FourChannelSumsAreThePlainSums) {
  std::mt19937 rng(13);
  std::uniform_int_distribution<int> byte(-128, 127), offset(-128, 128);
  for (int trial = 0; trial < 1000; ++trial) {
    int8_t w[4], x[4];
    for (int j = 0; j < 4; ++j) {
      w[j] = static_cast<int8_t>(byte(rng));
      x[j] = static_cast<int8_t>(byte(rng));
    }
    const int32_t o = offset(rng);
    int8_mac::Sums4 s{1, -2, 3, -4};
    int8_mac::MacChannels4(w, x, int8_mac::OffsetPair(o), s);
    EXPECT_EQ(s.s0, 1 + w[0] * (x[0] + o));
    EXPECT_EQ(s.s1, -2 + w[1] * (x[1] + o));
    EXPECT_EQ(s.s2, 3 + w[2] * (x[2] + o));
    EXPECT_EQ(s.s3, -4 + w[3] * (x[3] + o));
    int8_mac::Sums4 b;
    int8_mac::MacBroadcast4(w, x[0] + o, b);
    EXPECT_EQ(b.s0, w[0] * (x[0] + o));
    EXPECT_EQ(b.s1, w[1] * (x[0] + o));
    EXPECT_EQ(b.s2, w[2] * (x[0] + o));
    EXPECT_EQ(b.s3, w[3] * (x[0] + o));
  }
}

}  // namespace
}  // namespace mote::nn
