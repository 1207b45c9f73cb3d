// Noise reduction by spectral subtraction, as TFLM's
// SignalFilterBankSpectralSubtraction op (and the older microfrontend's
// noise_reduction) computes it: each channel keeps a running noise estimate,
// an exponential average of its signal, and outputs the signal minus that
// estimate, but never less than a fixed fraction of the signal. Even and odd
// channels average with different smoothing.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// Coefficients are fixed point with `spectral_subtraction_bits` fractional
// bits; the micro_speech values (defaults) are 0.025 and 0.06 smoothing and
// 0.05 minimum remaining signal, in Q14. The noise estimate has
// `smoothing_bits` more fractional bits than the signal.
struct SpectralSubtractionParams {
  uint32_t smoothing = 409;                        // even channels: 0.025 * 2^14
  uint32_t one_minus_smoothing = 15975;            // 2^14 - 409
  uint32_t alternate_smoothing = 983;              // odd channels: 0.06 * 2^14
  uint32_t alternate_one_minus_smoothing = 15401;  // 2^14 - 983
  uint32_t min_signal_remaining = 819;             // 0.05 * 2^14
  int smoothing_bits = 10;
  int spectral_subtraction_bits = 14;
  // When set, an estimate above the signal is lowered to it.
  bool clamping = false;
};

// For each channel i < n: updates noise_estimate[i] (the state carried from
// window to window; all zero for a fresh front end) with in[i] and writes the
// noise-reduced signal to out[i]. Arithmetic is 32-bit unsigned with 64-bit
// products, as the reference's. `in` and `out` may be the same buffer.
// Requires smoothing_bits and spectral_subtraction_bits in [0, 32).
void SpectralSubtraction(const SpectralSubtractionParams& params, const uint32_t* in, size_t n,
                         uint32_t* noise_estimate, uint32_t* out);

}  // namespace mote::dsp::micro_speech
