// Power and magnitude spectra of FFT bins.
#pragma once

#include <cstdint>

#include "micro/dsp/complex.h"

namespace mote::dsp {

// out[k] = scale * |bins[k]|^2 for k < count. The blocks use
// scale = 1 / fft_length (the periodogram convention of python_speech_features
// and Edge Impulse). `out` must not overlap `bins`.
void PowerSpectrum(const Complex* bins, uint32_t count, float scale, float* out);

// out[k] = scale * |bins[k]| for k < count. `out` must not overlap `bins`.
void MagnitudeSpectrum(const Complex* bins, uint32_t count, float scale, float* out);

}  // namespace mote::dsp
