// Natural logarithm of the channel values in fixed point, as TFLM's
// SignalFilterBankLog op (and the microfrontend's log_scale) computes it:
// log2 from the leading bit plus a 128-segment interpolated correction table,
// times ln 2, times an output scale.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// out_scale * ln(x), rounded, to within about one unit, for x >= 1 (x = 0 is
// not allowed). Arithmetic is 32-bit with one 64-bit product, as the
// reference's, so out_scale * ln(x) must stay below 2^16.
uint32_t FixedPointLog(uint32_t x, uint32_t out_scale);

// out[i] = min(FixedPointLog(in[i] << correction_bits, output_scale), 32767),
// or 0 when in[i] << correction_bits (32 bits, wrapping) is 0 or 1.
void FilterbankLog(const uint32_t* in, size_t n, uint32_t output_scale, int correction_bits,
                   int16_t* out);

}  // namespace mote::dsp::micro_speech
