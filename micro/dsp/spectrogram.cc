#include "micro/dsp/spectrogram.h"

#include <cmath>

#include "micro/dsp/log_compress.h"

namespace mote::dsp {

DspStatus SpectrogramParams::Validate() const {
  if (const DspStatus status = frame.Validate(); status != DspStatus::kOk) return status;
  if (!std::isfinite(noise_floor_db)) return DspStatus::kBadNoiseFloor;
  return DspStatus::kOk;
}

FeatureShape SpectrogramOutputShape(const SpectrogramParams& params, uint32_t input_length) {
  return {params.frame.FrameCount(input_length), params.frame.BinCount()};
}

size_t Spectrogram::ArenaBytes(const SpectrogramParams& params) { return FramePowerSpectrum::ArenaBytes(params.frame); }

DspStatus Spectrogram::Init(const SpectrogramParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (const DspStatus status = spectrum_.Init(params.frame, arena); status != DspStatus::kOk) return status;
  params_ = params;
  floor_ = PowerFromDecibels(params.noise_floor_db);
  return DspStatus::kOk;
}

void Spectrogram::ComputeFrame(Signal signal, uint32_t index, float* out) {
  spectrum_.Compute(signal, index, out);
  DecibelsWithFloor(out, params_.frame.BinCount(), floor_, out);
}

DspStatus Spectrogram::Compute(Signal signal, float* out, size_t capacity) {
  return ComputeFrames(SpectrogramOutputShape(params_, signal.length()), out, capacity,
                       [&](uint32_t t, float* row) { ComputeFrame(signal, t, row); });
}

}  // namespace mote::dsp
