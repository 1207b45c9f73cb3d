#include "micro/nn/fixed_point.h"

namespace mote::nn::fixed {

int32_t ExpOnIntervalNegativeQuarterToZero(int32_t a) {
  const int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8)
  const int32_t kOneThird = 715827883;
  // Taylor series around -1/8: x = a + 1/8.
  const int32_t x = Add(a, int32_t{1} << 28);
  const int32_t x2 = SaturatingRoundingDoublingHighMul(x, x);
  const int32_t x3 = SaturatingRoundingDoublingHighMul(x2, x);
  const int32_t x4 = SaturatingRoundingDoublingHighMul(x2, x2);
  const int32_t x4_over_4 = RoundingDivideByPOT(x4, 2);
  const int32_t poly = RoundingDivideByPOT(
      Add(SaturatingRoundingDoublingHighMul(Add(x4_over_4, x3), kOneThird), x2), 1);  // x^4/24 + x^3/6 + x^2/2
  return Add(kExpMinusOneEighth, SaturatingRoundingDoublingHighMul(kExpMinusOneEighth, Add(x, poly)));
}

int32_t ExpOnNegativeValues(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  // a = (a mod 1/4) - 1/4 - remainder, remainder a sum of powers of two.
  const int32_t a_mod_quarter_minus_quarter = Sub(a & (one_quarter - 1), one_quarter);
  int32_t result =
      ExpOnIntervalNegativeQuarterToZero(SaturatingShiftLeft(a_mod_quarter_minus_quarter, integer_bits));
  const int32_t remainder = Sub(a_mod_quarter_minus_quarter, a);
  // exp(-2^k) for k = -2 .. 4, with 0 integer bits.
  struct Factor {
    int exponent;
    int32_t multiplier;
  };
  static constexpr Factor kFactors[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
                                        {2, 39332535},    {3, 720401},      {4, 242}};
  for (const Factor& f : kFactors) {
    if (integer_bits > f.exponent) {
      const int bit = fractional_bits + f.exponent;
      if (remainder & static_cast<int32_t>(uint32_t{1} << bit)) {
        result = SaturatingRoundingDoublingHighMul(result, f.multiplier);
      }
    }
  }
  if (integer_bits > 5) {  // exp(x) for x < -32 is below the result's resolution
    const int clamp_bits = 36 - integer_bits;
    if (a < -(int32_t{1} << clamp_bits)) result = 0;
  }
  return a == 0 ? INT32_MAX : result;
}

namespace {

// 2 / (1 + a) in Q2.29 for a in [0, 1) with 0 integer bits: Newton-Raphson
// on the half denominator (1 + a) / 2, as gemmlowp's two divisions do it.
int32_t TwoOverOnePlusX(int32_t a) {
  const int32_t half_denominator = RoundingHalfSum(a, INT32_MAX);
  const int32_t k48Over17 = 1515870810;
  const int32_t kMinus32Over17 = -1010580540;
  const int32_t kOneQ2 = int32_t{1} << 29;
  int32_t x = Add(k48Over17, SaturatingRoundingDoublingHighMul(half_denominator, kMinus32Over17));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = SaturatingRoundingDoublingHighMul(half_denominator, x);
    const int32_t one_minus = Sub(kOneQ2, half_denominator_times_x);
    x = Add(x, SaturatingShiftLeft(SaturatingRoundingDoublingHighMul(x, one_minus), 2));
  }
  return x;
}

}  // namespace

int32_t OneOverOnePlusX(int32_t a) {
  return SaturatingShiftLeft(TwoOverOnePlusX(a), 1);  // x / 2 in Q1.30, rescaled to Q0.31
}

int32_t OneMinusXOverOnePlusX(int32_t a) {
  return SaturatingShiftLeft(Sub(TwoOverOnePlusX(a), int32_t{1} << 29), 2);  // x - 1 in Q2.29 to Q0.31
}

int32_t Logistic(int32_t a, int integer_bits) {
  if (a == 0) return int32_t{1} << 30;
  // logistic(|a|) = 1 / (1 + exp(-|a|)); logistic(-|a|) = 1 - logistic(|a|), 1 being INT32_MAX.
  const int32_t minus_abs = a > 0 ? Sub(0, a) : a;
  const int32_t positive = OneOverOnePlusX(ExpOnNegativeValues(minus_abs, integer_bits));
  return a > 0 ? positive : Sub(INT32_MAX, positive);
}

int32_t Tanh(int32_t a, int integer_bits) {
  if (a == 0) return 0;
  // tanh(|a|) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)); -2|a| is the raw -|a| read
  // with one more integer bit.
  const int32_t minus_abs = a < 0 ? a : Sub(0, a);
  const int32_t positive = OneMinusXOverOnePlusX(ExpOnNegativeValues(minus_abs, integer_bits + 1));
  return a < 0 ? Sub(0, positive) : positive;
}

int32_t Reciprocal(int32_t x, int integer_bits, int* bits_over_unit) {
  const uint32_t ux = static_cast<uint32_t>(x);
  const int headroom_plus_one = ux == 0 ? 32 : __builtin_clz(ux);
  *bits_over_unit = integer_bits - headroom_plus_one;
  const uint32_t normalized = headroom_plus_one >= 32 ? 0 : ux << headroom_plus_one;
  const int32_t shifted_minus_one = static_cast<int32_t>(normalized - (uint32_t{1} << 31));
  return OneOverOnePlusX(shifted_minus_one);
}

}  // namespace mote::nn::fixed
