#include "micro/dsp/mel_filterbank.h"

#include <cmath>

#include "micro/dsp/mel_triangles.h"

namespace mote::dsp {

DspStatus MelParams::Validate(uint32_t fft_length) const {
  if (!(sample_rate > 0.0f) || !std::isfinite(sample_rate)) return DspStatus::kBadSampleRate;
  if (num_filters < 1 || num_filters > fft_length / 2 + 1) return DspStatus::kBadFilterCount;
  if (!(low_freq >= 0.0f) || !(high_freq >= 0.0f) || !(UpperEdge() > low_freq) || UpperEdge() > sample_rate / 2.0f)
    return DspStatus::kBadFrequencyRange;
  if (!IsMelScale(mel_scale)) return DspStatus::kBadMelScale;
  if (!IsMelNorm(mel_norm)) return DspStatus::kBadMelNorm;
  return DspStatus::kOk;
}

size_t MelFilterbankArenaBytes(const MelParams& params, uint32_t fft_length) {
  return 2 * ArenaBytes<uint16_t>(params.num_filters) + ArenaBytes<float>(MelTriangles(params, fft_length).WeightCount());
}

DspStatus InitMelFilterbank(const MelParams& params, uint32_t fft_length, Arena* arena, MelFilterbank* bank) {
  if (const DspStatus status = params.Validate(fft_length); status != DspStatus::kOk) return status;
  const MelTriangles triangles(params, fft_length);
  const uint32_t weight_count = triangles.WeightCount();
  if (arena->bytes_left() < 2 * ArenaBytes<uint16_t>(params.num_filters) + ArenaBytes<float>(weight_count))
    return DspStatus::kBufferTooSmall;
  uint16_t* first_bin = arena->Allocate<uint16_t>(params.num_filters);
  uint16_t* bin_count = arena->Allocate<uint16_t>(params.num_filters);
  float* weights = arena->Allocate<float>(weight_count);

  triangles.Fill(first_bin, bin_count, [weights](uint32_t i, float w) { weights[i] = w; });
  bank->num_filters = params.num_filters;
  bank->first_bin = first_bin;
  bank->bin_count = bin_count;
  bank->weights = weights;
  return DspStatus::kOk;
}

void ApplyMelFilterbank(const MelFilterbank& bank, const float* power, float* energies) {
  const float* w = bank.weights;
  for (uint32_t m = 0; m < bank.num_filters; ++m) {
    const float* p = power + bank.first_bin[m];
    float sum = 0.0f;
    for (uint32_t i = 0; i < bank.bin_count[m]; ++i) sum += w[i] * p[i];
    w += bank.bin_count[m];
    energies[m] = sum;
  }
}

}  // namespace mote::dsp
