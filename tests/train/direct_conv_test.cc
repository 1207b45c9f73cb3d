// direct_conv.h's kernels against plain loops of std::fma in the same
// order: equal to the bit, for every instruction set this CPU runs the
// kernels with (AVX-512, AVX2 with FMA), so that training gives the same
// bits on any machine that runs them. Shapes cover one and several vectors of
// output channels, one input channel and many, kernels of 3x3, 2x3 and
// 1x5, rows whose width is not a multiple of the kernels' pixel blocks,
// and float and double.
#include <cmath>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "train/conv_kernel_test_util.h"
#include "train/direct_conv.h"

namespace mote::train {
namespace {

using mote::testing::IsasOfThisCpu;
using mote::testing::RandomValues;

template <typename T>
bool SameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// y[oy, ox, o] (+)= the fused sum over ky, kx, c of xp[oy + ky, ox + kx, c] * packed[ky, kx, c, o].
template <typename T>
void ReferenceConv(const std::vector<T>& xp, const std::vector<T>& packed, const DirectConvShape& s,
                   bool accumulate, std::vector<T>& y) {
  const int64_t c = s.in_channels, oc = s.out_channels;
  for (int64_t oy = 0; oy < s.out_h; ++oy) {
    for (int64_t ox = 0; ox < s.out_w; ++ox) {
      for (int64_t o = 0; o < oc; ++o) {
        T sum = 0;
        for (int64_t ky = 0; ky < s.kernel_h; ++ky) {
          for (int64_t kx = 0; kx < s.kernel_w; ++kx) {
            for (int64_t ci = 0; ci < c; ++ci) {
              sum = std::fma(xp[((oy + ky) * s.padded_w() + ox + kx) * c + ci],
                             packed[((ky * s.kernel_w + kx) * c + ci) * oc + o], sum);
            }
          }
        }
        T& out = y[(oy * s.out_w + ox) * oc + o];
        out = accumulate ? out + sum : sum;
      }
    }
  }
}

// g[ky, kx, c, o] += xp[oy + ky, ox + kx, c] * dy[oy, ox, o], one fused term at a time, rows in order.
template <typename T>
void ReferenceFilterGradient(const std::vector<T>& xp, const std::vector<T>& dy, const DirectConvShape& s,
                             std::vector<T>& g) {
  const int64_t c = s.in_channels, oc = s.out_channels;
  for (int64_t ky = 0; ky < s.kernel_h; ++ky) {
    for (int64_t kx = 0; kx < s.kernel_w; ++kx) {
      for (int64_t ci = 0; ci < c; ++ci) {
        for (int64_t o = 0; o < oc; ++o) {
          T& sum = g[((ky * s.kernel_w + kx) * c + ci) * oc + o];
          for (int64_t oy = 0; oy < s.out_h; ++oy) {
            for (int64_t ox = 0; ox < s.out_w; ++ox) {
              sum = std::fma(xp[((oy + ky) * s.padded_w() + ox + kx) * c + ci], dy[(oy * s.out_w + ox) * oc + o], sum);
            }
          }
        }
      }
    }
  }
}

template <typename T>
void ExpectKernelsMatchReference(const DirectConvShape& s) {
  SCOPED_TRACE(::testing::Message() << "c " << s.in_channels << " oc " << s.out_channels << " kernel "
                                    << s.kernel_h << "x" << s.kernel_w << " out " << s.out_h << "x" << s.out_w
                                    << " bytes " << sizeof(T));
  ASSERT_TRUE(DirectConvSupports<T>(s.out_channels));
  const int64_t outputs = s.out_h * s.out_w * s.out_channels;
  const std::vector<T> xp = RandomValues<T>(s.padded_h() * s.padded_w() * s.in_channels, 1);
  const std::vector<T> packed = RandomValues<T>(s.kernel_h * s.kernel_w * s.in_channels * s.out_channels, 2);
  const std::vector<T> dy = RandomValues<T>(outputs, 3), before = RandomValues<T>(outputs, 4);
  const std::vector<T> g0 = RandomValues<T>(packed.size(), 5);

  std::vector<T> want = before, want_added = before, want_g = g0;
  ReferenceConv(xp, packed, s, false, want);
  ReferenceConv(xp, packed, s, true, want_added);
  ReferenceFilterGradient(xp, dy, s, want_g);
  for (DirectConvIsa isa : IsasOfThisCpu()) {
    SCOPED_TRACE(::testing::Message() << "isa " << static_cast<int>(isa));
    std::vector<T> y = before, added = before, g = g0;
    DirectConvImage(xp.data(), packed.data(), s, false, y.data(), isa);
    DirectConvImage(xp.data(), packed.data(), s, true, added.data(), isa);
    DirectConvFilterGradientImage(xp.data(), dy.data(), s, g.data(), isa);
    EXPECT_TRUE(SameBits(y, want));
    EXPECT_TRUE(SameBits(added, want_added));
    EXPECT_TRUE(SameBits(g, want_g));
  }
}

TEST(DirectConvTest, KernelsMatchPlainLoopsBitForBitOnEveryInstructionSet) {
  if (DirectConvCpuIsa() == DirectConvIsa::kNone) GTEST_SKIP() << "this CPU has neither AVX2 with FMA nor AVX-512";
  ExpectKernelsMatchReference<float>({.in_channels = 1, .out_channels = 16, .kernel_h = 3, .kernel_w = 3,
                                      .out_h = 5, .out_w = 28});
  ExpectKernelsMatchReference<float>({.in_channels = 16, .out_channels = 16, .kernel_h = 3, .kernel_w = 3,
                                      .out_h = 4, .out_w = 14});
  ExpectKernelsMatchReference<float>({.in_channels = 5, .out_channels = 32, .kernel_h = 2, .kernel_w = 3,
                                      .out_h = 3, .out_w = 11});
  ExpectKernelsMatchReference<float>({.in_channels = 3, .out_channels = 64, .kernel_h = 1, .kernel_w = 5,
                                      .out_h = 1, .out_w = 13});
  ExpectKernelsMatchReference<double>({.in_channels = 7, .out_channels = 8, .kernel_h = 3, .kernel_w = 3,
                                       .out_h = 4, .out_w = 9});
  ExpectKernelsMatchReference<double>({.in_channels = 2, .out_channels = 16, .kernel_h = 3, .kernel_w = 2,
                                       .out_h = 3, .out_w = 6});
}

TEST(DirectConvTest, SupportsWholeVectorsOfChannelsOnly) {
  if (DirectConvCpuIsa() == DirectConvIsa::kNone) GTEST_SKIP() << "this CPU has neither AVX2 with FMA nor AVX-512";
  EXPECT_TRUE(DirectConvSupports<float>(16));
  EXPECT_TRUE(DirectConvSupports<float>(32));
  EXPECT_TRUE(DirectConvSupports<float>(64));
  EXPECT_FALSE(DirectConvSupports<float>(8));
  EXPECT_FALSE(DirectConvSupports<float>(48));
  EXPECT_FALSE(DirectConvSupports<float>(128));
  EXPECT_TRUE(DirectConvSupports<double>(8));
  EXPECT_FALSE(DirectConvSupports<double>(0));
}

TEST(DirectConvTest, PadImagePlacesTheImageAmongZeros) {
  const std::vector<float> x = {1, 2, 3, 4, 5, 6};  // [2, 3, 1]
  std::vector<float> xp(4 * 5, -1);
  PadImage(x.data(), 2, 3, 1, 1, 2, 4, 5, xp.data());
  const std::vector<float> want = {0, 0, 0, 0, 0,  //
                                   0, 0, 1, 2, 3,  //
                                   0, 0, 4, 5, 6,  //
                                   0, 0, 0, 0, 0};
  EXPECT_EQ(xp, want);
}

TEST(DirectConvTest, PackFilterAndItsInverse) {
  const int64_t oc = 3, kh = 2, kw = 3, c = 2;
  const std::vector<float> w = RandomValues<float>(oc * kh * kw * c, 6);
  std::vector<float> packed(w.size()), turned(w.size());
  PackFilter(w.data(), oc, kh, kw, c, false, packed.data());
  PackFilter(w.data(), oc, kh, kw, c, true, turned.data());
  for (int64_t o = 0; o < oc; ++o) {
    for (int64_t ky = 0; ky < kh; ++ky) {
      for (int64_t kx = 0; kx < kw; ++kx) {
        for (int64_t ci = 0; ci < c; ++ci) {
          const float v = w[((o * kh + ky) * kw + kx) * c + ci];
          EXPECT_EQ(packed[((ky * kw + kx) * c + ci) * oc + o], v);
          EXPECT_EQ(turned[(((kh - 1 - ky) * kw + (kw - 1 - kx)) * oc + o) * c + ci], v);
        }
      }
    }
  }
  std::vector<float> grad(w.size(), 1.0f);
  AddUnpackedFilter(packed.data(), oc, kh, kw, c, grad.data());
  for (size_t i = 0; i < w.size(); ++i) EXPECT_EQ(grad[i], 1.0f + w[i]);
}

}  // namespace
}  // namespace mote::train
