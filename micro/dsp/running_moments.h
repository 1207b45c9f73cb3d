// RunningMoments: mean, RMS, skewness and kurtosis of a stream in one pass,
// with the numerically stable update of Welford, extended to the third and
// fourth central moments (Terriberry / Pebay), so float accumulators do not
// lose the variance of a signal with a large offset.
#pragma once

#include <cstdint>

namespace mote::dsp {

class RunningMoments {
 public:
  void Add(float x);
  void Reset() { *this = RunningMoments(); }

  uint32_t count() const { return n_; }
  float Mean() const { return mean_; }
  // sqrt(mean of x^2); 0 for no samples.
  float Rms() const;
  // Population skewness m3 / m2^1.5 (SciPy's skew with bias=True); 0 when
  // the variance is 0.
  float Skewness() const;
  // Excess kurtosis m4 / m2^2 - 3 (SciPy's kurtosis, Fisher, bias=True);
  // 0 when the variance is 0.
  float Kurtosis() const;

 private:
  uint32_t n_ = 0;
  float mean_ = 0.0f;
  float m2_ = 0.0f;  // sums of powers of deviations from the mean
  float m3_ = 0.0f;
  float m4_ = 0.0f;
};

}  // namespace mote::dsp
