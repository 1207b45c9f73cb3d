// MFE: log mel filterbank energies, frame by frame (the "filterbank
// features" of Kaldi and Edge Impulse's MFE block).
//
// Per frame: FramePowerSpectrum (pre-emphasis, window, FFT, |X|^2 / N), the
// mel filterbank, then 10 * log10(max(energy, 10^(noise_floor_db / 10))),
// so every output is in dB and >= noise_floor_db. Output shape:
// {FrameCount(input length), mel.num_filters}. Usage as Mfcc (mfcc.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/feature_shape.h"
#include "micro/dsp/frame_spectrum.h"
#include "micro/dsp/mel_filterbank.h"

namespace mote::dsp {

struct MfeParams {
  FrameParams frame;
  MelParams mel;
  float noise_floor_db = -100.0f;

  // kOk, or the first problem found in frame, mel, then kBadNoiseFloor.
  DspStatus Validate() const;
};

// Requires params.Validate() == kOk.
FeatureShape MfeOutputShape(const MfeParams& params, uint32_t input_length);

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class Mfe {
 public:
  static size_t ArenaBytes(const MfeParams& params);
  static size_t WorkspaceBytes(const MfeParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  DspStatus Init(const MfeParams& params, Arena* arena);

  // The num_filters energies in dB of frame `index` into `out`.
  void ComputeFrame(Signal signal, uint32_t index, float* out);

  // Every frame, row-major; kBufferTooSmall if capacity < MfeOutputShape(...).size().
  DspStatus Compute(Signal signal, float* out, size_t capacity);

 private:
  MfeParams params_;
  FramePowerSpectrum spectrum_;
  MelFilterbank bank_;
  float floor_ = 0.0f;
  float* power_ = nullptr;  // [fft_length / 2 + 1]
};

}  // namespace mote::dsp
