// What the tests of the run-time-dispatched convolution kernels
// (direct_conv_test.cc, winograd_conv_test.cc) share.
#pragma once

#include <cstdint>
#include <vector>

#include "train/direct_conv.h"
#include "train/rng.h"

namespace mote::testing {

// n values uniform in [-1, 1) from `seed`.
template <typename T>
std::vector<T> RandomValues(int64_t n, uint64_t seed) {
  train::Rng rng(seed);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(rng.Uniform(-1, 1));
  return v;
}

// Every instruction set the kernels can be run with on this CPU, narrowest
// first (empty on a CPU that runs none).
inline std::vector<train::DirectConvIsa> IsasOfThisCpu() {
  std::vector<train::DirectConvIsa> isas;
  if (train::DirectConvCpuIsa() >= train::DirectConvIsa::kAvx2) isas.push_back(train::DirectConvIsa::kAvx2);
  if (train::DirectConvCpuIsa() >= train::DirectConvIsa::kAvx512) isas.push_back(train::DirectConvIsa::kAvx512);
  return isas;
}

}  // namespace mote::testing
