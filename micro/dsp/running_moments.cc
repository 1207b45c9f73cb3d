#include "micro/dsp/running_moments.h"

#include <cmath>

namespace mote::dsp {

void RunningMoments::Add(float x) {
  const float n_before = static_cast<float>(n_);
  ++n_;
  const float n = static_cast<float>(n_);
  const float delta = x - mean_;
  const float delta_n = delta / n;
  const float delta_n2 = delta_n * delta_n;
  const float term = delta * delta_n * n_before;
  mean_ += delta_n;
  m4_ += term * delta_n2 * (n * n - 3.0f * n + 3.0f) + 6.0f * delta_n2 * m2_ - 4.0f * delta_n * m3_;
  m3_ += term * delta_n * (n - 2.0f) - 3.0f * delta_n * m2_;
  m2_ += term;
}

float RunningMoments::Rms() const {
  if (n_ == 0) return 0.0f;
  // mean of x^2 = variance + mean^2.
  return std::sqrt(m2_ / static_cast<float>(n_) + mean_ * mean_);
}

float RunningMoments::Skewness() const {
  if (!(m2_ > 0.0f)) return 0.0f;
  const float n = static_cast<float>(n_);
  return std::sqrt(n) * m3_ / (m2_ * std::sqrt(m2_));
}

float RunningMoments::Kurtosis() const {
  if (!(m2_ > 0.0f)) return 0.0f;
  return static_cast<float>(n_) * m4_ / (m2_ * m2_) - 3.0f;
}

}  // namespace mote::dsp
