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
  return RfftF32ArenaBytes(params.fft_length) + mote::dsp::ArenaBytes<float>(params.frame_length) +
         mote::dsp::ArenaBytes<float>(params.fft_length) + mote::dsp::ArenaBytes<Complex>(params.BinCount());
}

DspStatus FramePowerSpectrum::Init(const FrameParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  InitRfftF32(params.fft_length, arena, &plan_);
  window_ = arena->Allocate<float>(params.frame_length);
  frame_ = arena->Allocate<float>(params.fft_length);
  bins_ = arena->Allocate<Complex>(params.BinCount());
  MakeWindow(params.window, params.frame_length, window_);
  return DspStatus::kOk;
}

void FramePowerSpectrum::Compute(Signal signal, uint32_t index, float* power) {
  const FrameParams& p = params_;
  const int64_t start = FrameStart(index, p.frame_length, p.frame_stride, p.padding);
  signal.CopyWithZeros(start, p.frame_length, frame_);
  if (p.pre_emphasis > 0.0f) {
    float previous;
    signal.CopyWithZeros(start - 1, 1, &previous);
    PreEmphasize(frame_, p.frame_length, p.pre_emphasis, previous);
  }
  ApplyWindow(frame_, window_, p.frame_length, frame_);
  for (uint32_t i = p.frame_length; i < p.fft_length; ++i) frame_[i] = 0.0f;
  RfftF32(plan_, frame_, bins_);
  PowerSpectrum(bins_, p.BinCount(), 1.0f / static_cast<float>(p.fft_length), power);
}

}  // namespace mote::dsp
