#include "dsp/reference_dft.h"

#include <cmath>
#include <numbers>

namespace mote::dsp::testing {

std::vector<std::complex<double>> ReferenceRealDft(const std::vector<double>& x) {
  const size_t n = x.size();
  // exp(-2*pi*i*k*t/n) depends on k*t mod n only: one table of n roots.
  std::vector<std::complex<double>> roots(n);
  for (size_t t = 0; t < n; ++t) {
    const double angle = -2.0 * std::numbers::pi * static_cast<double>(t) / static_cast<double>(n);
    roots[t] = {std::cos(angle), std::sin(angle)};
  }
  std::vector<std::complex<double>> bins(n / 2 + 1);
  for (size_t k = 0; k < bins.size(); ++k) {
    std::complex<double> sum = 0.0;
    for (size_t t = 0; t < n; ++t) sum += x[t] * roots[(k * t) % n];
    bins[k] = sum;
  }
  return bins;
}

}  // namespace mote::dsp::testing
