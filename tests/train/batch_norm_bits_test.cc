// Batch norm in float, fused with a relu, against a plain scalar
// reference that does the same operations in the same order: equal to the
// bit. The op's kernels run as AVX2 clones on a CPU that has AVX2 and as
// the baseline build elsewhere (simd_clones.h); both must give the
// reference's bits, or training would differ from one machine to another
// beyond OpenBLAS's kernels. 19 channels: whole vectors and a remainder.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "train/batch_norm_op.h"
#include "train/gradient_check.h"

namespace mote::train {
namespace {

Tensor<float> ToFloat(const Tensor<double>& t) {
  Tensor<float> f(t.shape());
  for (int64_t i = 0; i < t.size(); ++i) f[i] = static_cast<float>(t[i]);
  return f;
}

TEST(BatchNormBitsTest, FusedReluMatchesScalarReferenceBitForBit) {
  const int64_t c = 19;
  const Tensor<float> xv = ToFloat(testing::RandomTensor({4, 5, 6, c}, 1, -2, 2));
  const Tensor<float> gv = ToFloat(testing::RandomTensor({c}, 2, 0.5, 1.5));
  const Tensor<float> bv = ToFloat(testing::RandomTensor({c}, 3));
  const Tensor<float> dyv = ToFloat(testing::RandomTensor(xv.shape(), 4));
  const int64_t rows = xv.size() / c;
  const double eps = 1e-3;

  ThreadPool pool(1);
  Tape<float> tape(&pool);
  const Var<float> x = MakeVar(xv, true), gamma = MakeVar(gv, true), beta = MakeVar(bv, true);
  Tensor<float> running_mean({c}), running_var({c}, 1.0f);
  const Var<float> y = BatchNorm(tape, x, gamma, beta, &running_mean, &running_var,
                                 {.training = true, .epsilon = eps, .clamp = BatchNormClamp::kRelu});
  tape.Backward(y, dyv);

  // The reference: statistics in double in row order, around the first
  // row's value, the rest in float.
  std::vector<float> mean(c), inv_std(c), scale(c), shift(c);
  for (int64_t i = 0; i < c; ++i) {
    const double k = xv[i];
    double sum = 0, sq = 0;
    for (int64_t r = 0; r < rows; ++r) {
      const double d = static_cast<double>(xv[r * c + i]) - k;
      sum += d;
      sq += d * d;
    }
    const double m = k + sum / static_cast<double>(rows);
    sq -= sum / static_cast<double>(rows) * sum;
    mean[i] = static_cast<float>(m);
    inv_std[i] = static_cast<float>(1.0 / std::sqrt(sq / rows + eps));
    scale[i] = gv[i] * inv_std[i];
    shift[i] = bv[i] - mean[i] * scale[i];
  }
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> yr(xv.size());
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = 0; i < c; ++i) {
      const float v = xv[r * c + i] * scale[i] + shift[i];
      yr[r * c + i] = std::min(std::max(v, 0.0f), inf);
    }
  }
  std::vector<double> dbeta(c, 0.0), dgamma(c, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = 0; i < c; ++i) {
      const int64_t at = r * c + i;
      const float dz = dyv[at] * static_cast<float>((yr[at] > 0.0f) & (yr[at] < inf));
      dbeta[i] += dz;
      dgamma[i] += static_cast<double>(dz) * ((xv[at] - mean[i]) * inv_std[i]);
    }
  }
  for (int64_t i = 0; i < c; ++i) {
    EXPECT_EQ(gamma->grad[i], static_cast<float>(dgamma[i])) << "gamma " << i;
    EXPECT_EQ(beta->grad[i], static_cast<float>(dbeta[i])) << "beta " << i;
  }
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = 0; i < c; ++i) {
      const int64_t at = r * c + i;
      ASSERT_EQ(y->value[at], yr[at]) << "y at " << at;
      const float dz = dyv[at] * static_cast<float>((yr[at] > 0.0f) & (yr[at] < inf));
      const float mean_dz = static_cast<float>(dbeta[i] / rows), mean_dz_xhat = static_cast<float>(dgamma[i] / rows);
      const float dx = scale[i] * (dz - mean_dz - ((xv[at] - mean[i]) * inv_std[i]) * mean_dz_xhat);
      ASSERT_EQ(x->grad[at], dx) << "dx at " << at;
    }
  }
}

// Values far from 0 against their spread (a channel at 10^6 +- 3, steps of
// float's 1/16 there): the one-pass statistics around the first row's
// value keep the variance that sums of squares about 0 would lose to
// cancellation, even in double (about 1e-3 of it here).
TEST(BatchNormBitsTest, KeepsTheVarianceOfAChannelFarFromZero) {
  const int64_t rows = 4096;
  Tensor<float> xv({rows, 1});
  for (int64_t r = 0; r < rows; ++r) xv[r] = 1e6f + 0.0625f * static_cast<float>((r * 37) % 101 - 50);
  long double sum = 0, sq = 0;
  for (int64_t r = 0; r < rows; ++r) sum += xv[r];
  const long double mean = sum / rows;
  for (int64_t r = 0; r < rows; ++r) sq += (xv[r] - mean) * (xv[r] - mean);
  const double var = static_cast<double>(sq / rows);

  ThreadPool pool(1);
  Tape<float> tape(&pool);
  Tensor<float> running_mean({1}), running_var({1}, 1.0f);
  BatchNorm(tape, MakeVar(xv, false), MakeVar(Tensor<float>({1}, 1.0f), false), MakeVar(Tensor<float>({1}), false),
            &running_mean, &running_var, {.training = true, .momentum = 0});
  EXPECT_EQ(running_mean[0], static_cast<float>(mean));
  EXPECT_NEAR(running_var[0], var * rows / (rows - 1), 1e-6 * var);
}

}  // namespace
}  // namespace mote::train
