// Pre-emphasis, the first-order high-pass y[n] = x[n] - a * x[n - 1] that
// flattens the tilt of speech spectra before the FFT.
#pragma once

#include <cstdint>

namespace mote::dsp {

// Applies pre-emphasis with coefficient `a` in place to `length` samples,
// where `previous` is the sample just before data[0] (0 at the start of a
// signal). Applying it frame by frame with each frame's true previous sample
// gives exactly the pre-emphasis of the whole signal, without a second copy
// of the signal.
void PreEmphasize(float* data, uint32_t length, float a, float previous);

// Q15 pre-emphasis, halved so that it cannot overflow:
// data[n] = round((x[n] - a * x[n - 1]) / 2), with `a` in Q15.
void PreEmphasizeHalfQ15(int16_t* data, uint32_t length, int16_t a, int16_t previous);

}  // namespace mote::dsp
