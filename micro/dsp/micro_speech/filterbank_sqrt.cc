#include "micro/dsp/micro_speech/filterbank_sqrt.h"

#include "micro/dsp/micro_speech/fixed_point_math.h"

namespace mote::dsp::micro_speech {

uint32_t RoundedSqrt64(uint64_t x) {
  if (x == 0) return 0;
  // Digit-by-digit: `bit` starts at the largest power of 4 <= x.
  uint64_t remainder = x;
  uint64_t root = 0;
  uint64_t bit = uint64_t{1} << ((BitLength64(x) - 1) & ~1u);
  while (bit != 0) {
    if (remainder >= root + bit) {
      remainder -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  // remainder = x - root^2; sqrt(x) >= root + 1/2 exactly when remainder > root.
  const uint64_t cap = (x >> 32) == 0 ? 0xFFFF : 0xFFFFFFFF;
  if (remainder > root && root != cap) ++root;
  return static_cast<uint32_t>(root);
}

void FilterbankSqrt(const uint64_t* in, size_t n, int shift, uint32_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = RoundedSqrt64(in[i]) >> shift;
}

}  // namespace mote::dsp::micro_speech
