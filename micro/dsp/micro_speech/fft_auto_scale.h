// Block floating point before a fixed-point FFT, as TFLM's SignalFftAutoScale
// op does: shift the block left by its headroom so the FFT, which scales down
// at every stage, keeps as many significant bits as possible. The shift is
// undone after the filterbank (FilterbankSqrt shifts its output right by it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// Shifts data[0..n) left in place by s = max(0, 15 - bits(max |data[i]|))
// and returns s (0 for an all-zero block). The largest magnitude is tracked
// in int16 exactly as TFLM does: -32768 negates to itself, so a -32768
// sample makes the running maximum negative and the next sample replaces it
// (the shift may then wrap samples; this only happens with clipped audio).
int FftAutoScale(int16_t* data, size_t n);

}  // namespace mote::dsp::micro_speech
