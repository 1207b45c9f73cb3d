// Conv2D's forward pass against a direct sum over each window: the
// gradient checks (op_gradient_test.cc) test forward and backward against
// each other, this pins the forward values themselves, through im2col's
// paths (one channel, many; same and valid padding; dilation; strides)
// and the direct kernels' (stride 1, 8, 16 or 32 output channels in
// double; windows larger than the image) and Winograd tiles' (3x3 from 16
// to 32 channels); and which of them runs a convolution the direct
// kernels take.
#include <gtest/gtest.h>

#include "train/conv_ops.h"
#include "train/direct_conv.h"
#include "train/gradient_check.h"

namespace mote::train {
namespace {

using testing::RandomTensor;

// y[n, oy, ox, o] = b[o] + sum over (ky, kx, ci) inside the input of
// x[n, iy, ix, ci] * w[o, ky, kx, ci].
Tensor<double> DirectConv(const Tensor<double>& x, const Tensor<double>& w, const Tensor<double>& b,
                          const WindowGeometry& g) {
  const int64_t n = x.dim(0), c = x.dim(3), oc = w.dim(0), kh = w.dim(1), kw = w.dim(2);
  const Window2D& k = g.window;
  Tensor<double> y({n, g.out_h, g.out_w, oc});
  for (int64_t img = 0; img < n; ++img) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        for (int64_t o = 0; o < oc; ++o) {
          double sum = b[o];
          for (int64_t ky = 0; ky < kh; ++ky) {
            const int64_t iy = oy * k.stride_h - g.pad_top + ky * k.dilation_h;
            for (int64_t kx = 0; kx < kw; ++kx) {
              const int64_t ix = ox * k.stride_w - g.pad_left + kx * k.dilation_w;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              for (int64_t ci = 0; ci < c; ++ci) {
                sum += x[((img * g.in_h + iy) * g.in_w + ix) * c + ci] * w[((o * kh + ky) * kw + kx) * c + ci];
              }
            }
          }
          y[((img * g.out_h + oy) * g.out_w + ox) * oc + o] = sum;
        }
      }
    }
  }
  return y;
}

void ExpectMatchesDirectSum(const Shape& x_shape, int64_t oc, const Window2D& window) {
  const Tensor<double> xv = RandomTensor(x_shape, 1),
                       wv = RandomTensor({oc, window.kernel_h, window.kernel_w, x_shape[3]}, 2),
                       bv = RandomTensor({oc}, 3);
  Result<WindowGeometry> g = ComputeWindowGeometry(x_shape[1], x_shape[2], window);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ThreadPool pool(2, /*min_work_per_shard=*/1);
  Tape<double> tape(&pool);
  const Var<double> y = Conv2D(tape, MakeVar(xv, false), MakeVar(wv, false), MakeVar(bv, false), *g);
  const Tensor<double> expected = DirectConv(xv, wv, bv, *g);
  ASSERT_EQ(y->value.shape(), expected.shape());
  for (int64_t i = 0; i < expected.size(); ++i) ASSERT_NEAR(y->value[i], expected[i], 1e-12) << "at " << i;
}

