// Spectral analysis for motion and vibration (Edge Impulse's "spectral
// features"): per axis of a multi-axis window, after optional scaling and a
// Butterworth filter,
//   rms, skewness, kurtosis                  of the filtered samples (running_moments.h)
//   num_peaks x (frequency Hz, height)       highest peaks of the Welch PSD (psd_features.h)
//   num_band_edges - 1 band powers           PSD integrated over [edge i, edge i+1)
// Peak heights and band powers are in units^2/Hz and units^2, or in dB
// (10 log10, floored at noise_floor_db) with log_scale. Output shape:
// {1, axes * FeaturesPerAxis()}, axis 0's features first.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/biquad.h"
#include "micro/dsp/butterworth.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/feature_shape.h"
#include "micro/dsp/psd_features.h"
#include "micro/dsp/welch_psd.h"

namespace mote::dsp {

inline constexpr uint32_t kMaxBandEdges = 9;

struct SpectralParams {
  float sample_rate = 100.0f;  // Hz
  float scale = 1.0f;          // every sample is multiplied by this first
  FilterType filter_type = FilterType::kNone;
  uint8_t filter_order = 4;
  float low_cutoff = 0.0f;   // Hz, high-pass / band-pass
  float high_cutoff = 0.0f;  // Hz, low-pass / band-pass
  uint32_t fft_length = 128;  // Welch segment length, power of two in [16, 4096]
  uint8_t num_peaks = 3;      // at most kMaxSpectralPeaks
  float peak_threshold = 0.0f;  // peaks lower than this (units^2/Hz) are not reported
  uint8_t num_band_edges = 0;   // 0, or 2 to kMaxBandEdges
  float band_edges[kMaxBandEdges] = {};  // Hz, increasing, within [0, sample_rate / 2]
  bool log_scale = false;
  float noise_floor_db = -100.0f;

  // kOk, or the first problem: kBadSampleRate, kBadScale, the filter's
  // (ButterworthParams::Validate), kBadFftLength, kBadPeakCount,
  // kBadBandEdges, kBadNoiseFloor.
  DspStatus Validate() const;
  ButterworthParams Filter() const {
    return {sample_rate, filter_type, filter_order, low_cutoff, high_cutoff};
  }
  uint32_t FeaturesPerAxis() const;
};

// {1, axes * FeaturesPerAxis()}; requires a valid params.
FeatureShape SpectralOutputShape(const SpectralParams& params, uint32_t axes);

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class SpectralFeatures {
 public:
  static size_t ArenaBytes(const SpectralParams& params);
  static size_t WorkspaceBytes(const SpectralParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  DspStatus Init(const SpectralParams& params, Arena* arena);

  // `samples` holds `frames` rows of `axes` values (frame-interleaved, as
  // mote stores time series). Writes SpectralOutputShape(params, axes) values
  // to `out`; kBufferTooSmall, writing nothing, if capacity is less.
  DspStatus Compute(const float* samples, uint32_t frames, uint32_t axes, float* out, size_t capacity);

 private:
  void ComputeAxis(const float* samples, uint32_t frames, uint32_t axes, float* out);

  SpectralParams params_;
  float floor_ = 0.0f;
  uint32_t section_count_ = 0;
  Biquad* sections_ = nullptr;   // [section_count_]
  float* filter_state_ = nullptr;  // [2 * section_count_]
  WelchPsd welch_;
  float* psd_ = nullptr;  // [fft_length / 2 + 1]
};

}  // namespace mote::dsp
