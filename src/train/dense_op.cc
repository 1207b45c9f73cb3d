#include "train/dense_op.h"

#include <cassert>

#include "train/eigen_maps.h"
#include "train/shard_partials.h"

namespace mote::train {

template <typename T>
Var<T> Dense(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b) {
  assert(x->value.rank() == 2 && w->value.rank() == 2 && x->value.dim(1) == w->value.dim(1));
  const int64_t n = x->value.dim(0), in = x->value.dim(1), out = w->value.dim(0);
  Tensor<T> y({n, out});
  const int shards = ShardsFor(tape.pool(), n, n * in * out);
  const ConstMatrixView<T> wm(w->value.data(), out, in);
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    MatrixView<T> ym(y.data() + r.begin * out, r.end - r.begin, out);
    ym.noalias() = ConstMatrixView<T>(x->value.data() + r.begin * in, r.end - r.begin, in) * wm.transpose();
    if (b) ym.rowwise() += ConstRowVectorView<T>(b->value.data(), out);
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad || w->requires_grad || (b && b->requires_grad));
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, w, b, result, n, in, out, shards] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    T* dx = x->requires_grad ? x->MutableGrad() : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    ShardPartials<T> dw(want_dw ? shards : 0, out * in), db(want_db ? shards : 0, out);
    const ConstMatrixView<T> weights(w->value.data(), out, in);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      const int64_t rows = r.end - r.begin;
      const ConstMatrixView<T> dym(dy + r.begin * out, rows, out);
      if (dx) MatrixView<T>(dx + r.begin * in, rows, in).noalias() += dym * weights;
      if (want_dw) {
        MatrixView<T>(dw.shard(s), out, in).noalias() +=
            dym.transpose() * ConstMatrixView<T>(x->value.data() + r.begin * in, rows, in);
      }
      if (want_db) RowVectorView<T>(db.shard(s), out) += dym.colwise().sum();
    });
    if (want_dw) dw.AddTo(w->MutableGrad());
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

#define MOTE_INSTANTIATE_DENSE(T) template Var<T> Dense(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_DENSE)

}  // namespace mote::train
