#include "micro/dsp/log2_exp2.h"

#include <cstdint>

#include "micro/dsp/float_bits.h"

namespace mote::dsp {
namespace {

constexpr float kInfinity = __builtin_huge_valf();

// 2^n for n in [-126, 127], exactly.
float PowerOfTwo(int32_t n) { return FloatFromBits(static_cast<uint32_t>(n + 127) << 23); }

}  // namespace

float Log2F(float x) {
  if (!(x > 0.0f)) return -kInfinity;
  if (x == kInfinity) return kInfinity;
  int32_t exponent = 0;
  if (x < 1.17549435e-38f) {  // subnormal: scale into the normal range first
    x *= 16777216.0f;         // 2^24
    exponent = -24;
  }
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)): m's exponent field is set to
  // 0 (or -1 when the mantissa is above sqrt(2)).
  const uint32_t bits = FloatBits(x);
  uint32_t fraction = bits & 0x007FFFFFu;
  exponent += static_cast<int32_t>(bits >> 23) - 127;
  if (fraction > 0x003504F3u) {  // mantissa 1.f > sqrt(2)
    fraction |= 0x3F000000u;     // m = 1.f / 2
    ++exponent;
  } else {
    fraction |= 0x3F800000u;  // m = 1.f
  }
  const float m = FloatFromBits(fraction);
  // ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = (m - 1) / (m + 1),
  // |s| <= 0.172: the terms after s^9/9 are below 4e-10 of the sum. m - 1 is
  // exact (Sterbenz). The leading term t is added last, to a correction of at
  // most 1 % of it, so that the correction's roundings hardly count.
  const float s = (m - 1.0f) / (m + 1.0f);
  const float s2 = s * s;
  const float t = s * 2.88539008f;  // 2 / ln 2: 2 atanh(s) in log2 units
  const float correction = t * s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7 + s2 * (1.0f / 9))));
  return static_cast<float>(exponent) + (t + correction);
}

float Exp2F(float x) {
  if (x >= 128.0f) return kInfinity;
  if (x < -150.0f) return 0.0f;
  // x = n + f with n the nearest integer and f in [-1/2, 1/2]; x - n is
  // exact (Sterbenz, or n = 0).
  const auto n = static_cast<int32_t>(x < 0.0f ? x - 0.5f : x + 0.5f);
  const float f = x - static_cast<float>(n);
  // 2^f = e^(f ln 2) by its Taylor series to degree 7: |f ln 2| <= 0.347, so
  // the first omitted term is below 6e-9.
  const float y = f * kLn2;
  const float p =
      1.0f +
      y * (1.0f +
           y * (1.0f / 2 + y * (1.0f / 6 + y * (1.0f / 24 + y * (1.0f / 120 + y * (1.0f / 720 + y * (1.0f / 5040)))))));
  // Scale by 2^n in two exact steps when 2^n alone is below the normal range.
  if (n < -126) return p * PowerOfTwo(n + 64) * PowerOfTwo(-64);
  if (n > 127) return p * PowerOfTwo(n - 1) * 2.0f;
  return p * PowerOfTwo(n);
}

}  // namespace mote::dsp
