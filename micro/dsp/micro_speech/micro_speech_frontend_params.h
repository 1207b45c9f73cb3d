// Parameters of the micro_speech-compatible front end and the shape of its
// output. The defaults are those of TFLM's audio_preprocessor_int8 model
// (its ops' custom options); the window length (480 samples), FFT length
// (512) and channel count (40) are fixed by the tables in
// micro_speech_tables.h.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/micro_speech/feature_int8.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"
#include "micro/dsp/micro_speech/spectral_subtraction.h"

namespace mote::dsp::micro_speech {

// Sample rate the tables are computed for.
inline constexpr uint32_t kSampleRateHz = 16000;
// Features per window: one int8 per channel.
inline constexpr size_t kFeaturesPerWindow = kNumChannels;

struct MicroSpeechFrontendParams {
  // Samples between the starts of consecutive windows: 20 ms.
  size_t stride_samples = 320;
  // Right shift after the Q12 window multiply.
  int window_shift = 12;
  // Spectrum bins [start, end) whose energy feeds the filterbank; the others
  // count as zero. 5 = first bin above 125 Hz (+ 1/2), 241 = one past the
  // last bin the channels weight.
  size_t energy_start_bin = 5;
  size_t energy_end_bin = 241;
  SpectralSubtractionParams noise_reduction;
  // Right shift of signal * gain: gain_bits (21) - log_correction_bits (3)
  // - 12 fractional SNR bits.
  int pcan_snr_shift = 6;
  // Left shift before the log: log2(512) - 1 - 12 / 2.
  int log_correction_bits = 3;
  // Log output scale: 1 << 6.
  uint32_t log_output_scale = 64;
  FeatureInt8Params int8;
};

// nullptr when `params` are usable, else a static one-line message naming
// the first bad field, e.g. "stride_samples: must be at least 1".
const char* ValidateMicroSpeechFrontendParams(const MicroSpeechFrontendParams& params);

// Windows in a clip of `num_samples`: complete windows only, the first at
// sample 0, then every stride_samples (49 for one second at 16 kHz).
// Requires valid params.
size_t MicroSpeechWindowCount(const MicroSpeechFrontendParams& params, size_t num_samples);

}  // namespace mote::dsp::micro_speech
