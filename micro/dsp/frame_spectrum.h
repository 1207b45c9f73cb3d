// FramePowerSpectrum: the front end shared by the MFCC, MFE and spectrogram
// blocks. For frame t of a signal it
//   1. copies frame_length samples from FrameStart(t) (zeros outside the
//      signal; int16 input is read as Q15, see signal.h),
//   2. applies pre-emphasis with the sample before the frame as history
//      (identical to pre-emphasising the whole signal first),
//   3. multiplies by the window, zero-fills up to fft_length,
//   4. takes the real FFT and returns the power spectrum
//      power[k] = |X[k]|^2 / fft_length for k in [0, fft_length / 2].
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/complex.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/feature_shape.h"
#include "micro/dsp/framing.h"
#include "micro/dsp/rfft_f32.h"
#include "micro/dsp/signal.h"
#include "micro/dsp/window.h"

namespace mote::dsp {

struct FrameParams {
  uint32_t frame_length = 480;  // samples per frame (30 ms at 16 kHz)
  uint32_t frame_stride = 320;  // samples between frame starts (20 ms at 16 kHz)
  uint32_t fft_length = 512;    // power of two in [16, 4096], >= frame_length
  Padding padding = Padding::kNone;
  WindowType window = WindowType::kHann;
  float pre_emphasis = 0.0f;  // coefficient a in [0, 1); 0 turns it off

  // kOk, or the first problem found: kBadFftLength, kBadFrameLength,
  // kBadFrameStride, kBadPadding, kBadWindow, kBadPreEmphasis.
  DspStatus Validate() const;
  // Frames in a signal of `length` samples (see framing.h). Requires Validate() == kOk.
  uint32_t FrameCount(uint32_t length) const;
  uint32_t BinCount() const { return fft_length / 2 + 1; }
};

// The buffers of a frame's spectrum, float or Q15 alike: the window, the
// frame zero-filled to the FFT length, and the FFT's bins.
template <typename Sample, typename Bin>
struct FrameBuffers {
  Sample* window = nullptr;  // [frame_length]
  Sample* frame = nullptr;   // [fft_length]
  Bin* bins = nullptr;       // [fft_length / 2 + 1]

  static size_t ArenaBytes(const FrameParams& params) {
    return mote::dsp::ArenaBytes<Sample>(params.frame_length) + mote::dsp::ArenaBytes<Sample>(params.fft_length) +
           mote::dsp::ArenaBytes<Bin>(params.BinCount());
  }
  // Takes ArenaBytes(params) from `arena`, which must have them.
  void Allocate(const FrameParams& params, Arena* arena) {
    window = arena->Allocate<Sample>(params.frame_length);
    frame = arena->Allocate<Sample>(params.fft_length);
    bins = arena->Allocate<Bin>(params.BinCount());
  }
};

// Not thread-safe: Compute uses scratch buffers in the arena. Give each
// thread its own instance (the arena memory can't be shared either).
class FramePowerSpectrum {
 public:
  // Bytes Init takes from an arena; requires params.Validate() == kOk.
  static size_t ArenaBytes(const FrameParams& params);

  // Validates `params` and lays out the FFT plan, window and scratch buffers
  // in `arena`. Returns the validation error, or kBufferTooSmall (taking
  // nothing) if the arena has less than ArenaBytes(params) left.
  DspStatus Init(const FrameParams& params, Arena* arena);

  // Writes the BinCount() power values of frame `index` of `signal` to
  // `power`. Requires a successful Init; `index` may be any frame number
  // (frames past the end are zeros).
  void Compute(Signal signal, uint32_t index, float* power);

 private:
  FrameParams params_;
  RfftPlanF32 plan_;
  FrameBuffers<float, Complex> buffers_;
};

// Runs compute_frame(index, out_row) for every frame, with rows of
// shape.features values in `out` (capacity values). Returns
// kBufferTooSmall, writing nothing, if capacity < shape.size().
template <typename T, typename ComputeFrame>
DspStatus ComputeFrames(FeatureShape shape, T* out, size_t capacity, ComputeFrame compute_frame) {
  if (capacity < shape.size()) return DspStatus::kBufferTooSmall;
  for (uint32_t t = 0; t < shape.frames; ++t) compute_frame(t, out + size_t{t} * shape.features);
  return DspStatus::kOk;
}

}  // namespace mote::dsp
