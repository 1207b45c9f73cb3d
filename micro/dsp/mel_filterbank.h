// A mel filterbank: num_filters triangular filters over the bins of a power
// spectrum, with edges equally spaced on the mel scale.
//
// The filter edges are the num_filters + 2 frequencies
//   f[i] = MelToHz(HzToMel(low_freq) + i * (HzToMel(high_freq) - HzToMel(low_freq)) / (num_filters + 1)),
// and filter m (0-based) weighs FFT bin k, at frequency
// fk = k * sample_rate / fft_length, by
//   w = max(0, min((fk - f[m]) / (f[m+1] - f[m]), (f[m+2] - fk) / (f[m+2] - f[m+1])))
// (the continuous-frequency triangles of librosa and the Auditory Toolbox,
// not triangles snapped to whole bins). With MelNorm::kSlaney each filter is
// also multiplied by 2 / (f[m+2] - f[m]), so that it has unit area in Hz
// (librosa's norm="slaney"). A filter narrower than the bin spacing may
// cover no bin; its energy is then 0.
//
// The weights are stored sparsely: each filter's first bin, its bin count and
// its nonzero weights, at most 2 * (fft_length / 2 + 1) floats in all.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/mel_scale.h"

namespace mote::dsp {

enum class MelNorm : uint8_t {
  kNone = 0,    // peak weight 1
  kSlaney = 1,  // unit area in Hz
};

constexpr bool IsMelNorm(MelNorm norm) { return static_cast<uint8_t>(norm) <= 1; }

struct MelParams {
  float sample_rate = 16000.0f;  // Hz
  uint16_t num_filters = 40;
  float low_freq = 0.0f;   // Hz, lower edge of the first filter
  float high_freq = 0.0f;  // Hz, upper edge of the last filter; 0 means sample_rate / 2
  MelScale mel_scale = MelScale::kHtk;
  MelNorm mel_norm = MelNorm::kNone;

  // kOk, or the first problem found (kBadSampleRate, kBadFilterCount,
  // kBadFrequencyRange, kBadMelScale, kBadMelNorm) for spectra of
  // fft_length / 2 + 1 bins.
  DspStatus Validate(uint32_t fft_length) const;
  // high_freq with 0 resolved to sample_rate / 2.
  float UpperEdge() const { return high_freq > 0.0f ? high_freq : sample_rate / 2.0f; }
};

struct MelFilterbank {
  uint16_t num_filters = 0;
  const uint16_t* first_bin = nullptr;  // [num_filters]
  const uint16_t* bin_count = nullptr;  // [num_filters]
  const float* weights = nullptr;       // filter 0's weights, then filter 1's, ...
};

// Bytes InitMelFilterbank takes from an arena. Requires params.Validate(fft_length) == kOk.
size_t MelFilterbankArenaBytes(const MelParams& params, uint32_t fft_length);

// Validates `params`, builds the filterbank for spectra of fft_length / 2 + 1
// bins in `arena` and fills *bank. Returns the validation error, or
// kBufferTooSmall (taking nothing) if the arena is too small.
DspStatus InitMelFilterbank(const MelParams& params, uint32_t fft_length, Arena* arena, MelFilterbank* bank);

// energies[m] = sum_k weight(m, k) * power[k] for m < bank.num_filters;
// `power` has the fft_length / 2 + 1 bins the bank was built for.
void ApplyMelFilterbank(const MelFilterbank& bank, const float* power, float* energies);

}  // namespace mote::dsp
