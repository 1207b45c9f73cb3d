#include "train/optimizer.h"

#include <cmath>

namespace mote::train {

std::string_view OptimizerKindName(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::kSgd:
      return "sgd";
    case OptimizerKind::kAdam:
      return "adam";
    case OptimizerKind::kAdamW:
      return "adamw";
  }
  return "?";
}

Optimizer::Optimizer(std::vector<Parameter> params, OptimizerOptions options)
    : params_(std::move(params)), options_(options) {
  for (const Parameter& p : params_) {
    first_.emplace_back(p.var->value.size(), 0.0f);
    second_.emplace_back(options_.kind == OptimizerKind::kSgd ? 0 : p.var->value.size(), 0.0f);
  }
}

Status Optimizer::Restore(State state) {
  auto same_shape = [](const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k) {
      if (a[k].size() != b[k].size()) return false;
    }
    return true;
  };
  if (!same_shape(state.first, first_) || !same_shape(state.second, second_) || state.steps < 0) {
    return Status::InvalidArgument("the optimizer state does not fit this model and optimizer");
  }
  first_ = std::move(state.first);
  second_ = std::move(state.second);
  steps_ = state.steps;
  return Status::Ok();
}

void Optimizer::ZeroGrad() {
  for (Parameter& p : params_) p.var->ZeroGrad();
}

void Optimizer::Step(double lr) {
  ++steps_;
  const OptimizerOptions& o = options_;
  // Adam's bias corrections, in double: 1 - beta^t underflows float early.
  const double correction1 = 1 - std::pow(o.beta1, static_cast<double>(steps_));
  const double correction2 = 1 - std::pow(o.beta2, static_cast<double>(steps_));
  for (size_t k = 0; k < params_.size(); ++k) {
    Parameter& p = params_[k];
    if (p.var->grad.empty()) continue;
    float* w = p.var->value.data();
    const float* g = p.var->grad.data();
    float* m = first_[k].data();
    float* v = second_[k].data();
    const int64_t n = p.var->value.size();
    const float l2 = p.decay ? static_cast<float>(o.l2) : 0.0f;
    const float rate = static_cast<float>(lr);
    if (o.kind == OptimizerKind::kSgd) {
      const float mu = static_cast<float>(o.momentum);
      for (int64_t i = 0; i < n; ++i) {
        const float gi = g[i] + l2 * w[i];
        if (mu == 0) {
          w[i] -= rate * gi;
          continue;
        }
        m[i] = mu * m[i] + gi;
        w[i] -= rate * (o.nesterov ? gi + mu * m[i] : m[i]);
      }
      continue;
    }
    const float b1 = static_cast<float>(o.beta1), b2 = static_cast<float>(o.beta2);
    const float step = static_cast<float>(lr / correction1);
    const float inv_sqrt_c2 = static_cast<float>(1 / std::sqrt(correction2));
    const float eps = static_cast<float>(o.epsilon);
    const float decay = (o.kind == OptimizerKind::kAdamW && p.decay) ? static_cast<float>(lr * o.weight_decay) : 0.0f;
    for (int64_t i = 0; i < n; ++i) {
      const float gi = g[i] + l2 * w[i];
      w[i] -= decay * w[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      w[i] -= step * m[i] / (std::sqrt(v[i]) * inv_sqrt_c2 + eps);
    }
  }
}

}  // namespace mote::train
