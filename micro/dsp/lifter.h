// The sinusoidal cepstral lifter of HTK and python_speech_features, which
// raises the higher cepstral coefficients so that all have similar ranges:
//   c[j] *= 1 + (L / 2) * sin(pi * j / L);   L = 0 leaves c unchanged.
#pragma once

#include <cstdint>

namespace mote::dsp {

// The factor for coefficient j. Requires lifter >= 0.
float LifterGain(uint32_t j, float lifter);

// Multiplies cepstra[j] by LifterGain(j, lifter) for j < count.
void ApplyLifter(float* cepstra, uint32_t count, float lifter);

}  // namespace mote::dsp
