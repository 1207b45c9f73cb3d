#include "micro/dsp/welch_psd.h"

#include <cmath>

#include "micro/dsp/window.h"

namespace mote::dsp {

size_t WelchPsd::ArenaBytes(uint32_t fft_length) {
  if (!IsRfftLength(fft_length)) return 0;
  const uint32_t bins = fft_length / 2 + 1;
  return RfftF32ArenaBytes(fft_length) + 3 * mote::dsp::ArenaBytes<float>(fft_length) +
         mote::dsp::ArenaBytes<Complex>(bins) + mote::dsp::ArenaBytes<float>(bins);
}

DspStatus WelchPsd::Init(uint32_t fft_length, float sample_rate, Arena* arena) {
  if (!IsRfftLength(fft_length)) return DspStatus::kBadFftLength;
  if (!(sample_rate > 0.0f) || !std::isfinite(sample_rate)) return DspStatus::kBadSampleRate;
  if (arena->bytes_left() < ArenaBytes(fft_length)) return DspStatus::kBufferTooSmall;
  fft_length_ = fft_length;
  sample_rate_ = sample_rate;
  InitRfftF32(fft_length, arena, &plan_);
  window_ = arena->Allocate<float>(fft_length);
  segment_ = arena->Allocate<float>(fft_length);
  frame_ = arena->Allocate<float>(fft_length);
  bins_ = arena->Allocate<Complex>(BinCount());
  sum_ = arena->Allocate<float>(BinCount());
  MakeWindow(WindowType::kHann, fft_length, window_);
  window_energy_ = 0.0f;
  for (uint32_t n = 0; n < fft_length; ++n) window_energy_ += window_[n] * window_[n];
  Reset();
  return DspStatus::kOk;
}

void WelchPsd::Reset() {
  filled_ = 0;
  segments_ = 0;
  for (uint32_t k = 0; k < BinCount(); ++k) sum_[k] = 0.0f;
}

void WelchPsd::Add(float x) {
  segment_[filled_++] = x;
  if (filled_ < fft_length_) return;
  ProcessSegment(fft_length_);
  // Keep the second half: it starts the next segment.
  const uint32_t hop = fft_length_ / 2;
  for (uint32_t n = 0; n < fft_length_ - hop; ++n) segment_[n] = segment_[n + hop];
  filled_ = fft_length_ - hop;
}

void WelchPsd::ProcessSegment(uint32_t valid) {
  float mean = 0.0f;
  for (uint32_t n = 0; n < valid; ++n) mean += segment_[n];
  mean /= static_cast<float>(valid);
  for (uint32_t n = 0; n < fft_length_; ++n) frame_[n] = n < valid ? (segment_[n] - mean) * window_[n] : 0.0f;
  RfftF32(plan_, frame_, bins_);
  for (uint32_t k = 0; k < BinCount(); ++k) sum_[k] += bins_[k].re * bins_[k].re + bins_[k].im * bins_[k].im;
  ++segments_;
}

void WelchPsd::Finish(float* psd) {
  if (segments_ == 0 && filled_ > 0) ProcessSegment(filled_);
  const float scale = segments_ ? 1.0f / (sample_rate_ * window_energy_ * static_cast<float>(segments_)) : 0.0f;
  const uint32_t last = BinCount() - 1;
  for (uint32_t k = 0; k <= last; ++k) psd[k] = sum_[k] * scale * ((k == 0 || k == last) ? 1.0f : 2.0f);
}

}  // namespace mote::dsp
