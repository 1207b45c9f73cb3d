// Accurate cos and sin of a rational fraction of a turn, and sin of a
// multiple of pi, in single precision.
//
// Twiddle factors, windows and the DCT need cos(2*pi*k/n) for many k. Passing
// 2*pi*k/n straight to cosf loses accuracy as the angle grows (the rounding
// error of the argument scales with it) and double precision is emulated in
// software on Cortex-M4F and M0+. Folding the angle into [0, pi/4] with exact
// integer arithmetic first keeps every value within about one float ulp.
// The result depends only on IEEE single-precision +, - and *, so it is the
// same on every target (see unit_root.cc).
#pragma once

#include <cstdint>

namespace mote::dsp {

inline constexpr float kPi = 3.14159265358979323846f;

struct CosSin {
  float cos;
  float sin;
};

// cos and sin of the angle 2*pi*k/n radians. Requires n > 0 and
// 8 * n < 2^32 (n up to half a billion). Thread-safe.
CosSin TurnCosSin(uint32_t k, uint32_t n);

// sin(pi * x), for the angles that are not a ratio of integers (the cepstral
// lifter's pi * j / L with a real L). Folded into [0, 1/4] exactly, so it is
// accurate to about one float ulp for |x| < 2^22 and the same on every
// target. Requires x finite. Thread-safe.
float SinHalfTurns(float x);

}  // namespace mote::dsp
