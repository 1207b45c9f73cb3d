// Random numbers for the data generators that are the same on every machine.
// std::mt19937_64's output is fixed by the C++ standard, but the standard
// distributions (uniform_real_distribution, normal_distribution, ...) are not:
// each library implements them its own way. So the engine comes from the
// standard library and every distribution is implemented here.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string_view>

namespace mote {

class SynthRandom {
 public:
  explicit SynthRandom(uint64_t seed) : engine_(seed) {}

  // The stream for one generated file, derived from the run's seed, the
  // generator's kind, the label and the file's index. Each file has its own
  // stream so that it does not change when --count, the set of labels or the
  // number of worker threads changes.
  static SynthRandom ForFile(uint64_t seed, std::string_view kind, std::string_view label, int64_t index);

  uint64_t Bits() { return engine_(); }
  // Uniform in [0, 1), with 53 random bits.
  double Uniform();
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n); n must be positive. Unbiased (rejection).
  uint64_t Below(uint64_t n);
  // Standard normal (Box-Muller; the second value of each pair is kept for
  // the next call).
  double Normal();
  double Normal(double mean, double stddev) { return mean + stddev * Normal(); }
  // True with probability p.
  bool Chance(double p) { return Uniform() < p; }
  // `nominal` scaled by a factor uniform in [1 - spread, 1 + spread].
  double Around(double nominal, double spread) { return nominal * (1 + spread * Uniform(-1, 1)); }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace mote
