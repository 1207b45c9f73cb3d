// The matrix products on OpenBLAS: every transpose combination, assigned
// and accumulated, against a plain triple loop.
#include <vector>

#include <gtest/gtest.h>

#include "train/gemm.h"

namespace mote::train {
namespace {

// a [rows, cols] row-major with small integers, so float products are exact.
std::vector<float> Matrix(int64_t rows, int64_t cols, int seed) {
  std::vector<float> m(rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i) m[i] = static_cast<float>((i * 7 + seed * 13) % 11) - 5.0f;
  return m;
}

TEST(GemmTest, MatchesTripleLoopForEveryTransposeAndAccumulate) {
  const int64_t m = 37, n = 19, k = 23;
  for (Op op_a : {Op::kNone, Op::kTranspose}) {
    for (Op op_b : {Op::kNone, Op::kTranspose}) {
      for (bool accumulate : {false, true}) {
        // op_a(a) is [m, k], op_b(b) is [k, n].
        const std::vector<float> a = Matrix(m, k, 1), b = Matrix(k, n, 2);
        const auto at = [&](int64_t i, int64_t p) { return op_a == Op::kNone ? a[i * k + p] : a[p * m + i]; };
        const auto bt = [&](int64_t p, int64_t j) { return op_b == Op::kNone ? b[p * n + j] : b[j * k + p]; };
        std::vector<float> c = Matrix(m, n, 3), expected = c;
        for (int64_t i = 0; i < m; ++i) {
          for (int64_t j = 0; j < n; ++j) {
            float sum = 0;
            for (int64_t p = 0; p < k; ++p) sum += at(i, p) * bt(p, j);
            expected[i * n + j] = accumulate ? expected[i * n + j] + sum : sum;
          }
        }
        Gemm(op_a, op_b, m, n, k, a.data(), b.data(), accumulate, c.data());
        EXPECT_EQ(c, expected) << "op_a " << (op_a == Op::kTranspose) << " op_b " << (op_b == Op::kTranspose)
                               << " accumulate " << accumulate;
      }
    }
  }
}

}  // namespace
}  // namespace mote::train
