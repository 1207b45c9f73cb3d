#include "train/batch_norm_op.h"

#include <cmath>
#include <vector>

namespace mote::train {

template <typename T>
Var<T> BatchNorm(Tape<T>& tape, const Var<T>& x, const Var<T>& gamma, const Var<T>& beta, Tensor<T>* running_mean,
                 Tensor<T>* running_var, const BatchNormOptions& options) {
  const int64_t c = x->value.dim(-1), rows = x->value.size() / c;
  const T* xp = x->value.data();
  // Per-channel statistics are summed in double, row by row: a fixed order
  // and enough precision for batches of many pixels in float.
  std::vector<T> mean(c), inv_std(c);
  if (options.training) {
    std::vector<double> sum(c, 0.0), sum_sq(c, 0.0);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t i = 0; i < c; ++i) sum[i] += xp[r * c + i];
    }
    for (int64_t i = 0; i < c; ++i) mean[i] = static_cast<T>(sum[i] / rows);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t i = 0; i < c; ++i) {
        const double d = static_cast<double>(xp[r * c + i]) - sum[i] / rows;
        sum_sq[i] += d * d;
      }
    }
    for (int64_t i = 0; i < c; ++i) {
      const double var = sum_sq[i] / rows;
      inv_std[i] = static_cast<T>(1.0 / std::sqrt(var + options.epsilon));
      const double unbiased = rows > 1 ? sum_sq[i] / (rows - 1) : var;
      T& rm = (*running_mean)[i];
      T& rv = (*running_var)[i];
      rm = static_cast<T>(options.momentum * rm + (1 - options.momentum) * (sum[i] / rows));
      rv = static_cast<T>(options.momentum * rv + (1 - options.momentum) * unbiased);
    }
  } else {
    for (int64_t i = 0; i < c; ++i) {
      mean[i] = (*running_mean)[i];
      inv_std[i] = static_cast<T>(1.0 / std::sqrt(static_cast<double>((*running_var)[i]) + options.epsilon));
    }
  }

  Tensor<T> x_hat(x->value.shape()), y(x->value.shape());
  const T* g = gamma->value.data();
  const T* bt = beta->value.data();
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = 0; i < c; ++i) {
      const T h = (xp[r * c + i] - mean[i]) * inv_std[i];
      x_hat[r * c + i] = h;
      y[r * c + i] = g[i] * h + bt[i];
    }
  }
  Var<T> result = MakeVar(std::move(y), x->requires_grad || gamma->requires_grad || beta->requires_grad);
  if (!result->requires_grad) return result;
  tape.Record([x, gamma, beta, result, x_hat = std::move(x_hat), inv_std = std::move(inv_std), rows, c,
               training = options.training] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    std::vector<double> dbeta(c, 0.0), dgamma(c, 0.0);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t i = 0; i < c; ++i) {
        dbeta[i] += dy[r * c + i];
        dgamma[i] += static_cast<double>(dy[r * c + i]) * x_hat[r * c + i];
      }
    }
    if (gamma->requires_grad) {
      T* gg = gamma->MutableGrad();
      for (int64_t i = 0; i < c; ++i) gg[i] += static_cast<T>(dgamma[i]);
    }
    if (beta->requires_grad) {
      T* gb = beta->MutableGrad();
      for (int64_t i = 0; i < c; ++i) gb[i] += static_cast<T>(dbeta[i]);
    }
    if (!x->requires_grad) return;
    T* dx = x->MutableGrad();
    const T* gv = gamma->value.data();
    if (!training) {
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t i = 0; i < c; ++i) dx[r * c + i] += dy[r * c + i] * gv[i] * inv_std[i];
      }
      return;
    }
    // dx = gamma * inv_std / M * (M * dy - sum(dy) - x_hat * sum(dy * x_hat)).
    std::vector<T> scale(c), mean_dy(c), mean_dy_xhat(c);
    for (int64_t i = 0; i < c; ++i) {
      scale[i] = gv[i] * inv_std[i];
      mean_dy[i] = static_cast<T>(dbeta[i] / rows);
      mean_dy_xhat[i] = static_cast<T>(dgamma[i] / rows);
    }
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t i = 0; i < c; ++i) {
        const int64_t at = r * c + i;
        dx[at] += scale[i] * (dy[at] - mean_dy[i] - x_hat[at] * mean_dy_xhat[i]);
      }
    }
  });
  return result;
}

#define MOTE_INSTANTIATE_BATCH_NORM(T)                                                                     \
  template Var<T> BatchNorm(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, Tensor<T>*, Tensor<T>*, \
                            const BatchNormOptions&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_BATCH_NORM)

}  // namespace mote::train
