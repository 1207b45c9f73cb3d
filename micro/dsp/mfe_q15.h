// MfeQ15: the MFE block (mfe.h) in fixed point, for cores without an FPU.
// Same MfeParams, same output shape; each feature is an int16 in dB with
// kFeatureFracBits fractional bits (fixed_log.h): dB = feature / 64.
//
// Per frame: FramePowerSpectrumQ15, the Q15 mel filterbank (exact 64-bit
// sums), then 10 * log10 by a fixed-point log2, floored at noise_floor_db.
// Deviation from the float block on the same int16 input is measured in
// tests/dsp/feature_blocks_q15_test.cc and listed in docs/dsp.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/frame_spectrum_q15.h"
#include "micro/dsp/mel_filterbank_q15.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/signal.h"

namespace mote::dsp {

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class MfeQ15 {
 public:
  static size_t ArenaBytes(const MfeParams& params);
  static size_t WorkspaceBytes(const MfeParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  DspStatus Init(const MfeParams& params, Arena* arena);

  // The num_filters features of frame `index` into `out`.
  void ComputeFrame(Signal signal, uint32_t index, int16_t* out);

  // Every frame, row-major; kBufferTooSmall if capacity < MfeOutputShape(...).size().
  DspStatus Compute(Signal signal, int16_t* out, size_t capacity);

 private:
  MfeParams params_;
  FramePowerSpectrumQ15 spectrum_;
  MelFilterbankQ15 bank_;
  int16_t floor_ = 0;           // noise_floor_db as a feature
  uint32_t* power_ = nullptr;   // [fft_length / 2 + 1]
};

}  // namespace mote::dsp
