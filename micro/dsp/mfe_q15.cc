#include "micro/dsp/mfe_q15.h"

#include "micro/dsp/fixed_log.h"

namespace mote::dsp {

size_t MfeQ15::ArenaBytes(const MfeParams& params) {
  return FramePowerSpectrumQ15::ArenaBytes(params.frame) +
         MelFilterbankQ15ArenaBytes(params.mel, params.frame.fft_length) +
         mote::dsp::ArenaBytes<uint32_t>(params.frame.BinCount());
}

DspStatus MfeQ15::Init(const MfeParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  spectrum_.Init(params.frame, arena);
  InitMelFilterbankQ15(params.mel, params.frame.fft_length, arena, &bank_);
  power_ = arena->Allocate<uint32_t>(params.frame.BinCount());
  floor_ = FeatureFromFloat(params.noise_floor_db);
  return DspStatus::kOk;
}

void MfeQ15::ComputeFrame(Signal signal, uint32_t index, int16_t* out) {
  const int32_t exponent = spectrum_.Compute(signal, index, power_) + bank_.weight_exponent;
  ForEachMelEnergyQ15(bank_, power_, [&](uint32_t m, uint64_t energy) {
    out[m] = DecibelsFeature(energy, exponent, floor_);
  });
}

DspStatus MfeQ15::Compute(Signal signal, int16_t* out, size_t capacity) {
  return ComputeFrames(MfeOutputShape(params_, signal.length()), out, capacity,
                       [&](uint32_t t, int16_t* row) { ComputeFrame(signal, t, row); });
}

}  // namespace mote::dsp
