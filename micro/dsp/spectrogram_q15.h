// SpectrogramQ15: the spectrogram block (spectrogram.h) in fixed point.
// Same SpectrogramParams, same output shape; each feature is an int16 in dB
// with kFeatureFracBits fractional bits (fixed_log.h): dB = feature / 64.
//
// Per frame: FramePowerSpectrumQ15, then 10 * log10 of each bin by a
// fixed-point log2, floored at noise_floor_db. Bins far below the frame's
// strongest one carry the Q15 FFT's rounding noise (frame_spectrum_q15.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/frame_spectrum_q15.h"
#include "micro/dsp/signal.h"
#include "micro/dsp/spectrogram.h"

namespace mote::dsp {

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class SpectrogramQ15 {
 public:
  static size_t ArenaBytes(const SpectrogramParams& params);
  static size_t WorkspaceBytes(const SpectrogramParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  DspStatus Init(const SpectrogramParams& params, Arena* arena);

  // The fft_length / 2 + 1 features of frame `index` into `out`.
  void ComputeFrame(Signal signal, uint32_t index, int16_t* out);

  // Every frame, row-major; kBufferTooSmall if capacity < SpectrogramOutputShape(...).size().
  DspStatus Compute(Signal signal, int16_t* out, size_t capacity);

 private:
  SpectrogramParams params_;
  FramePowerSpectrumQ15 spectrum_;
  int16_t floor_ = 0;
  uint32_t* power_ = nullptr;  // [fft_length / 2 + 1]
};

}  // namespace mote::dsp
