// Square root of the filterbank sums, as TFLM's SignalFilterBankSquareRoot op
// computes it: an integer square root rounded to nearest, then the FFT
// auto-scale undone by a right shift.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// round(sqrt(x)) (halves cannot occur), except that it does not round up to
// 2^16 when x < 2^32, nor to 2^32: the reference takes a 32-bit path with a
// 16-bit result for small inputs, and so does this.
uint32_t RoundedSqrt64(uint64_t x);

// out[i] = RoundedSqrt64(in[i]) >> shift for i < n. Requires 0 <= shift < 32.
void FilterbankSqrt(const uint64_t* in, size_t n, int shift, uint32_t* out);

}  // namespace mote::dsp::micro_speech
