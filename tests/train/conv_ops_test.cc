// Conv2D's forward pass against a direct sum over each window: the
// gradient checks (op_gradient_test.cc) test forward and backward against
// each other, this pins the forward values themselves, through im2col's
// paths (one channel, many; same and valid padding; dilation; strides)
// and the direct kernels' (stride 1, 8, 16 or 32 output channels in
// double; windows larger than the image).
#include <gtest/gtest.h>

#include "train/conv_ops.h"
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
}

}  // namespace
}  // namespace mote::train
