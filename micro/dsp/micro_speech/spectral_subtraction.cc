#include "micro/dsp/micro_speech/spectral_subtraction.h"

namespace mote::dsp::micro_speech {

void SpectralSubtraction(const SpectralSubtractionParams& params, const uint32_t* in, size_t n,
                         uint32_t* noise_estimate, uint32_t* out) {
  for (size_t i = 0; i < n; ++i) {
    const bool odd = (i & 1) != 0;
    const uint64_t smoothing = odd ? params.alternate_smoothing : params.smoothing;
    const uint64_t keep = odd ? params.alternate_one_minus_smoothing : params.one_minus_smoothing;
    const uint32_t signal = in[i];
    // 32 bits, wrapping like the reference for signals of 2^22 and above.
    const uint32_t signal_scaled = signal << params.smoothing_bits;
    noise_estimate[i] = static_cast<uint32_t>(
        (signal_scaled * smoothing + noise_estimate[i] * keep) >> params.spectral_subtraction_bits);
    uint32_t estimate = noise_estimate[i];
    if (estimate > signal_scaled) {
      estimate = signal_scaled;
      if (params.clamping) noise_estimate[i] = estimate;
    }
    const uint32_t floor =
        static_cast<uint32_t>((static_cast<uint64_t>(signal) * params.min_signal_remaining) >>
                              params.spectral_subtraction_bits);
    const uint32_t subtracted = (signal_scaled - estimate) >> params.smoothing_bits;
    out[i] = subtracted > floor ? subtracted : floor;
  }
}

}  // namespace mote::dsp::micro_speech
