// FramePowerSpectrumQ15: the fixed-point twin of FramePowerSpectrum
// (frame_spectrum.h), with the same FrameParams and the same steps, in Q15:
//   1. frame_length samples from FrameStart(t) as Q15 (zeros outside;
//      float input is rounded and saturated);
//   2. block normalisation: the frame is shifted left as far as its largest
//      sample allows, so that the steps below keep 14-15 significant bits
//      whatever the signal level;
//   3. pre-emphasis, halved so it cannot overflow (PreEmphasizeHalfQ15);
//   4. the Q15 window, halved, and normalisation again into (2^13, 2^14];
//   5. RfftQ15 (fixed first stage and split, later stages halving or
//      quartering by a range test) and power[k] = re^2 + im^2 (uint32).
// Compute returns an exponent e with power[k] * 2^e ~ |X[k]|^2 / fft_length,
// the float path's value for the same Q15 input. The FFT's error is
// absolute (2-3 LSB of its output, whose largest bin is typically 2^11 to
// 2^14), so bins some 60-80 dB below the frame's strongest bin are mostly
// rounding noise.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/complex.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/frame_spectrum.h"
#include "micro/dsp/rfft_q15.h"
#include "micro/dsp/signal.h"

namespace mote::dsp {

// Not thread-safe (scratch buffers live in the arena); one instance per thread.
class FramePowerSpectrumQ15 {
 public:
  static size_t ArenaBytes(const FrameParams& params);

  // As FramePowerSpectrum::Init.
  DspStatus Init(const FrameParams& params, Arena* arena);

  // Writes the BinCount() power mantissas of frame `index` to `power` and
  // returns their exponent (see above). A silent frame gives all zeros.
  int32_t Compute(Signal signal, uint32_t index, uint32_t* power);

 private:
  FrameParams params_;
  RfftPlanQ15 plan_;
  int16_t pre_emphasis_ = 0;     // Q15
  FrameBuffers<int16_t, ComplexQ15> buffers_;  // the window in Q15
};

}  // namespace mote::dsp
