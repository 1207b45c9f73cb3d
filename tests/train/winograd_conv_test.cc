// winograd_conv.h's tiles against the convolution's exact sum (in long
// double): within a few roundings of each term's size, in float and
// double; the same bits on every instruction set this CPU runs the kernels
// with and from call to call (training's bit-identical curves rest on
// it); `accumulate` adding the same values onto y. Shapes cover one and
// several chunks of tile rows (a last chunk shorter than the others), one
// and several vectors of channels each way, and the smallest image.
#include <cmath>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "train/conv_kernel_test_util.h"
#include "train/winograd_conv.h"

namespace mote::train {
namespace {

using mote::testing::IsasOfThisCpu;
using mote::testing::RandomValues;

template <typename T>
void ExpectMatchesExactSum(const DirectConvShape& s, double tolerance) {
  SCOPED_TRACE(::testing::Message() << "c " << s.in_channels << " oc " << s.out_channels << " out " << s.out_h
                                    << "x" << s.out_w << " bytes " << sizeof(T));
  ASSERT_TRUE(WinogradSupports<T>(s));
  const int64_t c = s.in_channels, oc = s.out_channels, outputs = s.out_h * s.out_w * oc;
  const std::vector<T> xp = RandomValues<T>(s.padded_h() * s.padded_w() * c, 1);
  const std::vector<T> packed = RandomValues<T>(9 * c * oc, 2);
  const std::vector<T> before = RandomValues<T>(outputs, 3);
  std::vector<T> u(WinogradFilterSize(s)), scratch(WinogradScratchSize(s));
  WinogradFilter(packed.data(), s, u.data());

  std::vector<T> first;
  for (DirectConvIsa isa : IsasOfThisCpu()) {
    SCOPED_TRACE(::testing::Message() << "isa " << static_cast<int>(isa));
    std::vector<T> y(outputs), added = before;
    WinogradConvImage(xp.data(), u.data(), s, false, y.data(), scratch.data(), isa);
    WinogradConvImage(xp.data(), u.data(), s, true, added.data(), scratch.data(), isa);
    for (int64_t oy = 0; oy < s.out_h; ++oy) {
      for (int64_t ox = 0; ox < s.out_w; ++ox) {
        for (int64_t o = 0; o < oc; ++o) {
          long double sum = 0, size = 0;
          for (int64_t ky = 0; ky < 3; ++ky) {
            for (int64_t kx = 0; kx < 3; ++kx) {
              for (int64_t ci = 0; ci < c; ++ci) {
                const long double term = static_cast<long double>(xp[((oy + ky) * s.padded_w() + ox + kx) * c + ci]) *
                                         packed[((ky * 3 + kx) * c + ci) * oc + o];
                sum += term;
                size += std::fabs(term);
              }
            }
          }
          const int64_t at = (oy * s.out_w + ox) * oc + o;
          ASSERT_LE(std::fabs(static_cast<long double>(y[at]) - sum), tolerance * size)
              << "at " << oy << "," << ox << "," << o;
          ASSERT_EQ(added[at], static_cast<T>(before[at] + y[at])) << "at " << at;
        }
      }
    }
    std::vector<T> again(outputs);
    WinogradConvImage(xp.data(), u.data(), s, false, again.data(), scratch.data(), isa);
    EXPECT_EQ(std::memcmp(again.data(), y.data(), outputs * sizeof(T)), 0) << "not the same bits twice";
    if (first.empty()) first = y;
    EXPECT_EQ(std::memcmp(first.data(), y.data(), outputs * sizeof(T)), 0) << "not the same bits on every isa";
  }
}

TEST(WinogradConvTest, TilesMatchTheExactSumAndGiveTheSameBitsEverywhere) {
  if (DirectConvCpuIsa() == DirectConvIsa::kNone) GTEST_SKIP() << "this CPU has neither AVX2 with FMA nor AVX-512";
  // 28x28: 14 tile rows in chunks of 3 and a last one of 2.
  ExpectMatchesExactSum<float>({.in_channels = 16, .out_channels = 16, .kernel_h = 3, .kernel_w = 3,
                                .out_h = 28, .out_w = 28}, 1e-5);
  ExpectMatchesExactSum<float>({.in_channels = 16, .out_channels = 32, .kernel_h = 3, .kernel_w = 3,
                                .out_h = 14, .out_w = 14}, 1e-5);
  ExpectMatchesExactSum<float>({.in_channels = 64, .out_channels = 16, .kernel_h = 3, .kernel_w = 3,
                                .out_h = 6, .out_w = 10}, 1e-5);
  ExpectMatchesExactSum<float>({.in_channels = 32, .out_channels = 64, .kernel_h = 3, .kernel_w = 3,
                                .out_h = 2, .out_w = 2}, 1e-5);
  ExpectMatchesExactSum<double>({.in_channels = 8, .out_channels = 16, .kernel_h = 3, .kernel_w = 3,
                                 .out_h = 4, .out_w = 6}, 1e-13);
  ExpectMatchesExactSum<double>({.in_channels = 32, .out_channels = 8, .kernel_h = 3, .kernel_w = 3,
                                 .out_h = 100, .out_w = 2}, 1e-13);
}

TEST(WinogradConvTest, SupportsThreeByThreeKernelsOnEvenOutputsOfWholeVectors) {
  if (DirectConvCpuIsa() == DirectConvIsa::kNone) GTEST_SKIP() << "this CPU has neither AVX2 with FMA nor AVX-512";
  const DirectConvShape ok{.in_channels = 16, .out_channels = 32, .kernel_h = 3, .kernel_w = 3, .out_h = 4,
                           .out_w = 6};
  EXPECT_TRUE(WinogradSupports<float>(ok));
  DirectConvShape s = ok;
  s.out_h = 5;
  EXPECT_FALSE(WinogradSupports<float>(s));
  s = ok;
  s.out_w = 7;
  EXPECT_FALSE(WinogradSupports<float>(s));
  s = ok;
  s.kernel_w = 2;
  EXPECT_FALSE(WinogradSupports<float>(s));
  s = ok;
  s.in_channels = 1;  // the first convolution of an image model stays direct
  EXPECT_FALSE(WinogradSupports<float>(s));
  s = ok;
  s.out_channels = 48;
  EXPECT_FALSE(WinogradSupports<float>(s));
  EXPECT_TRUE(WinogradSupports<double>({.in_channels = 8, .out_channels = 8, .kernel_h = 3, .kernel_w = 3,
                                        .out_h = 2, .out_w = 2}));
}

}  // namespace
}  // namespace mote::train
