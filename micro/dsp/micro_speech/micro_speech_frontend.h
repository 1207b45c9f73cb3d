// MicroSpeechFrontend: the audio front end of TensorFlow Lite Micro's
// micro_speech example, written from its published description and checked
// against its outputs. One 30 ms window of 16 kHz int16 audio in, 40 int8
// features out, with per-channel noise estimates carried from window to
// window:
//
//   Hann window (Q12) -> auto-scale -> 512-point int16 real FFT -> bin energy
//   -> 40-channel mel filterbank -> square root -> spectral subtraction
//   -> PCAN gain control -> log -> int8
//
// The object holds the state (160 bytes) and the scratch of one window
// (about 2.5 KB); it allocates nothing. Not thread-safe: one object per audio
// stream. A typical use:
//
//   MicroSpeechFrontend frontend;                   // default parameters
//   int8_t features[49 * kFeaturesPerWindow];
//   size_t windows = frontend.ProcessClip(audio, 16000, features, 49);
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/micro_speech/micro_speech_frontend_params.h"

namespace mote::dsp::micro_speech {

class MicroSpeechFrontend {
 public:
  // Requires ValidateMicroSpeechFrontendParams(params) == nullptr. Starts
  // from a fresh state. (Defined out of line so that a global front end is
  // zero-filled memory set up at start-up, not a 2.7 KB initialized image.)
  explicit MicroSpeechFrontend(
      const MicroSpeechFrontendParams& params = MicroSpeechFrontendParams());

  const MicroSpeechFrontendParams& params() const { return params_; }

  // Forgets the noise estimates, as at construction.
  void Reset();

  // Reads kWindowSamples samples; writes kNumChannels log-scale values
  // (about log_output_scale * ln of each gain-controlled channel; 0 to
  // 32767) and updates the state: the output of TFLM's SignalFilterBankLog op.
  void ProcessWindowLog(const int16_t* samples, int16_t* log_out);

  // ProcessWindowLog followed by the conversion to the model's int8 input;
  // writes kFeaturesPerWindow values.
  void ProcessWindow(const int16_t* samples, int8_t* features);

  // Resets, then processes min(MicroSpeechWindowCount(params(), num_samples),
  // max_windows) windows of `audio` in order, writing kFeaturesPerWindow
  // values per window to `features`, and returns that window count.
  size_t ProcessClip(const int16_t* audio, size_t num_samples, int8_t* features,
                     size_t max_windows);

 private:
  MicroSpeechFrontendParams params_;
  // State: the spectral subtraction's noise estimate per channel.
  uint32_t noise_estimate_[kNumChannels] = {};
  // Scratch of one window, written before it is read.
  int16_t spectrum_[2 * kSpectrumBins];
  uint32_t energy_[kSpectrumBins];
  uint64_t filterbank_[kNumChannels];
  uint32_t channels_[kNumChannels];
};

}  // namespace mote::dsp::micro_speech
