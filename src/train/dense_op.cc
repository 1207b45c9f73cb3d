#include "train/dense_op.h"

#include <cassert>

#include "train/gemm.h"
#include "train/shard_partials.h"

namespace mote::train {

template <typename T>
Var<T> Dense(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b) {
  assert(x->value.rank() == 2 && w->value.rank() == 2 && x->value.dim(1) == w->value.dim(1));
  const int64_t n = x->value.dim(0), in = x->value.dim(1), out = w->value.dim(0);
  Tensor<T> y = Tensor<T>::Uninitialized({n, out});
  const int shards = ShardsFor(tape.pool(), n, n * in * out);
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    T* yp = y.data() + r.begin * out;
    Gemm(Op::kNone, Op::kTranspose, r.end - r.begin, out, in, x->value.data() + r.begin * in, w->value.data(), false,
         yp);
    if (b) AddRowToEach(r.end - r.begin, out, b->value.data(), yp);
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad || w->requires_grad || (b && b->requires_grad));
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, w, b, result, n, in, out, shards] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    bool accumulate = false;
    T* dx = x->requires_grad ? x->GradToWrite(&accumulate) : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    ShardPartials<T> dw(want_dw ? shards : 0, out * in), db(want_db ? shards : 0, out);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      const int64_t rows = r.end - r.begin;
      const T* dyp = dy + r.begin * out;
      if (dx) Gemm(Op::kNone, Op::kNone, rows, in, out, dyp, w->value.data(), accumulate, dx + r.begin * in);
      if (want_dw) Gemm(Op::kTranspose, Op::kNone, out, in, rows, dyp, x->value.data() + r.begin * in, true, dw.shard(s));
      if (want_db) AddColumnSums(rows, out, dyp, db.shard(s));
    });
    if (want_dw) dw.AddTo(w->MutableGrad());
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

#define MOTE_INSTANTIATE_DENSE(T) template Var<T> Dense(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_DENSE)

}  // namespace mote::train
