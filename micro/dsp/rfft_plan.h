// RfftPlan: the tables a real-input FFT of one length needs, laid out in
// caller memory, for the float (RfftPlanF32) and the Q15 (RfftPlanQ15) paths.
//
// A length-N real FFT runs as a complex FFT of N/2 points (radix-4
// decimation in time, one radix-2 stage first when log2(N/2) is odd) on the
// even and odd samples packed as real and imaginary parts, followed by a
// split step that separates the two spectra. The plan holds
//   stage_twiddles  the complex FFT's twiddles, stage by stage, 3 per
//                   butterfly column, so that each stage reads them in order;
//   post_twiddles   -i/2 * exp(-2*pi*i*k/N) for k in [0, N/4], for the split
//                   (the Q15 plan stores them doubled, modulus 1);
//   bit_reverse     where each first-stage butterfly reads its inputs.
// Table sizes for N = 512: 2 KB (float) or 1 KB (Q15) of twiddles plus
// 128 bytes of indices; see RfftF32ArenaBytes / RfftQ15ArenaBytes.
//
// A plan is immutable after Init and may be shared by any number of threads.
#pragma once

#include <cstdint>

#include "micro/dsp/complex.h"

namespace mote::dsp {

inline constexpr uint32_t kMinRfftLength = 16;
inline constexpr uint32_t kMaxRfftLength = 4096;

// True if n is a power of two in [kMinRfftLength, kMaxRfftLength].
constexpr bool IsRfftLength(uint32_t n) {
  return n >= kMinRfftLength && n <= kMaxRfftLength && (n & (n - 1)) == 0;
}

template <typename C>
struct RfftPlan {
  uint32_t length = 0;  // N, real input samples; the output has N/2 + 1 bins
  uint32_t log2_half = 0;  // log2(N/2)
  const C* stage_twiddles = nullptr;
  const C* post_twiddles = nullptr;
  const uint16_t* bit_reverse = nullptr;
};

using RfftPlanF32 = RfftPlan<Complex>;
using RfftPlanQ15 = RfftPlan<ComplexQ15>;

}  // namespace mote::dsp
