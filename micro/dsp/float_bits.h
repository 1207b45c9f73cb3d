// A float's IEEE 754 bit pattern and back, for code that must give the same
// bits on every target (integer arithmetic on the pattern instead of libm)
// and for tests that compare results bit for bit. memcpy is the defined way
// to reinterpret; compilers turn it into a register move.
#pragma once

#include <cstdint>
#include <cstring>

namespace mote::dsp {

inline uint32_t FloatBits(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline float FloatFromBits(uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

}  // namespace mote::dsp
