// micro/nn/kernels/requantize.h: the short form of the rescale against
// TensorFlow Lite's MultiplyByQuantizedMultiplier (quantization.h) over the
// inputs it is allowed for, and OutputStage's choice of form. The portable
// form runs here; the Cortex-M SMMLAR form runs in every golden model on the
// emulated boards (tests/deploy/nn_on_device_test.cc).
#include "micro/nn/kernels/requantize.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace mote::nn {
namespace {

// The short form's Rescaled for one channel (m, shift = -e) and offset,
// where ShortFormHolds allows it for sums up to `bound`.
class OneChannel {
 public:
  OneChannel(int32_t m, int32_t e, int32_t offset, int64_t bound)
      : m_(m), shift_(static_cast<int8_t>(-e)), stage_(&m_, &shift_, true, nullptr, 1, bound, offset, -128, 127) {}
  bool short_form() const { return stage_.short_form(); }
  int32_t Rescaled(int32_t x) const { return stage_.Rescaled(x, stage_.channel(0)); }

 private:
  int32_t m_;
  int8_t shift_;
  OutputStage stage_;
};

int32_t Reference(int32_t x, int32_t m, int32_t e, int32_t offset) {
  return MultiplyByQuantizedMultiplier(x, m, -e) + offset;
}

TEST(NnRequantizeTest, ShortFormEqualsMultiplyByQuantizedMultiplier) {
  const int32_t limit = (1 << 30) - 1;
  std::vector<int32_t> xs = {-limit, -limit + 1, -(1 << 20), -65537, -65536, -3, -2, -1, 0, 1, 2, 3, 65535,
                             65536,  1 << 20,    limit - 1,  limit};
  std::vector<int32_t> ms = {0, 1, 2, 1 << 30, (1 << 30) + 1, 1518500250, INT32_MAX - 1, INT32_MAX};
  int checked = 0;
  for (int32_t offset : {0, -128, 127, 5})
    for (int32_t e = 1; e <= 31; ++e)
      for (int32_t m : ms) {
        const OneChannel c(m, e, offset, limit);
        if (!c.short_form()) continue;  // offset * 2^e too large: the long form
        ++checked;
        for (int32_t x : xs) ASSERT_EQ(c.Rescaled(x), Reference(x, m, e, offset)) << x << " " << m << " " << e;
      }
  EXPECT_GT(checked, 500);
  std::mt19937 rng(11);
  std::uniform_int_distribution<int32_t> any_x(-limit, limit), small_x(-(1 << 22), 1 << 22);
  std::uniform_int_distribution<int32_t> any_m(0, INT32_MAX), q31_m(1 << 30, INT32_MAX), exponent(1, 20),
      any_offset(-128, 127);
  for (int i = 0; i < 1'000'000; ++i) {
    const int32_t e = exponent(rng), offset = any_offset(rng);
    const int32_t x = i % 2 ? any_x(rng) : small_x(rng), m = i % 3 ? q31_m(rng) : any_m(rng);
    const OneChannel c(m, e, offset, i % 2 ? (int64_t{1} << 29) : (1 << 22));
    if (!c.short_form()) continue;
    ASSERT_EQ(c.Rescaled(x), Reference(x, m, e, offset)) << x << " " << m << " " << e << " " << offset;
  }
  // Exact ties of both roundings: x * m = (2k + 1) * 2^30 (the high multiply)
  // and results landing on half of 2^e (the shift).
  for (int32_t e = 1; e <= 12; ++e) {
    const OneChannel c(1 << 30, e, -7, 1 << 16);
    ASSERT_TRUE(c.short_form());
    for (int32_t k = -3000; k <= 3000; ++k) {
      ASSERT_EQ(c.Rescaled(k), Reference(k, 1 << 30, e, -7)) << k << " " << e;
      ASSERT_EQ(c.Rescaled(2 * k + 1), Reference(2 * k + 1, 1 << 30, e, -7)) << k << " " << e;
    }
  }
}

TEST(NnRequantizeTest, OutputStageTakesTheShortFormOnlyWhereItHolds) {
  const int32_t multipliers[2] = {1 << 30, 1 << 30};
  const int8_t right[2] = {-3, -7}, with_left[2] = {-3, 2}, with_zero[2] = {0, -7}, far_right[2] = {-3, -28};
  const int32_t small_bias[2] = {100, -100}, huge_bias[2] = {1 << 29, -(1 << 29)};
  EXPECT_TRUE(OutputStage::ShortFormHolds(multipliers, right, 2, small_bias, 2, Int8SumBound(1000), 127));
  EXPECT_TRUE(OutputStage::ShortFormHolds(multipliers, right, 2, nullptr, 0, (int64_t{1} << 30) - 1, 0));
  EXPECT_FALSE(OutputStage::ShortFormHolds(multipliers, right, 2, nullptr, 0, int64_t{1} << 30, 0));
  EXPECT_FALSE(OutputStage::ShortFormHolds(multipliers, right, 2, huge_bias, 2, int64_t{1} << 29, 0));
  EXPECT_FALSE(OutputStage::ShortFormHolds(multipliers, with_left, 2, small_bias, 2, 1000, 0));
  EXPECT_FALSE(OutputStage::ShortFormHolds(multipliers, with_zero, 2, small_bias, 2, 1000, 0));
  EXPECT_TRUE(OutputStage::ShortFormHolds(multipliers, far_right, 2, small_bias, 2, 1000, 0));
  EXPECT_FALSE(OutputStage::ShortFormHolds(multipliers, far_right, 2, small_bias, 2, 1000, 127));  // 127 * 2^28
  const int32_t negative[2] = {-(1 << 30), 1 << 30};
  EXPECT_FALSE(OutputStage::ShortFormHolds(negative, right, 2, small_bias, 2, 1000, 0));

  // Either form, the same outputs: offset, clamp, per-channel and per-tensor,
  // one at a time and packed four to a word.
  std::mt19937 rng(5);
  std::uniform_int_distribution<int32_t> sum(-Int8SumBound(300), Int8SumBound(300));
  for (const int8_t* shifts : {right, with_left}) {
    const OutputStage stage(multipliers, shifts, false, small_bias, 2, Int8SumBound(300), -5, -100, 90);
    const OutputStage per_tensor(multipliers, shifts, true, small_bias, 2, Int8SumBound(300), 3, -128, 127);
    EXPECT_EQ(stage.short_form(), shifts == right);
    for (int i = 0; i < 100'000; ++i) {
      const int32_t x = sum(rng), c = i & 1;
      int32_t expected = MultiplyByQuantizedMultiplier(x, multipliers[c], shifts[c]) - 5;
      expected = expected < -100 ? -100 : expected > 90 ? 90 : expected;
      ASSERT_EQ(stage(x, c), expected) << x << " " << c;
      const int32_t v = stage.Scaled(x, stage.channel(c));
      const uint32_t word = stage.ClampBytes(OutputStage::Pack(v, -128, v, 127));
      ASSERT_EQ(static_cast<int8_t>(word), expected);
      ASSERT_EQ(static_cast<int8_t>(word >> 8), -100);
      ASSERT_EQ(static_cast<int8_t>(word >> 16), expected);
      ASSERT_EQ(static_cast<int8_t>(word >> 24), 90);
      expected = MultiplyByQuantizedMultiplier(x, multipliers[0], shifts[0]) + 3;
      expected = expected < -128 ? -128 : expected > 127 ? 127 : expected;
      ASSERT_EQ(per_tensor(x, 0), expected) << x;
    }
  }
}

}  // namespace
}  // namespace mote::nn