TEST(ConvOpsTest, ForwardMatchesDirectSum) {
  ExpectMatchesDirectSum({3, 6, 7, 1}, 4, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectMatchesDirectSum({3, 6, 7, 11}, 5, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectMatchesDirectSum({2, 9, 8, 11}, 4,
                         {.kernel_h = 3, .kernel_w = 3, .stride_w = 2, .dilation_h = 2, .dilation_w = 1});
  ExpectMatchesDirectSum({2, 5, 6, 16}, 3, {.kernel_h = 2, .kernel_w = 2, .padding = Padding::kSame});
  ExpectMatchesDirectSum({2, 9, 8, 3}, 4,
                         {.kernel_h = 3, .kernel_w = 2, .stride_h = 2, .dilation_w = 3, .padding = Padding::kSame});
  ExpectMatchesDirectSum({3, 6, 7, 1}, 8, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectMatchesDirectSum({2, 5, 9, 16}, 16, {.kernel_h = 2, .kernel_w = 3, .padding = Padding::kSame});
  ExpectMatchesDirectSum({2, 5, 9, 3}, 8, {.kernel_h = 3, .kernel_w = 2});
  ExpectMatchesDirectSum({2, 2, 1, 3}, 8, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectMatchesDirectSum({3, 3, 2, 16}, 32, {.kernel_h = 5, .kernel_w = 4, .padding = Padding::kSame});
  // 3x3 from 16 to 32 doubles on an even output: winograd_conv.h's tiles.
  ExpectMatchesDirectSum({2, 6, 8, 16}, 32, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
}

// On a CPU that runs direct_conv.h's kernels, a stride-1 convolution whose
// channel counts they vectorise is computed by them: the forward pass and
// both gradients are the bits of the kernels run image by image as
// conv_ops.h says (one thread: one shard, so the filter gradient is one
// chain over the batch). The checks above hold on im2col too; this one
// fails if Conv2D stops routing to the kernels. (With sums of 800 terms:
// on shorter ones OpenBLAS's kernels can give the same bits.)
TEST(ConvOpsTest, StrideOneWithWholeVectorsOfChannelsRunsOnTheDirectKernels) {
  if (DirectConvCpuIsa() == DirectConvIsa::kNone) GTEST_SKIP() << "this CPU has neither AVX2 with FMA nor AVX-512";
  const int64_t n = 2, h = 5, w = 6, c = 32, oc = 32, k = 5, pad = 2, ph = h + k - 1, pw = w + k - 1;
  const Var<double> x = MakeVar(RandomTensor({n, h, w, c}, 1), true);
  const Var<double> filter = MakeVar(RandomTensor({oc, k, k, c}, 2), true);
  const Tensor<double> dy = RandomTensor({n, h, w, oc}, 3);
  Result<WindowGeometry> g = ComputeWindowGeometry(h, w, {.kernel_h = k, .kernel_w = k, .padding = Padding::kSame});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->pad_top, pad);
  ASSERT_EQ(g->pad_left, pad);
  ThreadPool pool(1);
  Tape<double> tape(&pool);
  const Var<double> y = Conv2D(tape, x, filter, Var<double>(), *g);
  tape.Backward(y, dy);

  const DirectConvShape forward{
      .in_channels = c, .out_channels = oc, .kernel_h = k, .kernel_w = k, .out_h = h, .out_w = w};
  const DirectConvShape backward{
      .in_channels = oc, .out_channels = c, .kernel_h = k, .kernel_w = k, .out_h = h, .out_w = w};
  std::vector<double> packed(filter->value.size()), turned(filter->value.size()), packed_grad(packed.size(), 0);
  PackFilter(filter->value.data(), oc, k, k, c, false, packed.data());
  PackFilter(filter->value.data(), oc, k, k, c, true, turned.data());
  std::vector<double> want_y(y->value.size()), want_dx(x->value.size()), want_dw(packed.size(), 0);
  std::vector<double> xp(ph * pw * c), dyp(ph * pw * oc);
  for (int64_t i = 0; i < n; ++i) {
    PadImage(x->value.data() + i * h * w * c, h, w, c, pad, pad, ph, pw, xp.data());
    DirectConvImage(xp.data(), packed.data(), forward, false, want_y.data() + i * h * w * oc);
    DirectConvFilterGradientImage(xp.data(), dy.data() + i * h * w * oc, forward, packed_grad.data());
    // dy padded by k - 1 - pad (here pad again: same padding of an odd k).
    PadImage(dy.data() + i * h * w * oc, h, w, oc, pad, pad, ph, pw, dyp.data());
    DirectConvImage(dyp.data(), turned.data(), backward, false, want_dx.data() + i * h * w * c);
  }
  AddUnpackedFilter(packed_grad.data(), oc, k, k, c, want_dw.data());
  auto values = [](const Tensor<double>& t) { return std::vector<double>(t.data(), t.data() + t.size()); };
  EXPECT_EQ(values(y->value), want_y);  // exact equality of doubles
  EXPECT_EQ(values(x->grad), want_dx);
  EXPECT_EQ(values(filter->grad), want_dw);
}

}  // namespace
}  // namespace mote::train
