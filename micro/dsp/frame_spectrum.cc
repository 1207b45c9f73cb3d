#include "micro/dsp/frame_spectrum.h"

#include "micro/dsp/power_spectrum.h"
#include "micro/dsp/pre_emphasis.h"

namespace mote::dsp {

DspStatus FrameParams::Validate() const {
  if (!IsRfftLength(fft_length)) return DspStatus::kBadFftLength;
  if (frame_length < 1 || frame_length > fft_length) return DspStatus::kBadFrameLength;
  if (frame_stride < 1) return DspStatus::kBadFrameStride;
  if (!IsPadding(padding)) return DspStatus::kBadPadding;
  if (!IsWindowType(window)) return DspStatus::kBadWindow;
  if (!(pre_emphasis >= 0.0f && pre_emphasis < 1.0f)) return DspStatus::kBadPreEmphasis;
  return DspStatus::kOk;
}

uint32_t FrameParams::FrameCount(uint32_t length) const {
  return mote::dsp::FrameCount(length, frame_length, frame_stride, padding);
}

size_t FramePowerSpectrum::ArenaBytes(const FrameParams& params) {
  return RfftF32ArenaBytes(params.fft_length) + FrameBuffers<float, Complex>::ArenaBytes(params);
}

DspStatus FramePowerSpectrum::Init(const FrameParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  InitRfftF32(params.fft_length, arena, &plan_);
  buffers_.Allocate(params, arena);
  MakeWindow(params.window, params.frame_length, buffers_.window);
  return DspStatus::kOk;
}

void FramePowerSpectrum::Compute(Signal signal, uint32_t index, float* power) {
  const FrameParams& p = params_;
  const int64_t start = FrameStart(index, p.frame_length, p.frame_stride, p.padding);
  signal.CopyWithZeros(start, p.frame_length, buffers_.frame);
  if (p.pre_emphasis > 0.0f) {
    float previous;
    signal.CopyWithZeros(start - 1, 1, &previous);
    PreEmphasize(buffers_.frame, p.frame_length, p.pre_emphasis, previous);
  }
  ApplyWindow(buffers_.frame, buffers_.window, p.frame_length, buffers_.frame);
  for (uint32_t i = p.frame_length; i < p.fft_length; ++i) buffers_.frame[i] = 0.0f;
  RfftF32(plan_, buffers_.frame, buffers_.bins);
  PowerSpectrum(buffers_.bins, p.BinCount(), 1.0f / static_cast<float>(p.fft_length), power);
}

}  // namespace mote::dsp
