#include "train/gemm.h"

#include <algorithm>
#include <type_traits>

#include <cblas.h>

namespace mote::train {
namespace {

// The ops parallelise over the batch; an OpenBLAS call must not start
// threads of its own (it would also make results depend on its split).
void UseOneBlasThread() {
  static const bool once = (openblas_set_num_threads(1), true);
  (void)once;
}

CBLAS_TRANSPOSE Cblas(Op op) { return op == Op::kTranspose ? CblasTrans : CblasNoTrans; }

// A leading dimension: BLAS wants >= 1 even for an empty matrix.
blasint Ld(int64_t columns) { return static_cast<blasint>(std::max<int64_t>(1, columns)); }

}  // namespace

std::string_view BlasKernels() { return openblas_get_corename(); }

template <typename T>
void Gemm(Op op_a, Op op_b, int64_t m, int64_t n, int64_t k, const T* a, const T* b, bool accumulate, T* c) {
  if (m == 0 || n == 0) return;
  UseOneBlasThread();
  const auto gemm = [] {
    if constexpr (std::is_same_v<T, float>) return cblas_sgemm;
    else return cblas_dgemm;
  }();
  gemm(CblasRowMajor, Cblas(op_a), Cblas(op_b), static_cast<blasint>(m), static_cast<blasint>(n),
       static_cast<blasint>(k), T(1), a, Ld(op_a == Op::kTranspose ? m : k), b, Ld(op_b == Op::kTranspose ? k : n),
       accumulate ? T(1) : T(0), c, Ld(n));
}

template void Gemm(Op, Op, int64_t, int64_t, int64_t, const float*, const float*, bool, float*);
template void Gemm(Op, Op, int64_t, int64_t, int64_t, const double*, const double*, bool, double*);

}  // namespace mote::train
