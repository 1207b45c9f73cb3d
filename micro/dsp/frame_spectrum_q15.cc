#include "micro/dsp/frame_spectrum_q15.h"

#include <algorithm>

#include "micro/dsp/pre_emphasis.h"
#include "micro/dsp/q15.h"
#include "micro/dsp/window.h"

namespace mote::dsp {

size_t FramePowerSpectrumQ15::ArenaBytes(const FrameParams& params) {
  return RfftQ15ArenaBytes(params.fft_length) + FrameBuffers<int16_t, ComplexQ15>::ArenaBytes(params);
}

DspStatus FramePowerSpectrumQ15::Init(const FrameParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  pre_emphasis_ = FloatToQ15(params.pre_emphasis);
  InitRfftQ15(params.fft_length, arena, &plan_);
  buffers_.Allocate(params, arena);
  MakeWindowQ15(params.window, params.frame_length, buffers_.window);
  return DspStatus::kOk;
}

int32_t FramePowerSpectrumQ15::Compute(Signal signal, uint32_t index, uint32_t* power) {
  const FrameParams& p = params_;
  int16_t* const frame = buffers_.frame;
  const int64_t start = FrameStart(index, p.frame_length, p.frame_stride, p.padding);
  signal.CopyWithZeros(start, p.frame_length, frame);
  int16_t previous = 0;
  if (p.pre_emphasis > 0.0f) signal.CopyWithZeros(start - 1, 1, &previous);
  // Normalise before pre-emphasis, so that it does not round away the bits
  // of a quiet frame, and after the window into (2^13, 2^14], the range
  // RfftQ15's fixed scaling takes.
  int shift = HeadroomShift(std::max(LargestMagnitude(frame, p.frame_length), LargestMagnitude(&previous, 1)));
  int window_shift = 16;  // x * w / 2: at most 2^14
  int halvings = 1;
  if (p.pre_emphasis > 0.0f) {
    ShiftLeftQ15(frame, p.frame_length, shift);
    PreEmphasizeHalfQ15(frame, p.frame_length, pre_emphasis_, static_cast<int16_t>(previous * (1 << shift)));
    halvings = 2;
  } else {
    // (x * 2^shift) * w rounded by >> 16 is x * w rounded by >> (16 - shift)
    // (shift <= 14): the first normalisation then costs no pass of its own.
    window_shift -= shift;
  }
  const int32_t largest = ApplyWindowQ15(frame, buffers_.window, p.frame_length, window_shift);
  // A window that is small where the frame's largest samples are leaves
  // headroom: take it back (largest * 2^s <= 16383).
  const int second_shift = largest > 0 ? HeadroomShift(largest) - 1 : 0;
  if (second_shift > 0) ShiftLeftQ15(frame, p.frame_length, second_shift);
  shift += second_shift > 0 ? second_shift : 0;
  for (uint32_t n = p.frame_length; n < p.fft_length; ++n) frame[n] = 0;

  const int fft_exponent = RfftQ15(plan_, frame, buffers_.bins);
  // re^2 + im^2 < 2^31 exactly (parts below 2^14 * sqrt(2) + a few LSB), as
  // one SMUAD.
  const uint32_t bins = p.BinCount();
#pragma GCC unroll 4
  for (uint32_t k = 0; k < bins; ++k) {
    const pairs::Pair bin = pairs::Load(&buffers_.bins[k]);
    power[k] = static_cast<uint32_t>(pairs::MulAdd(bin, bin));
  }
  // bins = 2^15 * X * 2^(shift - halvings + fft_exponent) / N, so
  // |X|^2 / N = power * N / 2^(30 + 2 * (shift - halvings + fft_exponent)).
  return static_cast<int32_t>(plan_.log2_half + 1) - 30 - 2 * (shift - halvings + fft_exponent);
}

}  // namespace mote::dsp
