// Q15 fixed point: an int16_t v stands for the real number v / 32768, so it
// covers [-1, 1 - 2^-15] in steps of 2^-15 (one LSB).
#pragma once

#include <cstdint>

namespace mote::dsp {

inline constexpr int32_t kQ15One = 32768;

// v clamped to [-32768, 32767].
constexpr int16_t SaturateQ15(int32_t v) {
  return static_cast<int16_t>(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
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

// The largest |v[i]| for i < count (0 for count = 0).
inline int32_t LargestMagnitude(const int16_t* v, uint32_t count) {
  int32_t largest = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t magnitude = v[i] < 0 ? -v[i] : v[i];
    largest = magnitude > largest ? magnitude : largest;
  }
  return largest;
}

// The largest left shift that keeps a value of magnitude `largest` within
// [-32767, 32767]; 0 for largest = 0.
inline int HeadroomShift(int32_t largest) {
  int shift = 0;
  while (largest > 0 && (largest << (shift + 1)) <= 32767) ++shift;
  return shift;
}

// v[i] *= 2^shift for i < count; requires HeadroomShift(LargestMagnitude(v)) >= shift.
inline void ShiftLeftQ15(int16_t* v, uint32_t count, int shift) {
  for (uint32_t i = 0; i < count; ++i) v[i] = static_cast<int16_t>(v[i] * (1 << shift));
}

constexpr float Q15ToFloat(int16_t v) { return static_cast<float>(v) * (1.0f / static_cast<float>(kQ15One)); }

}  // namespace mote::dsp
