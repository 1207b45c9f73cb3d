#include "micro/anomaly/square_root.h"

#include <cstdint>

#include "micro/dsp/float_bits.h"

namespace mote::anomaly {

using dsp::FloatBits;
using dsp::FloatFromBits;

float SquareRoot(float x) {
  const uint32_t bits = FloatBits(x);
  if ((bits & 0x7FFFFFFFu) == 0) return x;              // +0, -0
  if (bits >> 31) return FloatFromBits(0x7FC00000u);          // negative, or a NaN with the sign bit
  if ((bits >> 23) == 0xFF) return bits == 0x7F800000u ? x : FloatFromBits(0x7FC00000u);  // +inf, NaN

  // x = m * 2^e with m a 24-bit integer whose top bit (2^23) is set.
  int32_t e = static_cast<int32_t>(bits >> 23);
  uint64_t m = bits & 0x7FFFFFu;
  if (e == 0) {  // subnormal: m * 2^-149, shifted up until normalized
    e = 1;
    while ((m & 0x800000u) == 0) {
      m <<= 1;
      --e;
    }
  } else {
    m |= 0x800000u;
  }
  e -= 127 + 23;
  // M = m * 2^k in [2^46, 2^48) with e - k even: sqrt(x) = sqrt(M) *
  // 2^((e - k) / 2), and sqrt(M) lies in [2^23, 2^24), 24 bits as a float's.
  int32_t k = 23;
  if ((e - k) % 2 != 0) ++k;
  const uint64_t big = m << k;
  // floor(sqrt(big)) digit by digit; `rest` ends as big - root^2.
  uint64_t rest = big, root = 0, one = uint64_t{1} << 46;
  while (one > rest) one >>= 2;
  while (one != 0) {
    if (rest >= root + one) {
      rest -= root + one;
      root = (root >> 1) + one;
    } else {
      root >>= 1;
    }
    one >>= 2;
  }
  // sqrt(big) >= root + 1/2 exactly when big >= root^2 + root + 1/4, that
  // is rest > root (integers; never equal to root + 1/4, so no ties).
  if (rest > root) ++root;
  int32_t exponent = (e - k) / 2 + 23;  // of root's top bit
  if (root == (uint64_t{1} << 24)) {    // rounded up to the next power of two
    root >>= 1;
    ++exponent;
  }
  return FloatFromBits(static_cast<uint32_t>(exponent + 127) << 23 | (static_cast<uint32_t>(root) & 0x7FFFFFu));
}

}  // namespace mote::anomaly
