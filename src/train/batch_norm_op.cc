#include "train/batch_norm_op.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "train/shard_partials.h"

namespace mote::train {
namespace {

// Adds per-channel sums over rows [r.begin, r.end) of a [rows, c] array to
// sums[0, c) (and, with a second term, sums[c, 2c)): term(at, i) for the
// element at flat index `at` of channel i.
template <typename Term>
void AddChannelSums(ShardRange r, int64_t c, double* __restrict sums, Term term) {
  for (int64_t row = r.begin; row < r.end; ++row) {
    for (int64_t i = 0; i < c; ++i) term(row * c + i, i, sums);
  }
}

// The upper bound of the fused clamp (infinity for relu and none).
template <typename T>
T ClampCap(BatchNormClamp clamp) {
  return clamp == BatchNormClamp::kRelu6 ? T(6) : std::numeric_limits<T>::infinity();
}

}  // namespace

template <typename T>
Var<T> BatchNorm(Tape<T>& tape, const Var<T>& x, const Var<T>& gamma, const Var<T>& beta, Tensor<T>* running_mean,
                 Tensor<T>* running_var, const BatchNormOptions& options) {
  const int64_t c = x->value.dim(-1), rows = x->value.size() / c;
  const T* __restrict xp = x->value.data();
  const int shards = ShardsFor(tape.pool(), rows, rows * c);
  // Per-channel statistics, summed in double: a fixed order and enough
  // precision for batches of many pixels in float.
  std::vector<T> mean(c), inv_std(c);
  if (options.training) {
    ShardPartials<double> sum(shards, c), sum_sq(shards, c);
    tape.pool().Run(shards, [&](int s) {
      AddChannelSums(ShardOf(rows, shards, s), c, sum.shard(s),
                     [xp](int64_t at, int64_t i, double* acc) { acc[i] += xp[at]; });
    });
    std::vector<double> total(c, 0.0), total_sq(c, 0.0);
    sum.AddTo(total.data());
    for (double& v : total) v /= static_cast<double>(rows);  // now the mean
    tape.pool().Run(shards, [&](int s) {
      const double* __restrict m = total.data();
      AddChannelSums(ShardOf(rows, shards, s), c, sum_sq.shard(s), [xp, m](int64_t at, int64_t i, double* acc) {
        const double d = static_cast<double>(xp[at]) - m[i];
        acc[i] += d * d;
      });
    });
    sum_sq.AddTo(total_sq.data());
    for (int64_t i = 0; i < c; ++i) {
      const double var = total_sq[i] / rows;
      mean[i] = static_cast<T>(total[i]);
      inv_std[i] = static_cast<T>(1.0 / std::sqrt(var + options.epsilon));
      const double unbiased = rows > 1 ? total_sq[i] / (rows - 1) : var;
      T& rm = (*running_mean)[i];
      T& rv = (*running_var)[i];
      rm = static_cast<T>(options.momentum * rm + (1 - options.momentum) * total[i]);
      rv = static_cast<T>(options.momentum * rv + (1 - options.momentum) * unbiased);
    }
  } else {
    for (int64_t i = 0; i < c; ++i) {
      mean[i] = (*running_mean)[i];
      inv_std[i] = static_cast<T>(1.0 / std::sqrt(static_cast<double>((*running_var)[i]) + options.epsilon));
    }
  }

  // y = gamma * (x - mean) * inv_std + beta, clamped; x_hat is not kept
  // (the backward pass recomputes it from x, which costs less than a
  // megabyte-sized write and read).
  const bool clamped = options.clamp != BatchNormClamp::kNone;
  const T lo = clamped ? T(0) : -std::numeric_limits<T>::infinity(), hi = ClampCap<T>(options.clamp);
  Tensor<T> y = Tensor<T>::Uninitialized(x->value.shape());
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(rows, shards, s);
    const T* __restrict g = gamma->value.data();
    const T* __restrict bt = beta->value.data();
    const T* __restrict m = mean.data();
    const T* __restrict is = inv_std.data();
    T* __restrict yp = y.data();
    for (int64_t row = r.begin; row < r.end; ++row) {
      for (int64_t i = 0; i < c; ++i) {
        const int64_t at = row * c + i;
        yp[at] = std::min(std::max(g[i] * ((xp[at] - m[i]) * is[i]) + bt[i], lo), hi);
      }
    }
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad || gamma->requires_grad || beta->requires_grad);
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, gamma, beta, result, mean = std::move(mean), inv_std = std::move(inv_std), rows, c, shards,
               clamped, hi, training = options.training] {
    if (!result->has_grad()) return;
    const T* __restrict dy = result->grad.data();
    const T* __restrict yv = result->value.data();
    const T* __restrict xv = x->value.data();
    const T* __restrict m = mean.data();
    const T* __restrict is = inv_std.data();
    // The gradient reaching the normalisation: dy where the clamp passed
    // the value through, 0 where it cut.
    const auto dz = [dy, yv, clamped, hi](int64_t at) {
      return clamped ? dy[at] * T((yv[at] > T(0)) & (yv[at] < hi)) : dy[at];
    };
    ShardPartials<double> partials(shards, 2 * c);
    tape.pool().Run(shards, [&](int s) {
      AddChannelSums(ShardOf(rows, shards, s), c, partials.shard(s), [&](int64_t at, int64_t i, double* acc) {
        const double d = dz(at);
        acc[i] += d;                                    // d beta
        acc[c + i] += d * ((xv[at] - m[i]) * is[i]);  // d gamma: dz times x_hat
      });
    });
    std::vector<double> sums(2 * c, 0.0);
    partials.AddTo(sums.data());
    const double* dbeta = sums.data();
    const double* dgamma = sums.data() + c;
    if (gamma->requires_grad) {
      T* gg = gamma->MutableGrad();
      for (int64_t i = 0; i < c; ++i) gg[i] += static_cast<T>(dgamma[i]);
    }
    if (beta->requires_grad) {
      T* gb = beta->MutableGrad();
      for (int64_t i = 0; i < c; ++i) gb[i] += static_cast<T>(dbeta[i]);
    }
    if (!x->requires_grad) return;
    // Training: dx = gamma * inv_std * (dz - mean(dz) - x_hat * mean(dz * x_hat)),
    // the means over rows; evaluation: dx = gamma * inv_std * dz.
    std::vector<T> scale(c), mean_dz(c), mean_dz_xhat(c);
    const T* gv = gamma->value.data();
    for (int64_t i = 0; i < c; ++i) {
      scale[i] = gv[i] * inv_std[i];
      mean_dz[i] = training ? static_cast<T>(dbeta[i] / rows) : T(0);
      mean_dz_xhat[i] = training ? static_cast<T>(dgamma[i] / rows) : T(0);
    }
    bool accumulate;
    T* __restrict dx = x->GradToWrite(&accumulate);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(rows, shards, s);
      const T* __restrict sc = scale.data();
      const T* __restrict md = mean_dz.data();
      const T* __restrict mdx = mean_dz_xhat.data();
      for (int64_t row = r.begin; row < r.end; ++row) {
        for (int64_t i = 0; i < c; ++i) {
          const int64_t at = row * c + i;
          const T v = sc[i] * (dz(at) - md[i] - ((xv[at] - m[i]) * is[i]) * mdx[i]);
          dx[at] = accumulate ? dx[at] + v : v;
        }
      }
    });
  });
  return result;
}

#define MOTE_INSTANTIATE_BATCH_NORM(T)                                                                     \
  template Var<T> BatchNorm(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, Tensor<T>*, Tensor<T>*, \
                            const BatchNormOptions&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_BATCH_NORM)

}  // namespace mote::train
