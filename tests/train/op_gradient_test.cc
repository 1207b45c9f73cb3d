// Every training op's gradient against central finite differences, in
// double precision, with a two-thread pool that shards even tiny batches
// (so the per-shard partial gradients and their ordered sum are covered).
#include <gtest/gtest.h>

#include "train/activation_ops.h"
#include "train/batch_norm_op.h"
#include "train/conv_ops.h"
#include "train/depthwise_conv_op.h"
#include "train/dense_op.h"
#include "train/losses.h"
#include "train/pool_ops.h"
#include "train/tensor_ops.h"
#include "train/gradient_check.h"

namespace mote::train {
namespace {

using testing::ExpectGradientsMatch;
using testing::RandomTensor;

class OpGradientTest : public ::testing::Test {
 protected:
  Var<double> Param(const Shape& shape, uint64_t seed, double lo = -1, double hi = 1) {
    return MakeVar(RandomTensor(shape, seed, lo, hi), true);
  }
  ThreadPool pool_{2, /*min_work_per_shard=*/1};
};

WindowGeometry Geometry(int64_t h, int64_t w, Window2D window) {
  Result<WindowGeometry> g = ComputeWindowGeometry(h, w, window);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return *g;
}

TEST_F(OpGradientTest, Dense) {
  Var<double> x = Param({3, 5}, 1), w = Param({4, 5}, 2), b = Param({4}, 3);
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Dense(t, x, w, b); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DValidStrided) {
  Var<double> x = Param({2, 7, 6, 3}, 1), w = Param({4, 3, 2, 3}, 2), b = Param({4}, 3);
  const WindowGeometry g = Geometry(7, 6, {.kernel_h = 3, .kernel_w = 2, .stride_h = 2, .stride_w = 1});
  EXPECT_EQ(g.out_h, 3);
  EXPECT_EQ(g.out_w, 5);
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DSameDilated) {
  Var<double> x = Param({3, 6, 7, 2}, 4), w = Param({3, 3, 3, 2}, 5), b = Param({3}, 6);
  const WindowGeometry g = Geometry(
      6, 7, {.kernel_h = 3, .kernel_w = 3, .stride_h = 2, .stride_w = 2, .dilation_h = 2, .dilation_w = 1,
             .padding = Padding::kSame});
  EXPECT_EQ(g.out_h, 3);
  EXPECT_EQ(g.out_w, 4);
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DSameDilatedAlongWidth) {
  // A dilation along x copies each tap on its own (im2col's other path).
  Var<double> x = Param({2, 5, 8, 2}, 40), w = Param({3, 2, 3, 2}, 41), b = Param({3}, 42);
  const WindowGeometry g =
      Geometry(5, 8, {.kernel_h = 2, .kernel_w = 3, .stride_w = 2, .dilation_w = 3, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DStrideOneGradientsComeFromColumnsOfDy) {
  // Stride 1: dx and the kernel's gradient both come from dy's columns
  // under the turned kernel's geometry (conv_ops.cc), here with same
  // padding (3x3, and 2x3 whose padding is uneven), valid padding with
  // dilation, and a second use of x whose gradient adds to the first's.
  Var<double> x = Param({2, 5, 6, 3}, 47), w = Param({4, 3, 3, 3}, 48), b = Param({4}, 49);
  const WindowGeometry same = Geometry(5, 6, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, same); }, &pool_);
  Var<double> w23 = Param({2, 2, 3, 3}, 50);
  const WindowGeometry uneven = Geometry(5, 6, {.kernel_h = 2, .kernel_w = 3, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w23}, [&](Tape<double>& t) { return Conv2D(t, x, w23, Var<double>(), uneven); }, &pool_);
  const WindowGeometry dilated =
      Geometry(5, 6, {.kernel_h = 2, .kernel_w = 3, .dilation_h = 2, .dilation_w = 2});
  EXPECT_EQ(dilated.out_h, 3);
  EXPECT_EQ(dilated.out_w, 2);
  ExpectGradientsMatch({x, w23}, [&](Tape<double>& t) { return Conv2D(t, x, w23, Var<double>(), dilated); }, &pool_);
  Var<double> w2 = Param({4, 3, 3, 3}, 51);
  ExpectGradientsMatch(
      {x, w, w2}, [&](Tape<double>& t) { return Add(t, Conv2D(t, x, w, b, same), Conv2D(t, x, w2, b, same)); },
      &pool_);
}

TEST_F(OpGradientTest, Conv2DOnDirectKernels) {
  // Stride 1 with channel counts a multiple of 8 doubles: the direct
  // kernels (direct_conv.h) for the forward pass and both gradients; same
  // padding (3x3 and the uneven 2x3), valid padding, x used twice (its
  // gradient added to), and an input without a gradient (only the filter's).
  Var<double> x = Param({2, 4, 5, 8}, 60), w = Param({8, 3, 3, 8}, 61), b = Param({8}, 62);
  const WindowGeometry same = Geometry(4, 5, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, same); }, &pool_);
  Var<double> w16 = Param({16, 2, 3, 8}, 63);
  const WindowGeometry uneven = Geometry(4, 5, {.kernel_h = 2, .kernel_w = 3, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w16}, [&](Tape<double>& t) { return Conv2D(t, x, w16, Var<double>(), uneven); }, &pool_);
  const WindowGeometry valid = Geometry(4, 5, {.kernel_h = 2, .kernel_w = 3});
  ExpectGradientsMatch({x, w16}, [&](Tape<double>& t) { return Conv2D(t, x, w16, Var<double>(), valid); }, &pool_);
  Var<double> w2 = Param({8, 3, 3, 8}, 64);
  ExpectGradientsMatch(
      {x, w, w2}, [&](Tape<double>& t) { return Add(t, Conv2D(t, x, w, b, same), Conv2D(t, x, w2, b, same)); },
      &pool_);
  const Var<double> input = MakeVar(RandomTensor({2, 4, 5, 1}, 65), false);
  Var<double> w1 = Param({8, 3, 3, 1}, 66);
  ExpectGradientsMatch({w1, b}, [&](Tape<double>& t) { return Conv2D(t, input, w1, b, same); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DOnWinogradTiles) {
  // A 3x3 kernel of stride 1 from 16 to 32 doubles on an even output: the
  // forward pass and the input gradient (32 to 16) on winograd_conv.h's
  // tiles, the filter gradient on the direct kernels; x used twice.
  Var<double> x = Param({2, 4, 6, 16}, 70), w = Param({32, 3, 3, 16}, 71), b = Param({32}, 72);
  const WindowGeometry same = Geometry(4, 6, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, same); }, &pool_);
  Var<double> w2 = Param({32, 3, 3, 16}, 73);
  ExpectGradientsMatch(
      {x}, [&](Tape<double>& t) { return Add(t, Conv2D(t, x, w, b, same), Conv2D(t, x, w2, b, same)); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DOnDirectKernelsWithAKernelLargerThanTheImage) {
  // A 3x5 window over a 2x3 image (same padding: every output's window
  // hangs over both edges), and a 3x4 one, padded unevenly along x (1
  // before, 2 after; dy's padding for the input gradient is 2 before, 1
  // after).
  Var<double> x = Param({2, 2, 3, 8}, 70), w = Param({8, 3, 5, 8}, 71), b = Param({8}, 72);
  const WindowGeometry wide = Geometry(2, 3, {.kernel_h = 3, .kernel_w = 5, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv2D(t, x, w, b, wide); }, &pool_);
  Var<double> w4 = Param({16, 3, 4, 8}, 73);
  const WindowGeometry even = Geometry(2, 3, {.kernel_h = 3, .kernel_w = 4, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w4}, [&](Tape<double>& t) { return Conv2D(t, x, w4, Var<double>(), even); }, &pool_);
}

TEST_F(OpGradientTest, Conv2DPointwiseWithoutBias) {
  Var<double> x = Param({2, 3, 3, 4}, 7), w = Param({5, 1, 1, 4}, 8);
  const WindowGeometry g = Geometry(3, 3, {.padding = Padding::kSame});
  ExpectGradientsMatch({x, w}, [&](Tape<double>& t) { return Conv2D(t, x, w, Var<double>(), g); }, &pool_);
}

TEST_F(OpGradientTest, Conv1DSame) {
  Var<double> x = Param({3, 9, 2}, 9), w = Param({4, 5, 2}, 10), b = Param({4}, 11);
  const WindowGeometry g = Geometry(1, 9, {.kernel_w = 5, .stride_w = 2, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv1D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, Conv1DOnDirectKernels) {
  Var<double> x = Param({2, 9, 8}, 67), w = Param({8, 5, 8}, 68), b = Param({8}, 69);
  const WindowGeometry g = Geometry(1, 9, {.kernel_w = 5, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv1D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, Conv1DOnDirectKernelsValidAndWiderThanTheSignal) {
  Var<double> x = Param({2, 9, 8}, 74), w = Param({16, 4, 8}, 75), b = Param({16}, 76);
  const WindowGeometry valid = Geometry(1, 9, {.kernel_w = 4});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return Conv1D(t, x, w, b, valid); }, &pool_);
  Var<double> shortx = Param({3, 2, 8}, 77), w7 = Param({8, 7, 8}, 78);
  const WindowGeometry wide = Geometry(1, 2, {.kernel_w = 7, .padding = Padding::kSame});
  ExpectGradientsMatch({shortx, w7}, [&](Tape<double>& t) { return Conv1D(t, shortx, w7, Var<double>(), wide); },
                       &pool_);
}

TEST_F(OpGradientTest, DepthwiseConv2DStridedSame) {
  Var<double> x = Param({2, 7, 6, 3}, 12), w = Param({1, 3, 3, 3}, 13), b = Param({3}, 14);
  const WindowGeometry g =
      Geometry(7, 6, {.kernel_h = 3, .kernel_w = 3, .stride_h = 2, .stride_w = 2, .padding = Padding::kSame});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return DepthwiseConv2D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, DepthwiseConv2DMultiplierDilatedValid) {
  Var<double> x = Param({2, 6, 6, 2}, 15), w = Param({1, 2, 3, 6}, 16), b = Param({6}, 17);
  const WindowGeometry g =
      Geometry(6, 6, {.kernel_h = 2, .kernel_w = 3, .stride_h = 1, .stride_w = 2, .dilation_h = 2});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return DepthwiseConv2D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, DepthwiseConv2DWideStridedWithManyChannels) {
  // 19 channels: one full block of 16 summed in registers and a rest of 3;
  // stride 3 leaves input pixels that no window reads (their gradient is 0).
  Var<double> x = Param({2, 7, 8, 19}, 43), w = Param({1, 2, 2, 19}, 44), b = Param({19}, 45);
  const WindowGeometry g = Geometry(7, 8, {.kernel_h = 2, .kernel_w = 2, .stride_h = 3, .stride_w = 3});
  ExpectGradientsMatch({x, w, b}, [&](Tape<double>& t) { return DepthwiseConv2D(t, x, w, b, g); }, &pool_);
}

TEST_F(OpGradientTest, MaxPoolSame) {
  Var<double> x = Param({2, 5, 5, 3}, 18);
  const WindowGeometry g =
      Geometry(5, 5, {.kernel_h = 2, .kernel_w = 2, .stride_h = 2, .stride_w = 2, .padding = Padding::kSame});
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return MaxPool(t, x, g); }, &pool_);
}

TEST_F(OpGradientTest, MaxPoolTilingWindows) {
  // 2x2 windows of stride 2 on an even size cover each cell once: the
  // gradient is written per window, without a zero-fill (pool_ops.cc).
  // Pooled twice, so the second backward step adds to the first's.
  Var<double> x = Param({3, 6, 4, 5}, 46);
  const WindowGeometry g = Geometry(6, 4, {.kernel_h = 2, .kernel_w = 2, .stride_h = 2, .stride_w = 2});
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return MaxPool(t, x, g); }, &pool_);
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return Add(t, MaxPool(t, x, g), MaxPool(t, x, g)); }, &pool_);
}

