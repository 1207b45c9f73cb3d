#include "micro/dsp/micro_speech/micro_speech_frontend.h"

#include "micro/dsp/micro_speech/bin_energy.h"
#include "micro/dsp/micro_speech/fft_auto_scale.h"
#include "micro/dsp/micro_speech/filterbank_log.h"
#include "micro/dsp/micro_speech/filterbank_q12.h"
#include "micro/dsp/micro_speech/filterbank_sqrt.h"
#include "micro/dsp/micro_speech/fixed_point_window.h"
#include "micro/dsp/micro_speech/pcan_gain_control.h"
#include "micro/dsp/micro_speech/rfft_q15_scaled.h"

namespace mote::dsp::micro_speech {

MicroSpeechFrontend::MicroSpeechFrontend(const MicroSpeechFrontendParams& params)
    : params_(params) {}

void MicroSpeechFrontend::Reset() {
  for (uint32_t& e : noise_estimate_) e = 0;
}

void MicroSpeechFrontend::ProcessWindowLog(const int16_t* samples, int16_t* log_out) {
  ApplyFixedPointWindow(samples, kHannWindowQ12, kWindowSamples, params_.window_shift, spectrum_);
  const int scale_shift = FftAutoScale(spectrum_, kWindowSamples);
  for (size_t i = kWindowSamples; i < 2 * kSpectrumBins; ++i) spectrum_[i] = 0;
  RfftQ15Scaled512(spectrum_);
  BinEnergy(spectrum_, kSpectrumBins, params_.energy_start_bin, params_.energy_end_bin, energy_);
  AccumulateFilterbankQ12(MicroSpeechFilterbank(), energy_, filterbank_);
  FilterbankSqrt(filterbank_, kNumChannels, scale_shift, channels_);
  SpectralSubtraction(params_.noise_reduction, channels_, kNumChannels, noise_estimate_, channels_);
  PcanGainControl(kPcanGainLut, params_.pcan_snr_shift, noise_estimate_, channels_, kNumChannels);
  FilterbankLog(channels_, kNumChannels, params_.log_output_scale, params_.log_correction_bits,
                log_out);
}

void MicroSpeechFrontend::ProcessWindow(const int16_t* samples, int8_t* features) {
  int16_t log_values[kNumChannels];
  ProcessWindowLog(samples, log_values);
  for (size_t c = 0; c < kNumChannels; ++c)
    features[c] = FeatureToInt8(log_values[c], params_.int8);
}

size_t MicroSpeechFrontend::ProcessClip(const int16_t* audio, size_t num_samples, int8_t* features,
                                        size_t max_windows) {
  Reset();
  size_t windows = MicroSpeechWindowCount(params_, num_samples);
  if (windows > max_windows) windows = max_windows;
  for (size_t w = 0; w < windows; ++w) {
    ProcessWindow(audio + w * params_.stride_samples, features + w * kFeaturesPerWindow);
  }
  return windows;
}

}  // namespace mote::dsp::micro_speech
