// Matrix products of the training ops, on OpenBLAS (Debian
// libopenblas-pthread-dev), whose kernels are chosen at run time for the
// CPU (AVX2/FMA or AVX-512 where there is one).
//
//   c[m, n] = op(a) · op(b)      (accumulate false)
//   c[m, n] += op(a) · op(b)     (accumulate true)
//
// with every matrix row-major and dense: op(a) is [m, k] (a is [k, m] when
// transposed), op(b) is [k, n] (b is [n, k] when transposed). c must not
// overlap a or b.
//
// Threads: OpenBLAS is told once to use one thread per call; the training
// ops split work over the batch themselves (thread_pool.h), calling Gemm
// from several threads at once on disjoint outputs, which the pthread
// build of OpenBLAS supports. Determinism: one call's summation order
// depends on the sizes and the CPU's kernel only, so the same inputs give
// the same bits on a machine.
#pragma once

#include <cstdint>
#include <string_view>

namespace mote::train {

enum class Op { kNone, kTranspose };

template <typename T>
void Gemm(Op op_a, Op op_b, int64_t m, int64_t n, int64_t k, const T* a, const T* b, bool accumulate, T* c);

// The OpenBLAS kernel family the products run on ("Haswell", "SkylakeX",
// ...: OpenBLAS's choice for the CPU, or OPENBLAS_CORETYPE's), for
// benchmark reports. Thread-safe.
std::string_view BlasKernels();

// c[i, j] += row[j] for every row i of c [m, n] (a bias).
template <typename T>
void AddRowToEach(int64_t m, int64_t n, const T* row, T* c) {
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) c[i * n + j] += row[j];
  }
}

// sums[j] += sum over i of a[i, j], rows in order, for a [m, n] (a bias's
// gradient).
template <typename T>
void AddColumnSums(int64_t m, int64_t n, const T* a, T* sums) {
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) sums[j] += a[i * n + j];
  }
}

}  // namespace mote::train
