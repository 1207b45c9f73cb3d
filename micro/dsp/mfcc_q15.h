// MfccQ15: the MFCC block (mfcc.h) in fixed point, for cores without an FPU.
// Same MfccParams, same output shape; each coefficient is an int16 with
// kFeatureFracBits fractional bits (fixed_log.h): value = feature / 64,
// saturated to [-512, 512).
//
// Per frame: FramePowerSpectrumQ15, the Q15 mel filterbank, ln of each
// energy in Q16 (floored at noise_floor_db), and the liftered DCT-II as a
// Q15 matrix with one power-of-two scale (lifter gains exceed 1), summed in
// 64 bits; with subtract_mean, Compute then subtracts each coefficient's
// window mean in integers (window_mean.h). Deviation from the float block
// is measured in tests/dsp/feature_blocks_q15_test.cc and listed in
// docs/dsp.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/frame_spectrum_q15.h"
#include "micro/dsp/mel_filterbank_q15.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/signal.h"

namespace mote::dsp {

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class MfccQ15 {
 public:
  static size_t ArenaBytes(const MfccParams& params);
  static size_t WorkspaceBytes(const MfccParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  DspStatus Init(const MfccParams& params, Arena* arena);

  // The num_cepstral coefficients of frame `index` into `out`.
  void ComputeFrame(Signal signal, uint32_t index, int16_t* out);

  // Every frame, row-major; kBufferTooSmall if capacity < MfccOutputShape(...).size().
  DspStatus Compute(Signal signal, int16_t* out, size_t capacity);

 private:
  MfccParams params_;
  FramePowerSpectrumQ15 spectrum_;
  MelFilterbankQ15 bank_;
  int32_t ln_floor_ = 0;        // Q16
  int32_t dct_exponent_ = 0;    // matrix value = mantissa * 2^dct_exponent
  int16_t* dct_ = nullptr;      // [num_cepstral x num_filters] mantissas, lifter folded in
  uint32_t* power_ = nullptr;   // [fft_length / 2 + 1]
  int32_t* log_energies_ = nullptr;  // [num_filters], Q16
};

}  // namespace mote::dsp
