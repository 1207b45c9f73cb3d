#include "micro/dsp/micro_speech/filterbank_log.h"

#include "micro/dsp/micro_speech/fixed_point_math.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"

namespace mote::dsp::micro_speech {
namespace {

constexpr int kScaleBits = 16;       // log2 values are Q16
constexpr int kSegmentBits = 7;      // 128 correction segments
constexpr uint32_t kLn2Q16 = 45426;  // round(ln 2 * 2^16)

// The fractional part of log2(x) in Q16, given the integer part.
uint32_t Log2Fraction(uint32_t x, uint32_t integer_part) {
  int32_t frac = static_cast<int32_t>(x - (uint32_t{1} << integer_part));
  if (integer_part < kScaleBits) {
    frac <<= kScaleBits - integer_part;
  } else {
    frac >>= integer_part - kScaleBits;
  }
  // Linear interpolation of log2(1 + f) - f between segment ends.
  const uint32_t segment = static_cast<uint32_t>(frac) >> (kScaleBits - kSegmentBits);
  const int32_t c0 = kLogCorrectionQ16[segment];
  const int32_t c1 = kLogCorrectionQ16[segment + 1];
  const int32_t segment_start = static_cast<int32_t>(segment << (kScaleBits - kSegmentBits));
  const int32_t between = ((c1 - c0) * (frac - segment_start)) >> kScaleBits;
  return static_cast<uint32_t>(frac + c0 + between);
}

}  // namespace

uint32_t FixedPointLog(uint32_t x, uint32_t out_scale) {
  const uint32_t integer_part = BitLength32(x) - 1;
  const uint32_t log2_q16 = (integer_part << kScaleBits) + Log2Fraction(x, integer_part);
  constexpr uint32_t kHalf = uint32_t{1} << (kScaleBits - 1);
  const uint32_t ln_q16 =
      static_cast<uint32_t>((static_cast<uint64_t>(kLn2Q16) * log2_q16 + kHalf) >> kScaleBits);
  return (out_scale * ln_q16 + kHalf) >> kScaleBits;
}

void FilterbankLog(const uint32_t* in, size_t n, uint32_t output_scale, int correction_bits,
                   int16_t* out) {
  for (size_t i = 0; i < n; ++i) {
    const uint32_t scaled = in[i] << correction_bits;
    if (scaled > 1) {
      const uint32_t value = FixedPointLog(scaled, output_scale);
      out[i] = static_cast<int16_t>(value < INT16_MAX ? value : INT16_MAX);
    } else {
      out[i] = 0;
    }
  }
}

}  // namespace mote::dsp::micro_speech
