// Sizes and contents of the RfftPlan tables, shared by the float and Q15
// plans so that both walk exactly the same butterflies (see rfft_plan.h for
// the layout). Internal to the FFT implementation.
#pragma once

#include <cstdint>

#include "micro/dsp/unit_root.h"

namespace mote::dsp::rfft_tables {

// log2(n) for a power of two n.
uint32_t Log2(uint32_t n);

// The span of the first radix-4 stage of a complex FFT of `half` points: the
// fused first stage is radix-2 when log2(half) is odd, radix-4 otherwise.
inline uint32_t FirstRadix4Span(uint32_t half) { return (Log2(half) & 1u) ? 2u : 4u; }

// Number of stage twiddles, post twiddles and bit-reverse entries of a real
// FFT of `length` points (IsRfftLength(length) must hold).
uint32_t StageTwiddleCount(uint32_t length);
uint32_t PostTwiddleCount(uint32_t length);
uint32_t BitReverseCount(uint32_t length);

// Fills `table` with BitReverseCount(length) entries.
void FillBitReverse(uint32_t length, uint16_t* table);

// Calls store(i, w) for i in [0, StageTwiddleCount(length)), where w is the
// stage twiddle exp(-2*pi*i*j/m) that entry i holds, as (cos, sin) parts of
// the complex number (that is, w.sin is the imaginary part, already negated).
template <typename Store>
void ForEachStageTwiddle(uint32_t length, Store store) {
  const uint32_t half = length / 2;
  uint32_t i = 0;
  for (uint32_t span = FirstRadix4Span(half); span < half; span *= 4) {
    for (uint32_t k = 0; k < span; ++k) {
      for (uint32_t power = 1; power <= 3; ++power) {
        const CosSin w = TurnCosSin(power * k, 4 * span);
        store(i++, CosSin{w.cos, -w.sin});
      }
    }
  }
}

// Calls store(k, w) for k in [0, PostTwiddleCount(length)), where w is
// -i/2 * exp(-2*pi*i*k/length).
template <typename Store>
void ForEachPostTwiddle(uint32_t length, Store store) {
  for (uint32_t k = 0; k < PostTwiddleCount(length); ++k) {
    const CosSin w = TurnCosSin(k, length);
    // -i/2 * (cos - i sin) = (-sin - i cos) / 2
    store(k, CosSin{-0.5f * w.sin, -0.5f * w.cos});
  }
}

}  // namespace mote::dsp::rfft_tables
