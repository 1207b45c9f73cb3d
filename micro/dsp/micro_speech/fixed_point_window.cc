#include "micro/dsp/micro_speech/fixed_point_window.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mote::dsp::micro_speech {

void ApplyFixedPointWindow(const int16_t* in, const int16_t* coefficients, size_t n, int shift,
                           int16_t* out) {
  size_t i = 0;
#if defined(__SSE2__)
  // Eight at a time: the 32-bit products from their low and high halves,
  // shifted arithmetically, packed with signed saturation (PACKSSDW), which
  // is the clamp below.
  const __m128i count = _mm_cvtsi32_si128(shift);
  for (; i + 8 <= n; i += 8) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(coefficients + i));
    const __m128i low = _mm_mullo_epi16(x, c), high = _mm_mulhi_epi16(x, c);
    const __m128i first = _mm_sra_epi32(_mm_unpacklo_epi16(low, high), count);
    const __m128i second = _mm_sra_epi32(_mm_unpackhi_epi16(low, high), count);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm_packs_epi32(first, second));
  }
#endif
  for (; i < n; ++i) {
    const int32_t raw = (static_cast<int32_t>(in[i]) * coefficients[i]) >> shift;
    out[i] = static_cast<int16_t>(raw < INT16_MIN ? INT16_MIN : raw > INT16_MAX ? INT16_MAX : raw);
  }
}

}  // namespace mote::dsp::micro_speech
