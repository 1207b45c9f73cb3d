#include "micro/dsp/micro_speech/micro_speech_frontend_params.h"

namespace mote::dsp::micro_speech {

const char* ValidateMicroSpeechFrontendParams(const MicroSpeechFrontendParams& p) {
  if (p.stride_samples == 0) return "stride_samples: must be at least 1";
  if (p.window_shift < 0 || p.window_shift > 30) return "window_shift: must be in [0, 30]";
  if (p.energy_end_bin > kSpectrumBins) return "energy_end_bin: must be at most 257";
  if (p.energy_start_bin > p.energy_end_bin)
    return "energy_start_bin: must not exceed energy_end_bin";
  const SpectralSubtractionParams& n = p.noise_reduction;
  if (n.smoothing_bits < 0 || n.smoothing_bits > 31) {
    return "noise_reduction.smoothing_bits: must be in [0, 31]";
  }
  if (n.spectral_subtraction_bits < 0 || n.spectral_subtraction_bits > 31) {
    return "noise_reduction.spectral_subtraction_bits: must be in [0, 31]";
  }
  if (p.pcan_snr_shift < 0 || p.pcan_snr_shift > 63) return "pcan_snr_shift: must be in [0, 63]";
  if (p.log_correction_bits < 0 || p.log_correction_bits > 31) {
    return "log_correction_bits: must be in [0, 31]";
  }
  // ln(2^32) * 2048 < 2^16 keeps FixedPointLog within 32 bits.
  if (p.log_output_scale == 0 || p.log_output_scale > 2048) {
    return "log_output_scale: must be in [1, 2048]";
  }
  if (p.int8.divisor <= 0) return "int8.divisor: must be at least 1";
  if (p.int8.multiplier < -32768 || p.int8.multiplier > 32768) {
    return "int8.multiplier: must be in [-32768, 32768]";
  }
  if (p.int8.offset < -(1 << 24) || p.int8.offset > (1 << 24)) {
    return "int8.offset: must be in [-2^24, 2^24]";
  }
  return nullptr;
}

size_t MicroSpeechWindowCount(const MicroSpeechFrontendParams& params, size_t num_samples) {
  if (num_samples < kWindowSamples) return 0;
  return 1 + (num_samples - kWindowSamples) / params.stride_samples;
}

}  // namespace mote::dsp::micro_speech
