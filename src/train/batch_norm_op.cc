#include "train/batch_norm_op.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "train/shard_partials.h"
#include "train/simd_clones.h"

namespace mote::train {
namespace {

// The kernels below run over rows [r.begin, r.end) of [rows, c] arrays.
// Every array comes in as a restrict pointer argument, so GCC keeps the
// pointers in registers and vectorises the loops over channels (reached
// through a lambda's captures, they were reloaded at every element and
// the loops stayed scalar). Each is compiled for AVX2 too (simd_clones.h).

// sums[i] += d and sums[c + i] += d^2, d = x[row, i] - shift[i]: the
// mean and variance in one pass. The shift (a value of the channel) keeps
// the two sums from cancelling when the mean is large against the spread.
template <typename T>
MOTE_SIMD_CLONES void SumShiftedPowers(ShardRange r, int64_t c, const T* __restrict x, const double* __restrict shift,
                                       double* __restrict sums) {
  for (int64_t row = r.begin; row < r.end; ++row) {
    for (int64_t i = 0; i < c; ++i) {
      const double d = static_cast<double>(x[row * c + i]) - shift[i];
      sums[i] += d;
      sums[c + i] += d * d;
    }
  }
}

// y = min(max(x * scale + shift, lo), hi).
template <typename T>
MOTE_SIMD_CLONES void Normalize(ShardRange r, int64_t c, const T* __restrict x, const T* __restrict scale,
                                const T* __restrict shift, T lo, T hi, T* __restrict y) {
  for (int64_t row = r.begin; row < r.end; ++row) {
    for (int64_t i = 0; i < c; ++i) {
      const int64_t at = row * c + i;
      y[at] = std::min(std::max(x[at] * scale[i] + shift[i], lo), hi);
    }
  }
}

// The gradient reaching the normalisation: dy, or with a clamp, dy where
// the output y passed through (0 < y < hi) and 0 where it was cut.
template <typename T, bool kClamped>
T GradientBeforeClamp(T dy, T y, T hi) {
  if constexpr (kClamped) return dy * T((y > T(0)) & (y < hi));
  return dy;
}

// sums[i] += dz and sums[c + i] += dz * x_hat, x_hat = (x - mean) * inv_std:
// the beta and gamma gradients.
template <typename T, bool kClamped>
MOTE_SIMD_CLONES void GradientSums(ShardRange r, int64_t c, const T* __restrict dy, const T* __restrict y, T hi,
                  const T* __restrict x, const T* __restrict mean, const T* __restrict inv_std,
                  double* __restrict sums) {
  for (int64_t row = r.begin; row < r.end; ++row) {
    for (int64_t i = 0; i < c; ++i) {
      const int64_t at = row * c + i;
      const T dz = GradientBeforeClamp<T, kClamped>(dy[at], y[at], hi);
      sums[i] += dz;
      sums[c + i] += static_cast<double>(dz) * ((x[at] - mean[i]) * inv_std[i]);
    }
  }
}

// dx (=, or += when `accumulate`) scale * (dz - mean_dz - x_hat * mean_dz_xhat).
template <typename T, bool kClamped>
MOTE_SIMD_CLONES void InputGradient(ShardRange r, int64_t c, const T* __restrict dy, const T* __restrict y, T hi,
                   const T* __restrict x, const T* __restrict mean, const T* __restrict inv_std,
                   const T* __restrict scale, const T* __restrict mean_dz, const T* __restrict mean_dz_xhat,
                   bool accumulate, T* __restrict dx) {
  for (int64_t row = r.begin; row < r.end; ++row) {
    for (int64_t i = 0; i < c; ++i) {
      const int64_t at = row * c + i;
      const T dz = GradientBeforeClamp<T, kClamped>(dy[at], y[at], hi);
      const T v = scale[i] * (dz - mean_dz[i] - ((x[at] - mean[i]) * inv_std[i]) * mean_dz_xhat[i]);
      dx[at] = accumulate ? dx[at] + v : v;
    }
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
  const T* xp = x->value.data();
  const int shards = ShardsFor(tape.pool(), rows, rows * c);
  // Per-channel statistics, summed in double in one pass: a fixed order and
  // enough precision for batches of many pixels in float.
  std::vector<T> mean(c), inv_std(c);
  if (options.training) {
    std::vector<double> shift(xp, xp + c), sums(2 * c, 0.0);  // the first row's values
    ShardPartials<double> partials(shards, 2 * c);
    tape.pool().Run(shards, [&](int s) {
      SumShiftedPowers(ShardOf(rows, shards, s), c, xp, shift.data(), partials.shard(s));
    });
    partials.AddTo(sums.data());
    const double n = static_cast<double>(rows);
    for (int64_t i = 0; i < c; ++i) {
      const double mean_d = sums[i] / n;
      const double total_sq = std::max(0.0, sums[c + i] - mean_d * sums[i]);  // sum of (x - mean)^2
      const double var = total_sq / n;
      const double batch_mean = shift[i] + mean_d;
      mean[i] = static_cast<T>(batch_mean);
      inv_std[i] = static_cast<T>(1.0 / std::sqrt(var + options.epsilon));
      const double unbiased = rows > 1 ? total_sq / (n - 1) : var;
      T& rm = (*running_mean)[i];
      T& rv = (*running_var)[i];
      rm = static_cast<T>(options.momentum * rm + (1 - options.momentum) * batch_mean);
      rv = static_cast<T>(options.momentum * rv + (1 - options.momentum) * unbiased);
    }
  } else {
    for (int64_t i = 0; i < c; ++i) {
      mean[i] = (*running_mean)[i];
      inv_std[i] = static_cast<T>(1.0 / std::sqrt(static_cast<double>((*running_var)[i]) + options.epsilon));
    }
  }

  // y = gamma * (x - mean) * inv_std + beta = x * scale + shift, clamped.
  // x_hat is not kept: the backward pass recomputes it from x, which costs
  // less than writing and reading it back.
  std::vector<T> scale(c), shift(c);
  for (int64_t i = 0; i < c; ++i) {
    scale[i] = gamma->value[i] * inv_std[i];
    shift[i] = beta->value[i] - mean[i] * scale[i];
  }
  const bool clamped = options.clamp != BatchNormClamp::kNone;
  const T lo = clamped ? T(0) : -std::numeric_limits<T>::infinity(), hi = ClampCap<T>(options.clamp);
  Tensor<T> y = Tensor<T>::Uninitialized(x->value.shape());
  tape.pool().Run(shards, [&](int s) {
    Normalize(ShardOf(rows, shards, s), c, xp, scale.data(), shift.data(), lo, hi, y.data());
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad || gamma->requires_grad || beta->requires_grad);
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, gamma, beta, result, mean = std::move(mean), inv_std = std::move(inv_std),
               scale = std::move(scale), rows, c, shards, clamped, hi, training = options.training] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    const T* yv = result->value.data();
    const T* xv = x->value.data();
    ShardPartials<double> partials(shards, 2 * c);
    tape.pool().Run(shards, [&](int s) {
      (clamped ? GradientSums<T, true> : GradientSums<T, false>)(ShardOf(rows, shards, s), c, dy, yv, hi, xv,
                                                                 mean.data(), inv_std.data(), partials.shard(s));
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
    std::vector<T> mean_dz(c, T(0)), mean_dz_xhat(c, T(0));
    if (training) {
      for (int64_t i = 0; i < c; ++i) {
        mean_dz[i] = static_cast<T>(dbeta[i] / rows);
        mean_dz_xhat[i] = static_cast<T>(dgamma[i] / rows);
      }
    }
    bool accumulate;
    T* dx = x->GradToWrite(&accumulate);
    tape.pool().Run(shards, [&](int s) {
      (clamped ? InputGradient<T, true> : InputGradient<T, false>)(ShardOf(rows, shards, s), c, dy, yv, hi, xv,
                                                                   mean.data(), inv_std.data(), scale.data(),
                                                                   mean_dz.data(), mean_dz_xhat.data(), accumulate,
                                                                   dx);
    });
  });
  return result;
}

#define MOTE_INSTANTIATE_BATCH_NORM(T)                                                                     \
  template Var<T> BatchNorm(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, Tensor<T>*, Tensor<T>*, \
                            const BatchNormOptions&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_BATCH_NORM)

}  // namespace mote::train
