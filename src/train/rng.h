// Rng: the training engine's random numbers (initialisation, shuffling,
// dropout). xoshiro256** seeded through SplitMix64, with uniform and normal
// draws written here rather than taken from <random>'s distributions, whose
// algorithms differ between standard libraries: a seed gives the same
// numbers with any compiler. Not thread-safe; one per user.
#pragma once

#include <cstdint>

namespace mote::train {

class Rng {
 public:
  // Everything that decides the next draws (checkpoints save it).
  struct State {
    uint64_t s[4] = {};
    double spare = 0;
    bool has_spare = false;
  };

  explicit Rng(uint64_t seed);
  // Continues exactly where the Rng that gave `state` was.
  explicit Rng(const State& state);
  State state() const;

  uint64_t Next();
  // Uniform in [0, 1) with 53 random bits.
  double Uniform();
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift, no modulo bias
  // worth measuring for n far below 2^64).
  uint64_t Below(uint64_t n);
  // Standard normal (Box-Muller; the second value of each pair is kept).
  double Normal();

 private:
  uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace mote::train
