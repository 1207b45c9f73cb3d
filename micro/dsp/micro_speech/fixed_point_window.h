// Multiplies a block of int16 samples by fixed-point window coefficients, as
// TFLM's SignalWindow op does: (sample * coefficient) >> shift, saturated to
// int16 (with Q12 coefficients, shift = 12 gives unit gain).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// out[i] = saturate_int16((in[i] * coefficients[i]) >> shift) for i < n; the
// shift rounds toward minus infinity. `in` and `out` may be the same buffer.
// Requires 0 <= shift < 31.
void ApplyFixedPointWindow(const int16_t* in, const int16_t* coefficients, size_t n, int shift,
                           int16_t* out);

}  // namespace mote::dsp::micro_speech
