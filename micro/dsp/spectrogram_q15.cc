#include "micro/dsp/spectrogram_q15.h"

#include "micro/dsp/fixed_log.h"

namespace mote::dsp {

size_t SpectrogramQ15::ArenaBytes(const SpectrogramParams& params) {
  return FramePowerSpectrumQ15::ArenaBytes(params.frame) + mote::dsp::ArenaBytes<uint32_t>(params.frame.BinCount());
}

DspStatus SpectrogramQ15::Init(const SpectrogramParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  spectrum_.Init(params.frame, arena);
  power_ = arena->Allocate<uint32_t>(params.frame.BinCount());
  floor_ = FeatureFromFloat(params.noise_floor_db);
  return DspStatus::kOk;
}

void SpectrogramQ15::ComputeFrame(Signal signal, uint32_t index, int16_t* out) {
  const int32_t exponent = spectrum_.Compute(signal, index, power_);
  for (uint32_t k = 0; k < params_.frame.BinCount(); ++k) out[k] = DecibelsFeature(power_[k], exponent, floor_);
}

DspStatus SpectrogramQ15::Compute(Signal signal, int16_t* out, size_t capacity) {
  return ComputeFrames(SpectrogramOutputShape(params_, signal.length()), out, capacity,
                       [&](uint32_t t, int16_t* row) { ComputeFrame(signal, t, row); });
}

}  // namespace mote::dsp
