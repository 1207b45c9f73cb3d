// Butterworth low-, high- and band-pass filters as biquad cascades,
// designed by the bilinear transform with pre-warped cutoffs, so that the
// digital magnitude response is exactly
//   low-pass:   |H(f)|^2 = 1 / (1 + (tan(pi f / fs) / tan(pi fc / fs))^(2N))
//   high-pass:  |H(f)|^2 = 1 / (1 + (tan(pi fc / fs) / tan(pi f / fs))^(2N))
// (-3 dB at fc, maximally flat). The band-pass is the high-pass at
// low_cutoff followed by the low-pass at high_cutoff, both of order N, so
// its response is the product of the two.
#pragma once

#include <cstdint>

#include "micro/dsp/biquad.h"
#include "micro/dsp/dsp_status.h"

namespace mote::dsp {

inline constexpr uint32_t kMaxButterworthOrder = 8;

enum class FilterType : uint8_t {
  kNone = 0,  // no filtering (zero sections)
  kLowPass = 1,
  kHighPass = 2,
  kBandPass = 3,
};

constexpr bool IsFilterType(FilterType type) { return static_cast<uint8_t>(type) <= 3; }

struct ButterworthParams {
  float sample_rate = 100.0f;  // Hz
  FilterType filter_type = FilterType::kNone;
  uint8_t filter_order = 4;    // N, per low- or high-pass part, in [1, 8]
  float low_cutoff = 0.0f;     // Hz: the high-pass (and band-pass) cutoff
  float high_cutoff = 0.0f;    // Hz: the low-pass (and band-pass) cutoff

  // kOk, or kBadSampleRate, kBadFilterType, kBadFilterOrder, kBadCutoff. The
  // order and cutoffs are only checked for the types that use them.
  DspStatus Validate() const;
  // Sections the design has: ceil(N / 2) per low- or high-pass part, at
  // most kMaxButterworthSections. Requires Validate() == kOk.
  uint32_t SectionCount() const;
};

inline constexpr uint32_t kMaxButterworthSections = kMaxButterworthOrder;  // band-pass, N = 8

// Writes params.SectionCount() sections to `sections` (capacity at least
// that many). Returns the validation error if params are invalid.
DspStatus DesignButterworth(const ButterworthParams& params, Biquad* sections);

}  // namespace mote::dsp