TEST_F(OpGradientTest, AveragePoolSameCountsRealCells) {
  Var<double> x = Param({2, 5, 4, 2}, 19);
  const WindowGeometry g =
      Geometry(5, 4, {.kernel_h = 3, .kernel_w = 3, .stride_h = 2, .stride_w = 2, .padding = Padding::kSame});
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return AveragePool(t, x, g); }, &pool_);
  // Output (0, 0)'s window starts one row above the image (padding 2 rows
  // in all, 1 on top; 1 column, 0 on the left): it covers rows 0-1 and
  // columns 0-2, and averages those 6 cells.
  Tape<double> tape(&pool_);
  const Var<double> y = AveragePool(tape, x, g);
  double sum = 0;
  for (int row = 0; row < 2; ++row) {
    for (int col = 0; col < 3; ++col) sum += x->value[(row * 4 + col) * 2];
  }
  EXPECT_NEAR(y->value[0], sum / 6, 1e-12);
}

TEST_F(OpGradientTest, Pool1D) {
  Var<double> x = Param({2, 9, 3}, 20);
  const WindowGeometry g = Geometry(1, 9, {.kernel_w = 3, .stride_w = 2});
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return MaxPool(t, x, g); }, &pool_);
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return AveragePool(t, x, g); }, &pool_);
}

