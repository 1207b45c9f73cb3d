#include "micro/dsp/mel_filterbank.h"

#include <cmath>

namespace mote::dsp {
namespace {

// The edges and bin spacing of one bank, and the weight of any (filter,
// bin): one definition shared by counting, filling and nothing else, so the
// count always matches what is filled.
class Triangles {
 public:
  Triangles(const MelParams& params, uint32_t fft_length)
      : params_(params),
        mel_low_(HzToMel(params.low_freq, params.mel_scale)),
        mel_step_((HzToMel(params.UpperEdge(), params.mel_scale) - mel_low_) /
                  static_cast<float>(params.num_filters + 1)),
        bin_hz_(params.sample_rate / static_cast<float>(fft_length)),
        num_bins_(fft_length / 2 + 1) {}

  float Edge(uint32_t i) const { return MelToHz(mel_low_ + static_cast<float>(i) * mel_step_, params_.mel_scale); }

  // Calls visit(bin, weight) for each bin with a positive weight in filter m,
  // in increasing bin order.
  template <typename Visit>
  void ForEachWeight(uint32_t m, Visit visit) const {
    const float left = Edge(m), center = Edge(m + 1), right = Edge(m + 2);
    const float norm = params_.mel_norm == MelNorm::kSlaney ? 2.0f / (right - left) : 1.0f;
    // Candidate bins: those whose frequency may lie strictly inside (left, right).
    uint32_t k = left > 0.0f ? static_cast<uint32_t>(left / bin_hz_) : 0;
    for (; k < num_bins_; ++k) {
      const float hz = static_cast<float>(k) * bin_hz_;
      if (hz >= right) break;
      const float rising = (hz - left) / (center - left);
      const float falling = (right - hz) / (right - center);
      const float w = rising < falling ? rising : falling;
      if (w > 0.0f) visit(k, w * norm);
    }
  }

 private:
  const MelParams& params_;
  float mel_low_, mel_step_, bin_hz_;
  uint32_t num_bins_;
};

uint32_t WeightCount(const Triangles& triangles, uint32_t num_filters) {
  uint32_t count = 0;
  for (uint32_t m = 0; m < num_filters; ++m) triangles.ForEachWeight(m, [&count](uint32_t, float) { ++count; });
  return count;
}

}  // namespace

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
  return 2 * ArenaBytes<uint16_t>(params.num_filters) +
         ArenaBytes<float>(WeightCount(Triangles(params, fft_length), params.num_filters));
}

DspStatus InitMelFilterbank(const MelParams& params, uint32_t fft_length, Arena* arena, MelFilterbank* bank) {
  if (const DspStatus status = params.Validate(fft_length); status != DspStatus::kOk) return status;
  const Triangles triangles(params, fft_length);
  const uint32_t weight_count = WeightCount(triangles, params.num_filters);
  if (arena->bytes_left() < 2 * ArenaBytes<uint16_t>(params.num_filters) + ArenaBytes<float>(weight_count))
    return DspStatus::kBufferTooSmall;
  uint16_t* first_bin = arena->Allocate<uint16_t>(params.num_filters);
  uint16_t* bin_count = arena->Allocate<uint16_t>(params.num_filters);
  float* weights = arena->Allocate<float>(weight_count);

  float* next = weights;
  for (uint32_t m = 0; m < params.num_filters; ++m) {
    first_bin[m] = 0;
    bin_count[m] = 0;
    triangles.ForEachWeight(m, [&](uint32_t k, float w) {
      if (bin_count[m] == 0) first_bin[m] = static_cast<uint16_t>(k);
      ++bin_count[m];
      *next++ = w;
    });
  }
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
