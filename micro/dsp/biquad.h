// Biquad cascades: IIR filters as a chain of second-order sections,
//   y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2],
// run in transposed direct form II (two state values per section), the
// form with the best float behaviour for low-frequency poles.
#pragma once

#include <cstdint>

namespace mote::dsp {

// One section; a0 is 1. A first-order section has b2 = a2 = 0.
struct Biquad {
  float b0, b1, b2, a1, a2;
};

// Runs `count` sections in series over a signal, carrying their state from
// one Process call to the next (so a stream can be filtered in chunks).
// Does not own the sections or the state. Not thread-safe.
class BiquadCascade {
 public:
  // `sections` must outlive the cascade; `state` holds 2 * count floats.
  // Starts from rest (zero state).
  BiquadCascade(const Biquad* sections, uint32_t count, float* state);

  // Filters `length` samples from `in` into `out` (which may be `in`).
  void Process(const float* in, uint32_t length, float* out);

  // Back to rest.
  void Reset();

 private:
  const Biquad* sections_;
  uint32_t count_;
  float* state_;
};

}  // namespace mote::dsp
