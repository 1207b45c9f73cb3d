// MFCC: mel-frequency cepstral coefficients, frame by frame.
//
// Per frame: FramePowerSpectrum (pre-emphasis, window, FFT, |X|^2 / N), the
// mel filterbank, ln(max(energy, 10^(noise_floor_db / 10))), the orthonormal
// DCT-II keeping num_cepstral coefficients, and the cepstral lifter. Output
// shape: {FrameCount(input length), num_cepstral}.
//
//   MfccParams params;                       // 16 kHz, 30 ms / 20 ms, 512, 40, 13
//   static uint8_t memory[...];              // >= Mfcc::WorkspaceBytes(params)
//   Arena arena(memory, sizeof memory);
//   Mfcc mfcc;
//   if (mfcc.Init(params, &arena) != DspStatus::kOk) ...
//   FeatureShape shape = MfccOutputShape(params, 16000);   // {49, 13}
//   mfcc.Compute({pcm, 16000}, features, shape.size());   // int16 PCM or floats
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/feature_shape.h"
#include "micro/dsp/frame_spectrum.h"
#include "micro/dsp/mel_filterbank.h"

namespace mote::dsp {

struct MfccParams {
  FrameParams frame;
  MelParams mel;
  uint16_t num_cepstral = 13;     // coefficients kept, in [1, mel.num_filters]
  float lifter = 22.0f;           // L of the sinusoidal lifter; 0 turns it off
  float noise_floor_db = -100.0f;  // mel energies below 10^(floor/10) are raised to it
  // Compute subtracts each coefficient's mean over the window's frames
  // (window_mean.h); ComputeFrame, which sees one frame, does not.
  bool subtract_mean = false;

  // kOk, or the first problem found in frame, mel, then the fields above
  // (kBadCepstralCount, kBadLifter, kBadNoiseFloor).
  DspStatus Validate() const;
};

// Requires params.Validate() == kOk.
FeatureShape MfccOutputShape(const MfccParams& params, uint32_t input_length);

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class Mfcc {
 public:
  // Bytes Init takes from an arena, and the size of a raw buffer that is
  // always enough (the former plus alignment slack). Require a valid params.
  static size_t ArenaBytes(const MfccParams& params);
  static size_t WorkspaceBytes(const MfccParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  // Validates `params` and lays out every table and buffer in `arena`.
  // Returns the validation error or kBufferTooSmall.
  DspStatus Init(const MfccParams& params, Arena* arena);

  // The num_cepstral coefficients of frame `index` of `signal` into `out`.
  void ComputeFrame(Signal signal, uint32_t index, float* out);

  // Every frame, row-major, into `out` (`capacity` floats), then the window
  // mean subtracted if params.subtract_mean. Returns kBufferTooSmall, writing
  // nothing, if capacity < MfccOutputShape(...).size().
  DspStatus Compute(Signal signal, float* out, size_t capacity);

 private:
  MfccParams params_;
  FramePowerSpectrum spectrum_;
  MelFilterbank bank_;
  float floor_ = 0.0f;
  float* dct_ = nullptr;       // [num_cepstral x num_filters], lifter folded in
  float* power_ = nullptr;     // [fft_length / 2 + 1]
  float* energies_ = nullptr;  // [num_filters]
};

}  // namespace mote::dsp