TEST_F(OpGradientTest, GlobalAveragePool) {
  Var<double> x = Param({2, 3, 4, 5}, 21);
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return GlobalAveragePool(t, x); }, &pool_);
}

TEST_F(OpGradientTest, BatchNormTrainingMode) {
  Var<double> x = Param({4, 3, 2, 3}, 22, -2, 3), gamma = Param({3}, 23, 0.5, 1.5), beta = Param({3}, 24);
  Tensor<double> mean({3}, 0.0), var({3}, 1.0);
  ExpectGradientsMatch(
      {x, gamma, beta}, [&](Tape<double>& t) { return BatchNorm(t, x, gamma, beta, &mean, &var, {}); }, &pool_);
}

TEST_F(OpGradientTest, BatchNormEvaluationMode) {
  Var<double> x = Param({4, 5}, 25), gamma = Param({5}, 26), beta = Param({5}, 27);
  Tensor<double> mean = RandomTensor({5}, 28), var = RandomTensor({5}, 29, 0.5, 2);
  ExpectGradientsMatch(
      {x, gamma, beta},
      [&](Tape<double>& t) { return BatchNorm(t, x, gamma, beta, &mean, &var, {.training = false}); }, &pool_);
}

TEST_F(OpGradientTest, BatchNormTrainingNormalizesAndMovesRunningStatistics) {
  Var<double> x = MakeVar(Tensor<double>({4, 1}, std::vector<double>{1, 2, 3, 6}), false);
  Var<double> gamma = MakeVar(Tensor<double>({1}, 2.0), false), beta = MakeVar(Tensor<double>({1}, 1.0), false);
  Tensor<double> mean({1}, 0.0), var({1}, 1.0);
  Tape<double> tape(&pool_);
  const Var<double> y = BatchNorm(tape, x, gamma, beta, &mean, &var, {.momentum = 0.9, .epsilon = 0});
  // Batch mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5, unbiased 14 / 3.
  EXPECT_NEAR(y->value[0], 2 * (1 - 3) / std::sqrt(3.5) + 1, 1e-12);
  EXPECT_NEAR(mean[0], 0.1 * 3, 1e-12);
  EXPECT_NEAR(var[0], 0.9 + 0.1 * 14.0 / 3, 1e-12);
}

