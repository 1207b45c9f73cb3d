#include "micro/dsp/micro_speech/fft_auto_scale.h"

#include "micro/dsp/micro_speech/fixed_point_math.h"
#include "micro/dsp/q15_pairs.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mote::dsp::micro_speech {
namespace {

// TFLM's MaxAbs16 step by step, including its int16 wrap: negating -32768
// gives -32768, which then loses every later comparison.
int16_t SequentialMaxAbs(const int16_t* data, size_t n) {
  int16_t max_abs = 0;
  for (size_t i = 0; i < n; ++i) {
    const int16_t v = data[i];
    if (v > max_abs) {
      max_abs = v;
    } else if (-v > max_abs) {
      max_abs = static_cast<int16_t>(-v);
    }
  }
  return max_abs;
}

// Without a -32768 the running maximum above is max |data[i]|, which any
// order of comparisons gives: several samples per step here, and the
// sequential form only when some sample is -32768 (clipped audio).
int16_t MaxAbs(const int16_t* data, size_t n) {
  int32_t largest = 0;
  size_t i = 0;
#if defined(__SSE2__)
  __m128i top = _mm_setzero_si128(), bottom = _mm_setzero_si128();
  for (; i + 8 <= n; i += 8) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    top = _mm_max_epi16(top, v);
    bottom = _mm_min_epi16(bottom, v);
  }
  alignas(16) int16_t tops[8], bottoms[8];
  _mm_store_si128(reinterpret_cast<__m128i*>(tops), top);
  _mm_store_si128(reinterpret_cast<__m128i*>(bottoms), bottom);
  for (int l = 0; l < 8; ++l) {
    if (tops[l] > largest) largest = tops[l];
    if (-bottoms[l] > largest) largest = -bottoms[l];
  }
#else
  pairs::LaneRange range;
  for (; i + 2 <= n; i += 2) range.Update(pairs::Load(data + i));
  largest = range.Largest();
#endif
  for (; i < n; ++i) {
    const int32_t magnitude = data[i] < 0 ? -data[i] : data[i];
    if (magnitude > largest) largest = magnitude;
  }
  return largest > INT16_MAX ? SequentialMaxAbs(data, n) : static_cast<int16_t>(largest);
}

}  // namespace

int FftAutoScale(int16_t* data, size_t n) {
  const int16_t max_abs = MaxAbs(data, n);
  int shift = 15 - static_cast<int>(BitLength32(static_cast<uint32_t>(max_abs)));
  if (max_abs == 0 || shift < 0) shift = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // PSLLW wraps each lane to 16 bits, as the reference's int16 store does.
  const __m128i count = _mm_cvtsi32_si128(shift);
  for (; i + 8 <= n; i += 8) {
    __m128i* p = reinterpret_cast<__m128i*>(data + i);
    _mm_storeu_si128(p, _mm_sll_epi16(_mm_loadu_si128(p), count));
  }
#endif
  for (; i < n; ++i) {
    data[i] = static_cast<int16_t>(static_cast<int32_t>(data[i]) * (int32_t{1} << shift));
  }
  return shift;
}

}  // namespace mote::dsp::micro_speech
