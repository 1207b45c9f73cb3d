#include "micro/dsp/mfcc.h"

#include <cmath>

#include "micro/dsp/dct.h"
#include "micro/dsp/lifter.h"
#include "micro/dsp/log_compress.h"
#include "micro/dsp/window_mean.h"

namespace mote::dsp {

DspStatus MfccParams::Validate() const {
  if (const DspStatus status = frame.Validate(); status != DspStatus::kOk) return status;
  if (const DspStatus status = mel.Validate(frame.fft_length); status != DspStatus::kOk) return status;
  if (num_cepstral < 1 || num_cepstral > mel.num_filters) return DspStatus::kBadCepstralCount;
  if (!(lifter >= 0.0f) || !std::isfinite(lifter)) return DspStatus::kBadLifter;
  if (!std::isfinite(noise_floor_db)) return DspStatus::kBadNoiseFloor;
  return DspStatus::kOk;
}

FeatureShape MfccOutputShape(const MfccParams& params, uint32_t input_length) {
  return {params.frame.FrameCount(input_length), params.num_cepstral};
}

size_t Mfcc::ArenaBytes(const MfccParams& params) {
  return FramePowerSpectrum::ArenaBytes(params.frame) + MelFilterbankArenaBytes(params.mel, params.frame.fft_length) +
         mote::dsp::ArenaBytes<float>(DctMatrixSize(params.mel.num_filters, params.num_cepstral)) +
         mote::dsp::ArenaBytes<float>(params.frame.BinCount()) +
         mote::dsp::ArenaBytes<float>(params.mel.num_filters);
}

DspStatus Mfcc::Init(const MfccParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  spectrum_.Init(params.frame, arena);
  InitMelFilterbank(params.mel, params.frame.fft_length, arena, &bank_);
  dct_ = arena->Allocate<float>(DctMatrixSize(params.mel.num_filters, params.num_cepstral));
  power_ = arena->Allocate<float>(params.frame.BinCount());
  energies_ = arena->Allocate<float>(params.mel.num_filters);
  // The lifter gains go into the DCT rows; energies_ holds them meanwhile.
  for (uint32_t j = 0; j < params.num_cepstral; ++j) energies_[j] = LifterGain(j, params.lifter);
  MakeDctMatrix(params.mel.num_filters, params.num_cepstral, energies_, dct_);
  floor_ = PowerFromDecibels(params.noise_floor_db);
  return DspStatus::kOk;
}

void Mfcc::ComputeFrame(Signal signal, uint32_t index, float* out) {
  spectrum_.Compute(signal, index, power_);
  ApplyMelFilterbank(bank_, power_, energies_);
  LogWithFloor(energies_, bank_.num_filters, floor_, energies_);
  ApplyDct(dct_, energies_, bank_.num_filters, params_.num_cepstral, out);
}

DspStatus Mfcc::Compute(Signal signal, float* out, size_t capacity) {
  const FeatureShape shape = MfccOutputShape(params_, signal.length());
  const DspStatus status =
      ComputeFrames(shape, out, capacity, [&](uint32_t t, float* row) { ComputeFrame(signal, t, row); });
  if (status == DspStatus::kOk && params_.subtract_mean) SubtractWindowMean(out, shape.frames, shape.features);
  return status;
}

}  // namespace mote::dsp
