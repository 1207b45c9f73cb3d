// Requantization arithmetic, bit for bit as TensorFlow Lite (Micro) does it.
//
// A real multiplier M (a ratio of scales) becomes a Q31 integer m in
// [2^30, 2^31) and a power-of-two exponent e with M ~= m * 2^(e - 31)
// (QuantizeMultiplier). An int32 accumulator x is then rescaled as
//     RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x * 2^max(e,0), m), max(-e,0))
// (MultiplyByQuantizedMultiplier): a rounding high multiply, then a
// rounding shift right — two roundings, TensorFlow Lite's default (not its
// TFLITE_SINGLE_ROUNDING build). The helpers here do exactly that, and
// compute the rounding that TensorFlow Lite does with std::round / std::frexp
// / std::floor from the bits, so no libm is involved and the device computes
// what the host computes.
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

// a + b wrapping like the two's complement hardware does (a damaged model's
// bias can be anything; C++ leaves signed overflow undefined).
inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t WrappingSubtract(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

// The high 32 bits of 2*a*b, rounded to nearest (ties away from zero in the
// way gemmlowp does); INT32_MAX for a == b == INT32_MIN.
//
// gemmlowp writes it (ab + nudge) / 2^31 with nudge 2^30 for ab >= 0 and
// 1 - 2^30 below, dividing toward zero. That equals floor((ab + 2^30) / 2^31)
// for every ab: for ab < 0 write ab = -k, then gemmlowp's quotient is
// -floor((k - 1 + 2^30) / 2^31) and the floor is -ceil((k - 2^30) / 2^31),
// the same integer. The floor is one arithmetic shift (five instructions
// on a Cortex-M4 instead of a sign-dependent nudge and a division's fix-up;
// tests/nn/int8_mac_test.cc checks the two forms agree).
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * b;
  return static_cast<int32_t>((ab + (int64_t{1} << 30)) >> 31);
}

// x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31].
//
// gemmlowp compares the remainder with a sign-dependent threshold. Here the
// half is added first, less one for a negative x, then shifted: for x >= 0,
// x + 2^(e-1) < 2^32 shifts right exactly as an unsigned value; for x < 0,
// x + 2^(e-1) - 1 stays in [-2^31, 2^30) and shifts arithmetically (ties go
// down, away from zero). Fewer instructions on a Cortex-M4;
// tests/nn/int8_mac_test.cc checks it against gemmlowp's form.
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  const uint32_t half = 1u << (exponent - 1);
  const uint32_t nudged = static_cast<uint32_t>(x) + half - (static_cast<uint32_t>(x) >> 31);
  return x >= 0 ? static_cast<int32_t>(nudged >> exponent) : static_cast<int32_t>(nudged) >> exponent;
}

// x * m * 2^(shift - 31), TensorFlow Lite's MultiplyByQuantizedMultiplier.
// The left shift wraps like TensorFlow Lite's int32 multiply, which the
// accumulator ranges of valid models never reach.
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, multiplier), right);
}

// Splits `real` into *multiplier (Q31, |m| in [2^30, 2^31)) and *shift with
// real ~= m * 2^(shift - 31), as TensorFlow Lite's QuantizeMultiplier: 0 maps
// to (0, 0); a shift below -31 flushes to (0, 0); above 30 saturates to
// (2^31 - 1, 30). Requires a finite `real`.
void QuantizeMultiplier(double real, int32_t* multiplier, int* shift);

// std::round for float (halves away from zero), computed without libm. NaN
// and values too large to have a fraction are returned unchanged.
float RoundHalfAwayFromZero(float x);

// The scale a conv / fully-connected accumulator is rescaled by, in double
// as TensorFlow Lite computes it: input_scale * filter_scale / output_scale.
inline double ConvRescale(float input_scale, float filter_scale, float output_scale) {
  return static_cast<double>(input_scale) * static_cast<double>(filter_scale) / static_cast<double>(output_scale);
}

// The rescale of a FULLY_CONNECTED with one filter scale (and of an integer
// LSTM's gate products), as TensorFlow Lite's GetQuantizedConvolutionMultipler
// computes it: input_scale * filter_scale multiplied in float, then divided
// by output_scale in double. (Per-channel filters use ConvRescale.)
inline double PerTensorRescale(float input_scale, float filter_scale, float output_scale) {
  return static_cast<double>(input_scale * filter_scale) / static_cast<double>(output_scale);
}

// The [min, max] an int8/int16 output is clamped to for a fused activation
// (TensorFlow Lite's CalculateActivationRangeQuantized): the type's range
// narrowed to round(0 / scale) + zp etc. False for activations it cannot
// express (TANH, SIGN_BIT) or when a bound does not fit int32.
bool QuantizedActivationRange(tflite::Activation activation, float scale, int32_t zero_point, int32_t type_min,
                              int32_t type_max, int32_t* min, int32_t* max);

// The float [min, max] of a fused activation; false for TANH and SIGN_BIT.
bool FloatActivationRange(tflite::Activation activation, float* min, float* max);

}  // namespace mote::nn
