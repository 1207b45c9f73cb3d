// Gradient checking for the training ops: the tape's gradients against
// central finite differences, in double precision.
#pragma once

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "train/autograd.h"
#include "train/rng.h"

namespace mote::train::testing {

// A tensor of `shape` with values uniform in [lo, hi) from `seed`.
inline Tensor<double> RandomTensor(const Shape& shape, uint64_t seed, double lo = -1, double hi = 1) {
  Rng rng(seed);
  Tensor<double> t(shape);
  for (int64_t i = 0; i < t.size(); ++i) t[i] = rng.Uniform(lo, hi);
  return t;
}

// Checks d(loss)/d(v) for every variable in `vars` (each requires_grad),
// where loss = sum(output * r) for a fixed random r and `forward` builds
// the output from the variables' current values on the given tape.
// Finite differences use step h; the check is
// |analytic - numeric| <= tolerance * max(1, |analytic|, |numeric|).
inline void ExpectGradientsMatch(const std::vector<Var<double>>& vars,
                                 const std::function<Var<double>(Tape<double>&)>& forward, ThreadPool* pool,
                                 double h = 1e-6, double tolerance = 1e-6) {
  const Tensor<double> r = [&] {
    Tape<double> tape(pool);
    return RandomTensor(forward(tape)->value.shape(), 99, -1, 1);
  }();
  auto loss_of = [&]() {
    Tape<double> tape(pool);
    Var<double> out = forward(tape);
    double loss = 0;
    for (int64_t i = 0; i < out->value.size(); ++i) loss += out->value[i] * r[i];
    return loss;
  };
  for (const Var<double>& v : vars) v->ZeroGrad();
  {
    Tape<double> tape(pool);
    tape.Backward(forward(tape), r);
  }
  for (size_t vi = 0; vi < vars.size(); ++vi) {
    const Var<double>& v = vars[vi];
    ASSERT_TRUE(v->has_grad()) << "variable " << vi << " got no gradient";
    const Tensor<double> analytic = v->grad;
    for (int64_t i = 0; i < v->value.size(); ++i) {
      const double saved = v->value[i];
      v->value[i] = saved + h;
      const double plus = loss_of();
      v->value[i] = saved - h;
      const double minus = loss_of();
      v->value[i] = saved;
      const double numeric = (plus - minus) / (2 * h);
      const double scale = std::max({1.0, std::abs(analytic[i]), std::abs(numeric)});
      ASSERT_LE(std::abs(analytic[i] - numeric), tolerance * scale)
          << "variable " << vi << " element " << i << ": analytic " << analytic[i] << ", numeric " << numeric;
    }
  }
}

}  // namespace mote::train::testing