TEST_F(OpGradientTest, BatchNormWithFusedClampEqualsTheSeparateActivation) {
  // gamma and beta spread the outputs over about [-6, 12], across both of
  // relu6's kinks.
  Var<double> x = Param({4, 3, 2, 3}, 46, -2, 3), gamma = Param({3}, 47, 2, 4), beta = Param({3}, 48, 2, 4);
  for (const auto& [clamp, activation] : {std::pair{BatchNormClamp::kRelu, Activation::kRelu},
                                          std::pair{BatchNormClamp::kRelu6, Activation::kRelu6}}) {
    for (bool training : {true, false}) {
      SCOPED_TRACE(static_cast<int>(activation) * 2 + training);
      Tensor<double> mean({3}, 0.5), var({3}, 2.0);
      const BatchNormOptions fused{.training = training, .clamp = clamp};
      ExpectGradientsMatch(
          {x, gamma, beta}, [&](Tape<double>& t) { return BatchNorm(t, x, gamma, beta, &mean, &var, fused); },
          &pool_);
      Tape<double> tape(&pool_);
      const Var<double> one = BatchNorm(tape, x, gamma, beta, &mean, &var, fused);
      const Var<double> two =
          Activate(tape, BatchNorm(tape, x, gamma, beta, &mean, &var, {.training = training}), activation);
      EXPECT_EQ(one->value.values(), two->value.values());
      int cut = 0;
      for (double v : one->value.values()) cut += v == 0 || v == 6;
      EXPECT_GT(cut, 0);
    }
  }
}

TEST_F(OpGradientTest, Activations) {
  // Values spread over [-8, 8] so that relu6's upper kink is crossed; the
  // finite-difference step is far smaller than any value's distance to a kink.
  Var<double> x = Param({3, 7}, 30, -8, 8);
  for (Activation a : {Activation::kRelu, Activation::kRelu6, Activation::kLeakyRelu, Activation::kSigmoid,
                       Activation::kTanh}) {
    SCOPED_TRACE(static_cast<int>(a));
    ExpectGradientsMatch({x}, [&](Tape<double>& t) { return Activate(t, x, a, 0.1); }, &pool_);
  }
}

TEST_F(OpGradientTest, Softmax) {
  Var<double> x = Param({3, 4}, 31, -3, 3);
  ExpectGradientsMatch({x}, [&](Tape<double>& t) { return Softmax(t, x); }, &pool_);
}

