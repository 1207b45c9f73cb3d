// Q15 fixed point: an int16_t v stands for the real number v / 32768, so it
// covers [-1, 1 - 2^-15] in steps of 2^-15 (one LSB).
#pragma once

#include <cstdint>
#include <cstring>

#include "micro/dsp/q15_pairs.h"

#ifdef __ARM_FEATURE_SAT
#include <arm_acle.h>
#endif

namespace mote::dsp {

inline constexpr int32_t kQ15One = 32768;

// v clamped to [-32768, 32767] (one SSAT on cores that have it).
inline int16_t SaturateQ15(int32_t v) {
#ifdef __ARM_FEATURE_SAT
  return static_cast<int16_t>(__ssat(v, 16));
#else
  return static_cast<int16_t>(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
#endif
}

// v / 2^shift rounded to nearest (ties toward +infinity), for shift in
// [1, 30]. Relies on >> of a negative value being arithmetic, as it is with
// every compiler mote supports (and by definition from C++20).
constexpr int32_t RoundingShiftRight(int32_t v, int shift) {
  return (v + (int32_t{1} << (shift - 1))) >> shift;
}

// x in Q15, rounded to nearest and saturated (1.0 becomes 32767).
constexpr int16_t FloatToQ15(float x) {
  const float scaled = x * static_cast<float>(kQ15One);
  if (scaled >= 32767.0f) return 32767;
  if (scaled <= -32768.0f) return -32768;
  return static_cast<int16_t>(scaled >= 0.0f ? scaled + 0.5f : scaled - 0.5f);
}

// The largest |v| of `count` int16 values stored at `values` (an int16_t
// array, or the parts of a ComplexQ15 array); 0 for count = 0. Scans two
// values per instruction pair on cores with the DSP extension.
inline int32_t LargestMagnitudeOfInt16s(const void* values, uint32_t count) {
  const auto* bytes = static_cast<const unsigned char*>(values);
  pairs::LaneRange range;
  uint32_t i = 0;
  for (; i + 8 <= count; i += 8) {
    range.Update(pairs::Load(bytes + 2 * i));
    range.Update(pairs::Load(bytes + 2 * i + 4));
    range.Update(pairs::Load(bytes + 2 * i + 8));
    range.Update(pairs::Load(bytes + 2 * i + 12));
  }
  for (; i + 2 <= count; i += 2) range.Update(pairs::Load(bytes + 2 * i));
  if (i < count) {
    int16_t last;
    std::memcpy(&last, bytes + 2 * i, sizeof(last));
    range.Update(pairs::Make(last, 0));
  }
  return range.Largest();
}

// The largest |v[i]| for i < count (0 for count = 0).
inline int32_t LargestMagnitude(const int16_t* v, uint32_t count) { return LargestMagnitudeOfInt16s(v, count); }

// The largest left shift that keeps a value of magnitude `largest` within
// [-32767, 32767]; 0 for largest = 0.
inline int HeadroomShift(int32_t largest) {
  int shift = 0;
  while (largest > 0 && (largest << (shift + 1)) <= 32767) ++shift;
  return shift;
}

// v[i] *= 2^shift for i < count; requires HeadroomShift(LargestMagnitude(v)) >= shift.
// Two values per step: one multiply per lane (SMULBB, SMULTB) and a pack.
inline void ShiftLeftQ15(int16_t* v, uint32_t count, int shift) {
  const pairs::Pair factor = pairs::Make(1 << shift, 0);
  uint32_t i = 0;
#pragma GCC unroll 4
  for (; i + 2 <= count; i += 2) {
    const pairs::Pair x = pairs::Load(v + i);
    pairs::Store(v + i, pairs::Make(pairs::MulLowAdd(x, factor, 0), pairs::Low(factor) * pairs::High(x)));
  }
  if (i < count) v[i] = static_cast<int16_t>(v[i] * (1 << shift));
}

constexpr float Q15ToFloat(int16_t v) { return static_cast<float>(v) * (1.0f / static_cast<float>(kQ15One)); }

}  // namespace mote::dsp
