// log2 and 2^x in single precision, computed from IEEE +, -, *, / and
// exponent bit manipulation only, so that they give the same bits on every
// target: the host (glibc), the device (newlib), hardware float or soft
// float. libm's logf/expf/powf/log10f differ between C libraries in the last
// bit or two; the blocks use these instead wherever a value reaches a table
// or a feature (mel scale, log compression, noise floors), which makes
// the host's and the device's features identical (tests/deploy/
// dsp_on_device_test.cc). Relies on micro/ being built without
// floating-point contraction (-ffp-contract=off, cmake/micro_flags.cmake).
//
// Log2F is within 3 float ulp of the exact value, Exp2F within 1.5
// (measured in tests/dsp/log2_exp2_test.cc); each takes a few tens of
// instructions.
// Thread-safe.
#pragma once

namespace mote::dsp {

// log2(x) for x > 0 (subnormals included); -infinity for x <= 0, +infinity
// for +infinity. Requires x not NaN.
float Log2F(float x);

// 2^x; 0 below -150 (and subnormal results down there), +infinity from 128
// up. Requires x not NaN.
float Exp2F(float x);

// Constants for the other bases, rounded to float.
inline constexpr float kLn2 = 0.693147181f;                // ln(x) = Log2F(x) * kLn2
inline constexpr float kDecibelsPerOctave = 3.01029996f;   // 10 log10(x) = Log2F(x) * this
inline constexpr float kOctavesPerDecibel = 0.332192809f;  // 10^(d / 10) = Exp2F(d * this)

}  // namespace mote::dsp
