#include "micro/dsp/mfe.h"

#include <cmath>

#include "micro/dsp/log_compress.h"

namespace mote::dsp {

DspStatus MfeParams::Validate() const {
  if (const DspStatus status = frame.Validate(); status != DspStatus::kOk) return status;
  if (const DspStatus status = mel.Validate(frame.fft_length); status != DspStatus::kOk) return status;
  if (!std::isfinite(noise_floor_db)) return DspStatus::kBadNoiseFloor;
  return DspStatus::kOk;
}

FeatureShape MfeOutputShape(const MfeParams& params, uint32_t input_length) {
  return {params.frame.FrameCount(input_length), params.mel.num_filters};
}

size_t Mfe::ArenaBytes(const MfeParams& params) {
  return FramePowerSpectrum::ArenaBytes(params.frame) + MelFilterbankArenaBytes(params.mel, params.frame.fft_length) +
         mote::dsp::ArenaBytes<float>(params.frame.BinCount());
}

DspStatus Mfe::Init(const MfeParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  spectrum_.Init(params.frame, arena);
  InitMelFilterbank(params.mel, params.frame.fft_length, arena, &bank_);
  power_ = arena->Allocate<float>(params.frame.BinCount());
  floor_ = PowerFromDecibels(params.noise_floor_db);
  return DspStatus::kOk;
}

void Mfe::ComputeFrame(Signal signal, uint32_t index, float* out) {
  spectrum_.Compute(signal, index, power_);
  ApplyMelFilterbank(bank_, power_, out);
  DecibelsWithFloor(out, bank_.num_filters, floor_, out);
}

DspStatus Mfe::Compute(Signal signal, float* out, size_t capacity) {
  return ComputeFrames(MfeOutputShape(params_, signal.length()), out, capacity,
                       [&](uint32_t t, float* row) { ComputeFrame(signal, t, row); });
}

}  // namespace mote::dsp
