#include "micro/dsp/mfcc_q15.h"

#include <cmath>

#include "micro/dsp/dct.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/lifter.h"
#include "micro/dsp/q15.h"
#include "micro/dsp/window_mean.h"

namespace mote::dsp {

size_t MfccQ15::ArenaBytes(const MfccParams& params) {
  return FramePowerSpectrumQ15::ArenaBytes(params.frame) +
         MelFilterbankQ15ArenaBytes(params.mel, params.frame.fft_length) +
         mote::dsp::ArenaBytes<int16_t>(DctMatrixSize(params.mel.num_filters, params.num_cepstral)) +
         mote::dsp::ArenaBytes<uint32_t>(params.frame.BinCount()) +
         mote::dsp::ArenaBytes<int32_t>(params.mel.num_filters);
}

DspStatus MfccQ15::Init(const MfccParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  spectrum_.Init(params.frame, arena);
  InitMelFilterbankQ15(params.mel, params.frame.fft_length, arena, &bank_);
  const uint32_t inputs = params.mel.num_filters, outputs = params.num_cepstral;
  dct_ = arena->Allocate<int16_t>(DctMatrixSize(inputs, outputs));
  power_ = arena->Allocate<uint32_t>(params.frame.BinCount());
  log_energies_ = arena->Allocate<int32_t>(inputs);

  // The liftered matrix, scaled by the power of two that brings its largest
  // entry into [0.5, 1).
  const auto entry = [&](uint32_t j, uint32_t m) { return LifterGain(j, params.lifter) * DctCoefficient(j, m, inputs); };
  float largest = 0.0f;
  for (uint32_t j = 0; j < outputs; ++j) {
    for (uint32_t m = 0; m < inputs; ++m) largest = std::fmax(largest, std::fabs(entry(j, m)));
  }
  int e = 0;
  std::frexp(largest, &e);
  for (uint32_t j = 0; j < outputs; ++j) {
    for (uint32_t m = 0; m < inputs; ++m) dct_[j * inputs + m] = FloatToQ15(std::ldexp(entry(j, m), -e));
  }
  dct_exponent_ = e - 15;
  ln_floor_ = LnFloorQ16(params.noise_floor_db);
  return DspStatus::kOk;
}

void MfccQ15::ComputeFrame(Signal signal, uint32_t index, int16_t* out) {
  const int32_t exponent = spectrum_.Compute(signal, index, power_) + bank_.weight_exponent;
  ForEachMelEnergyQ15(bank_, power_, [&](uint32_t m, uint64_t energy) {
    log_energies_[m] = LnQ16(energy, exponent, ln_floor_);
  });
  // sum = c * 2^(16 - dct_exponent); the feature is c * 2^kFeatureFracBits.
  const int shift = 16 - dct_exponent_ - kFeatureFracBits;
  const uint32_t inputs = bank_.num_filters;
  for (uint32_t j = 0; j < params_.num_cepstral; ++j) {
    const int16_t* row = dct_ + j * inputs;
    int64_t sum = 0;
#pragma GCC unroll 4
    for (uint32_t m = 0; m < inputs; ++m) sum += int64_t{row[m]} * log_energies_[m];
    const int64_t c = (sum + (int64_t{1} << (shift - 1))) >> shift;
    out[j] = static_cast<int16_t>(c > 32767 ? 32767 : (c < -32768 ? -32768 : c));
  }
}

DspStatus MfccQ15::Compute(Signal signal, int16_t* out, size_t capacity) {
  const FeatureShape shape = MfccOutputShape(params_, signal.length());
  const DspStatus status =
      ComputeFrames(shape, out, capacity, [&](uint32_t t, int16_t* row) { ComputeFrame(signal, t, row); });
  if (status == DspStatus::kOk && params_.subtract_mean) SubtractWindowMean(out, shape.frames, shape.features);
  return status;
}

}  // namespace mote::dsp
