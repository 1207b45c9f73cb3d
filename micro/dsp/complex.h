// Complex values as the FFTs store them: interleaved real and imaginary
// parts, the layout of KissFFT's kiss_fft_cpx and of CMSIS-DSP, so that
// buffers can be shared with those libraries without copies.
#pragma once

#include <cstdint>

namespace mote::dsp {

struct Complex {
  float re;
  float im;
};

// Q15 fixed point: each part is a value in [-1, 1) times 32768.
struct ComplexQ15 {
  int16_t re;
  int16_t im;
};

}  // namespace mote::dsp
