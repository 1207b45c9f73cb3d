// Analysis windows for short-time spectra.
//
// The windows are periodic (the "DFT-even" form that librosa, SciPy's
// get_window(fftbins=True), TensorFlow and PyTorch use by default):
//   Hann:     w[n] = 0.5  - 0.5  * cos(2*pi*n / L)
//   Hamming:  w[n] = 0.54 - 0.46 * cos(2*pi*n / L),   n in [0, L)
// so that hops of L/2 (Hann) sum to a constant.
#pragma once

#include <cstdint>

namespace mote::dsp {

enum class WindowType : uint8_t {
  kRectangular = 0,  // all ones
  kHann = 1,
  kHamming = 2,
};

// True if `type` is one of the enumerators (a value read from a file may not be).
constexpr bool IsWindowType(WindowType type) { return static_cast<uint8_t>(type) <= 2; }

// Coefficient n of a window of `length` (n < length). Requires IsWindowType(type).
float WindowCoefficient(WindowType type, uint32_t n, uint32_t length);

// Writes the `length` coefficients of `type` to `out`. Requires
// IsWindowType(type) and length >= 1.
void MakeWindow(WindowType type, uint32_t length, float* out);

// The same in Q15, rounded (1.0 saturates to 32767).
void MakeWindowQ15(WindowType type, uint32_t length, int16_t* out);

// frame[n] = (frame[n] * window[n] + 2^(shift - 1)) >> shift for n < length,
// in place (rounded to nearest; shift 15 multiplies by the Q15 window), and
// returns the largest |frame[n]| written. Requires shift in [1, 15] and
// |frame[n]| * 2^(15 - shift) <= 32767 (a block-normalised frame: shift
// 15 - s stands for shifting it left by s first), so that every result fits
// int16.
int32_t ApplyWindowQ15(int16_t* frame, const int16_t* window, uint32_t length, int shift);

// out[i] = in[i] * window[i] for i < length; `out` may be `in`.
void ApplyWindow(const float* in, const float* window, uint32_t length, float* out);

}  // namespace mote::dsp
