// Small integer helpers shared by the fixed-point stages of the front end.
// They rely on what GCC and Clang do on every target mote builds for (and
// C++20 guarantees): >> of a negative value shifts in sign bits, and a
// narrowing conversion to a signed type wraps modulo 2^n.
#pragma once

#include <cstdint>

namespace mote::dsp::micro_speech {

// Number of significant bits: 0 for 0, 1 for 1, 32 for 0x80000000.
inline uint32_t BitLength32(uint32_t x) {
  return x == 0 ? 0 : 32 - static_cast<uint32_t>(__builtin_clz(x));
}

inline uint32_t BitLength64(uint64_t x) {
  return x == 0 ? 0 : 64 - static_cast<uint32_t>(__builtin_clzll(x));
}

// A Q15 product sum rounded half up to int16 (wrapping, as the reference
// FFT's 16-bit stores do).
inline int16_t RoundQ15(int32_t x) { return static_cast<int16_t>((x + (1 << 14)) >> 15); }

}  // namespace mote::dsp::micro_speech
