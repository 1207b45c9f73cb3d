#include "micro/dsp/butterworth.h"

#include <cmath>

#include "micro/dsp/unit_root.h"

namespace mote::dsp {
namespace {

bool ValidCutoff(float hz, float sample_rate) { return hz > 0.0f && hz < sample_rate / 2.0f; }

// The sections of an order-N low- or high-pass with K = tan(pi fc / fs).
// The analog prototype's poles come in conjugate pairs at angles
// theta_k = pi (2k + 1) / (2N) from the imaginary axis, each giving the
// section 1 / (s^2 + 2 sin(theta_k) s + 1); odd N adds the real pole
// 1 / (s + 1). The bilinear transform s = (1 - z^-1) / (K (1 + z^-1)), for
// the low-pass, maps each to the biquads below; the high-pass uses
// s = K (1 + z^-1) / (1 - z^-1).
Biquad* DesignPart(uint32_t order, float k, bool high_pass, Biquad* out) {
  const float k2 = k * k;
  for (uint32_t pair = 0; pair < order / 2; ++pair) {
    // 2 sin(theta) with theta = pi (2 pair + 1) / (2N): a turn fraction (2 pair + 1) / (4N).
    const float q = 2.0f * TurnCosSin(2 * pair + 1, 4 * order).sin;
    const float norm = 1.0f / (1.0f + q * k + k2);
    const float b0 = high_pass ? norm : k2 * norm;
    *out++ = {b0, high_pass ? -2.0f * b0 : 2.0f * b0, b0, 2.0f * (k2 - 1.0f) * norm, (1.0f - q * k + k2) * norm};
  }
  if (order % 2) {
    const float b0 = (high_pass ? 1.0f : k) / (1.0f + k);
    *out++ = {b0, high_pass ? -b0 : b0, 0.0f, (k - 1.0f) / (k + 1.0f), 0.0f};
  }
  return out;
}

float Prewarp(float cutoff, float sample_rate) { return std::tan(kPi * cutoff / sample_rate); }

}  // namespace

DspStatus ButterworthParams::Validate() const {
  if (!(sample_rate > 0.0f) || !std::isfinite(sample_rate)) return DspStatus::kBadSampleRate;
  if (!IsFilterType(filter_type)) return DspStatus::kBadFilterType;
  if (filter_type == FilterType::kNone) return DspStatus::kOk;
  if (filter_order < 1 || filter_order > kMaxButterworthOrder) return DspStatus::kBadFilterOrder;
  const bool uses_low = filter_type != FilterType::kLowPass, uses_high = filter_type != FilterType::kHighPass;
  if (uses_low && !ValidCutoff(low_cutoff, sample_rate)) return DspStatus::kBadCutoff;
  if (uses_high && !ValidCutoff(high_cutoff, sample_rate)) return DspStatus::kBadCutoff;
  if (filter_type == FilterType::kBandPass && !(low_cutoff < high_cutoff)) return DspStatus::kBadCutoff;
  return DspStatus::kOk;
}

uint32_t ButterworthParams::SectionCount() const {
  const uint32_t part = (filter_order + 1u) / 2u;
  switch (filter_type) {
    case FilterType::kNone: return 0;
    case FilterType::kBandPass: return 2 * part;
    default: return part;
  }
}

DspStatus DesignButterworth(const ButterworthParams& params, Biquad* sections) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  const uint32_t order = params.filter_order;
  if (params.filter_type == FilterType::kHighPass || params.filter_type == FilterType::kBandPass) {
    sections = DesignPart(order, Prewarp(params.low_cutoff, params.sample_rate), true, sections);
  }
  if (params.filter_type == FilterType::kLowPass || params.filter_type == FilterType::kBandPass) {
    DesignPart(order, Prewarp(params.high_cutoff, params.sample_rate), false, sections);
  }
  return DspStatus::kOk;
}

}  // namespace mote::dsp
