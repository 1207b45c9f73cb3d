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

}  // namespace mote::dsp