TEST_F(OpGradientTest, DropoutScalesKeptValues) {
  Var<double> x = Param({4, 6}, 32);
  ExpectGradientsMatch(
      {x},
      [&](Tape<double>& t) {
        Rng rng(7);
        return Dropout(t, x, 0.5, true, &rng);
      },
      &pool_);
  Tape<double> tape(&pool_);
  Rng rng(7);
  const Var<double> y = Dropout(tape, x, 0.5, true, &rng);
  int zeros = 0;
  for (int64_t i = 0; i < y->value.size(); ++i) {
    if (y->value[i] == 0) {
      ++zeros;
    } else {
      EXPECT_DOUBLE_EQ(y->value[i], 2 * x->value[i]);
    }
  }
  EXPECT_GT(zeros, 0);
  EXPECT_LT(zeros, 24);
  EXPECT_EQ(Dropout(tape, x, 0.5, false, &rng), x);
}

TEST_F(OpGradientTest, ReshapeAddConcat) {
  Var<double> a = Param({2, 3, 4}, 33), b = Param({2, 3, 4}, 34), c = Param({2, 3, 2}, 35);
  ExpectGradientsMatch(
      {a, b, c},
      [&](Tape<double>& t) {
        // a is used twice (as a residual connection is): its gradient is the sum.
        Var<double> sum = Add(t, a, b);
        Var<double> cat = ConcatLastAxis(t, {sum, c, a});
        return Reshape(t, cat, {2, 30});
      },
      &pool_);
}

TEST_F(OpGradientTest, OpsAddToAGradientOthersStarted) {
  // x feeds every op that writes a whole input gradient: the first to run
  // backward assigns it (no zero-fill), the others must add.
  Var<double> x = Param({2, 5, 5, 3}, 49), w = Param({3, 3, 3, 3}, 50), pw = Param({3, 1, 1, 3}, 51);
  Var<double> dw = Param({1, 3, 3, 3}, 52), gamma = Param({3}, 53, 0.5, 1.5), beta = Param({3}, 54);
  const WindowGeometry same = Geometry(5, 5, {.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame});
  const WindowGeometry pointwise = Geometry(5, 5, {});
  Tensor<double> mean({3}, 0.0), var({3}, 1.0);
  ExpectGradientsMatch(
      {x},
      [&](Tape<double>& t) {
        Var<double> sum = Conv2D(t, x, w, Var<double>(), same);
        for (const Var<double>& v :
             {Conv2D(t, x, pw, Var<double>(), pointwise), DepthwiseConv2D(t, x, dw, Var<double>(), same),
              BatchNorm(t, x, gamma, beta, &mean, &var, {.clamp = BatchNormClamp::kRelu}), MaxPool(t, x, same),
              Activate(t, x, Activation::kTanh), Reshape(t, x, {2, 5, 5, 3})}) {
          sum = Add(t, sum, v);
        }
        return GlobalAveragePool(t, Add(t, sum, x));
      },
      &pool_);
}

TEST_F(OpGradientTest, SoftmaxCrossEntropyWithSmoothingAndClassWeights) {
  Var<double> logits = Param({4, 3}, 36, -2, 2);
  const std::vector<int32_t> labels = {0, 2, 1, 2};
  const CrossEntropyOptions options{.label_smoothing = 0.1, .class_weights = {1.0, 2.0, 0.5}};
  ExpectGradientsMatch(
      {logits}, [&](Tape<double>& t) { return SoftmaxCrossEntropy(t, logits, labels, options); }, &pool_);
}

TEST_F(OpGradientTest, SoftmaxCrossEntropyValue) {
  // Two classes, logits (0, ln 3): p = (1/4, 3/4). Label 1, smoothing 0.2:
  // target (0.1, 0.9); loss = -(0.1 ln 1/4 + 0.9 ln 3/4).
  Var<double> logits = MakeVar(Tensor<double>({1, 2}, std::vector<double>{0, std::log(3.0)}), true);
  Tape<double> tape(&pool_);
  const std::vector<int32_t> labels = {1};
  const Var<double> loss = SoftmaxCrossEntropy(tape, logits, labels, {.label_smoothing = 0.2});
  EXPECT_NEAR(loss->value[0], -(0.1 * std::log(0.25) + 0.9 * std::log(0.75)), 1e-12);
}

TEST_F(OpGradientTest, MeanSquaredError) {
  Var<double> p = Param({3, 4}, 37);
  const Tensor<double> target = RandomTensor({3, 4}, 38);
  ExpectGradientsMatch({p}, [&](Tape<double>& t) { return MeanSquaredError(t, p, target); }, &pool_);
}

}  // namespace
}  // namespace mote::train
