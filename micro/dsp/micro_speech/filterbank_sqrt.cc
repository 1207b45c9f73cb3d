#include "micro/dsp/micro_speech/filterbank_sqrt.h"

#include "micro/dsp/micro_speech/fixed_point_math.h"

namespace mote::dsp::micro_speech {

namespace {

// floor(sqrt(x)) digit by digit, for x > 0; *remainder = x - root^2.
// Instantiated for 32 bits too: single-word steps on 32-bit cores.
template <class U>
U FloorSqrt(U x, U* remainder) {
  U rest = x;
  U root = 0;
  U bit = U{1} << ((BitLength64(x) - 1) & ~1u);  // the largest power of 4 <= x
  while (bit != 0) {
    if (rest >= root + bit) {
      rest -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  *remainder = rest;
  return root;
}

}  // namespace

uint32_t RoundedSqrt64(uint64_t x) {
  if (x == 0) return 0;
  // sqrt(x) >= root + 1/2 exactly when the remainder x - root^2 > root.
  if ((x >> 32) == 0) {
    uint32_t remainder;
    const uint32_t root = FloorSqrt<uint32_t>(static_cast<uint32_t>(x), &remainder);
    return remainder > root && root != 0xFFFF ? root + 1 : root;
  }
  uint64_t remainder;
  const uint64_t root = FloorSqrt<uint64_t>(x, &remainder);
  return static_cast<uint32_t>(remainder > root && root != 0xFFFFFFFF ? root + 1 : root);
}

void FilterbankSqrt(const uint64_t* in, size_t n, int shift, uint32_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = RoundedSqrt64(in[i]) >> shift;
}

}  // namespace mote::dsp::micro_speech
