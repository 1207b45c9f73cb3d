// Spectrogram: the power spectrum of each frame in dB with a noise floor.
//
// Per frame: FramePowerSpectrum (pre-emphasis, window, FFT, |X|^2 / N),
// then 10 * log10(max(power, 10^(noise_floor_db / 10))). Output shape:
// {FrameCount(input length), fft_length / 2 + 1}. Usage as Mfcc (mfcc.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/feature_shape.h"
#include "micro/dsp/frame_spectrum.h"

namespace mote::dsp {

struct SpectrogramParams {
  FrameParams frame;
  float noise_floor_db = -100.0f;

  // kOk, or the first problem found in frame, then kBadNoiseFloor.
  DspStatus Validate() const;
};

// Requires params.Validate() == kOk.
FeatureShape SpectrogramOutputShape(const SpectrogramParams& params, uint32_t input_length);

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class Spectrogram {
 public:
  static size_t ArenaBytes(const SpectrogramParams& params);
  static size_t WorkspaceBytes(const SpectrogramParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  DspStatus Init(const SpectrogramParams& params, Arena* arena);

  // The fft_length / 2 + 1 values in dB of frame `index` into `out`.
  void ComputeFrame(Signal signal, uint32_t index, float* out);

  // Every frame, row-major; kBufferTooSmall if capacity < SpectrogramOutputShape(...).size().
  DspStatus Compute(Signal signal, float* out, size_t capacity);

 private:
  SpectrogramParams params_;
  FramePowerSpectrum spectrum_;
  float floor_ = 0.0f;
};

}  // namespace mote::dsp
