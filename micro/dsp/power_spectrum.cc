#include "micro/dsp/power_spectrum.h"

#include <cmath>

namespace mote::dsp {

void PowerSpectrum(const Complex* bins, uint32_t count, float scale, float* out) {
  for (uint32_t k = 0; k < count; ++k) out[k] = scale * (bins[k].re * bins[k].re + bins[k].im * bins[k].im);
}

void MagnitudeSpectrum(const Complex* bins, uint32_t count, float scale, float* out) {
  for (uint32_t k = 0; k < count; ++k) out[k] = scale * std::sqrt(bins[k].re * bins[k].re + bins[k].im * bins[k].im);
}

}  // namespace mote::dsp
