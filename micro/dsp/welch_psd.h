// WelchPsd: the power spectral density of a stream by Welch's method:
// segments of fft_length samples overlapping by half, each with its mean
// removed and a periodic Hann window applied, averaged as
//   psd[k] = c_k / (fs * sum w^2) * mean over segments of |FFT(segment)[k]|^2,
// c_k = 2 except for bins 0 and fft_length / 2 (one-sided), in units^2 / Hz
// (SciPy's welch with window="hann", noverlap=nperseg/2, detrend="constant",
// scaling="density"). A stream shorter than one segment gives one segment
// zero-filled after its mean is removed; samples after the last whole
// segment are not used.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/complex.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/rfft_f32.h"

namespace mote::dsp {

// Not thread-safe (scratch buffers live in the arena).
class WelchPsd {
 public:
  static size_t ArenaBytes(uint32_t fft_length);

  // Returns kBadFftLength, kBadSampleRate or kBufferTooSmall (taking nothing).
  DspStatus Init(uint32_t fft_length, float sample_rate, Arena* arena);

  // Starts a new stream.
  void Reset();
  void Add(float x);
  // Writes the fft_length / 2 + 1 values of the PSD of the stream so far to
  // `psd` (all zeros for an empty stream).
  void Finish(float* psd);

  uint32_t BinCount() const { return fft_length_ / 2 + 1; }
  float BinHz() const { return sample_rate_ / static_cast<float>(fft_length_); }

 private:
  void ProcessSegment(uint32_t valid);

  uint32_t fft_length_ = 0;
  float sample_rate_ = 0.0f;
  float window_energy_ = 0.0f;  // sum of w^2
  RfftPlanF32 plan_;
  float* window_ = nullptr;   // [fft_length]
  float* segment_ = nullptr;  // [fft_length], samples of the current segment
  float* frame_ = nullptr;    // [fft_length], FFT input
  Complex* bins_ = nullptr;   // [fft_length / 2 + 1]
  float* sum_ = nullptr;      // [fft_length / 2 + 1], sum of |X|^2 over segments
  uint32_t filled_ = 0;       // samples in segment_
  uint32_t segments_ = 0;
};

}  // namespace mote::dsp
