// Fixed-point exp and reciprocal on int32 raw values, the arithmetic
// TensorFlow Lite's int8 SOFTMAX, LOGISTIC and TANH inherit
// from gemmlowp's fixedpoint.h. A value with I integer bits is a raw int32
// r meaning r / 2^(31 - I). The polynomial constants and the order of every
// rounding are gemmlowp's published ones, so results match bit for bit.
#pragma once

#include <cstdint>

#include "micro/nn/quantization.h"

namespace mote::nn::fixed {

// Addition as gemmlowp's int32 operator+ (two's complement wrap, without C++'s
// undefined overflow).
inline int32_t Add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t Sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

// x * 2^exponent, saturating (gemmlowp SaturatingRoundingMultiplyByPOT with
// a positive exponent).
inline int32_t SaturatingShiftLeft(int32_t x, int exponent) {
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// Rounded (a + b) / 2 without overflow (gemmlowp RoundingHalfSum).
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// exp(a) for a in [-1/4, 0), both with 0 integer bits.
int32_t ExpOnIntervalNegativeQuarterToZero(int32_t a);

// exp(a) for a <= 0 with `integer_bits` integer bits (1..30); result with 0
// integer bits (1.0 saturates to INT32_MAX).
int32_t ExpOnNegativeValues(int32_t a, int integer_bits);

// 1 / (1 + a) for a in [0, 1) with 0 integer bits; result with 0 integer bits.
int32_t OneOverOnePlusX(int32_t a);

// (1 - a) / (1 + a) for a in [0, 1) with 0 integer bits; result with 0
// integer bits (gemmlowp one_minus_x_over_one_plus_x_for_x_in_0_1).
int32_t OneMinusXOverOnePlusX(int32_t a);

// gemmlowp's logistic(a) = 1 / (1 + exp(-a)) for any a with `integer_bits`
// integer bits (1..29); result with 0 integer bits (0.5 exactly at a = 0).
int32_t Logistic(int32_t a, int integer_bits);

// gemmlowp's tanh(a) for any a with `integer_bits` integer bits (1..29);
// result with 0 integer bits (0 at a = 0).
int32_t Tanh(int32_t a, int integer_bits);

// The reciprocal of x (> 0, with `integer_bits` integer bits) as TensorFlow
// Lite's GetReciprocal: a value in (1/2, 1] with 0 integer bits, and
// *bits_over_unit such that 1/x = result * 2^-bits_over_unit.
int32_t Reciprocal(int32_t x, int integer_bits, int* bits_over_unit);

}  // namespace mote::nn::fixed
