#include "micro/dsp/spectral_features.h"

#include <cmath>

#include "micro/dsp/log_compress.h"
#include "micro/dsp/rfft_plan.h"
#include "micro/dsp/running_moments.h"

namespace mote::dsp {

DspStatus SpectralParams::Validate() const {
  if (!(sample_rate > 0.0f) || !std::isfinite(sample_rate)) return DspStatus::kBadSampleRate;
  if (!std::isfinite(scale)) return DspStatus::kBadScale;
  if (const DspStatus status = Filter().Validate(); status != DspStatus::kOk) return status;
  if (!IsRfftLength(fft_length)) return DspStatus::kBadFftLength;
  if (num_peaks > kMaxSpectralPeaks) return DspStatus::kBadPeakCount;
  if (num_band_edges == 1 || num_band_edges > kMaxBandEdges) return DspStatus::kBadBandEdges;
  for (uint32_t i = 0; i < num_band_edges; ++i) {
    const float edge = band_edges[i];
    if (!(edge >= 0.0f && edge <= sample_rate / 2.0f)) return DspStatus::kBadBandEdges;
    if (i > 0 && !(edge > band_edges[i - 1])) return DspStatus::kBadBandEdges;
  }
  if (!std::isfinite(noise_floor_db)) return DspStatus::kBadNoiseFloor;
  return DspStatus::kOk;
}

uint32_t SpectralParams::FeaturesPerAxis() const {
  return 3 + 2u * num_peaks + (num_band_edges ? num_band_edges - 1u : 0u);
}

FeatureShape SpectralOutputShape(const SpectralParams& params, uint32_t axes) {
  return {1, axes * params.FeaturesPerAxis()};
}

size_t SpectralFeatures::ArenaBytes(const SpectralParams& params) {
  const uint32_t sections = params.Filter().SectionCount();
  return mote::dsp::ArenaBytes<Biquad>(sections) + mote::dsp::ArenaBytes<float>(2 * sections) +
         WelchPsd::ArenaBytes(params.fft_length) + mote::dsp::ArenaBytes<float>(params.fft_length / 2 + 1);
}

DspStatus SpectralFeatures::Init(const SpectralParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  section_count_ = params.Filter().SectionCount();
  sections_ = arena->Allocate<Biquad>(section_count_);
  filter_state_ = arena->Allocate<float>(2 * section_count_);
  DesignButterworth(params.Filter(), sections_);
  welch_.Init(params.fft_length, params.sample_rate, arena);
  psd_ = arena->Allocate<float>(welch_.BinCount());
  floor_ = PowerFromDecibels(params.noise_floor_db);
  return DspStatus::kOk;
}

DspStatus SpectralFeatures::Compute(const float* samples, uint32_t frames, uint32_t axes, float* out,
                                    size_t capacity) {
  const uint32_t per_axis = params_.FeaturesPerAxis();
  if (capacity < size_t{axes} * per_axis) return DspStatus::kBufferTooSmall;
  for (uint32_t a = 0; a < axes; ++a) ComputeAxis(samples + a, frames, axes, out + size_t{a} * per_axis);
  return DspStatus::kOk;
}

void SpectralFeatures::ComputeAxis(const float* samples, uint32_t frames, uint32_t axes, float* out) {
  // Filter sample by sample, feeding the moments and the PSD, so that no
  // buffer the size of the window is needed.
  BiquadCascade filter(sections_, section_count_, filter_state_);
  RunningMoments moments;
  welch_.Reset();
  for (uint32_t t = 0; t < frames; ++t) {
    float x = samples[size_t{t} * axes] * params_.scale;
    filter.Process(&x, 1, &x);
    moments.Add(x);
    welch_.Add(x);
  }
  welch_.Finish(psd_);

  out[0] = moments.Rms();
  out[1] = moments.Skewness();
  out[2] = moments.Kurtosis();
  float* peaks = out + 3;
  FindSpectralPeaks(psd_, welch_.BinCount(), welch_.BinHz(), params_.peak_threshold, params_.num_peaks, peaks);
  float* bands = peaks + 2 * params_.num_peaks;
  const uint32_t num_bands = params_.num_band_edges ? params_.num_band_edges - 1u : 0u;
  for (uint32_t b = 0; b < num_bands; ++b) {
    bands[b] = BandPower(psd_, welch_.BinCount(), welch_.BinHz(), params_.band_edges[b], params_.band_edges[b + 1]);
  }
  if (params_.log_scale) {
    for (uint32_t p = 0; p < params_.num_peaks; ++p) DecibelsWithFloor(peaks + 2 * p + 1, 1, floor_, peaks + 2 * p + 1);
    DecibelsWithFloor(bands, num_bands, floor_, bands);
  }
}

}  // namespace mote::dsp
