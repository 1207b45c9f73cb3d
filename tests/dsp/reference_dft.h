// A direct double-precision DFT: the textbook sum, O(N^2), independent of
// every FFT under test. Only the tests use it.
#pragma once

#include <complex>
#include <vector>

namespace mote::dsp::testing {

// Bins k in [0, x.size() / 2] of sum_n x[n] * exp(-2*pi*i*k*n/N).
std::vector<std::complex<double>> ReferenceRealDft(const std::vector<double>& x);

}  // namespace mote::dsp::testing
