// Features of a power spectral density (one value per FFT bin, bin k at
// k * bin_hz Hz): its highest peaks and the power in frequency bands.
#pragma once

#include <cstdint>

namespace mote::dsp {

inline constexpr uint32_t kMaxSpectralPeaks = 8;

// The `count` highest local maxima of psd (bins 0 < k < bins - 1 with
// psd[k] > psd[k-1] and psd[k] >= psd[k+1]) that are at least `threshold`,
// highest first, as (frequency in Hz, height) pairs in out[0..2*count).
// Missing peaks are written as (0, 0) (spectral_features.h turns a height of
// 0 into the noise floor when it reports dB). Requires count <= kMaxSpectralPeaks.
void FindSpectralPeaks(const float* psd, uint32_t bins, float bin_hz, float threshold, uint32_t count, float* out);

// The integral of the PSD over [low_hz, high_hz): the sum of psd[k] * bin_hz
// over the bins whose frequency lies in it (the variance of the signal in
// that band, for a density).
float BandPower(const float* psd, uint32_t bins, float bin_hz, float low_hz, float high_hz);

}  // namespace mote::dsp
