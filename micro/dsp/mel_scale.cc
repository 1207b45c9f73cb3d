#include "micro/dsp/mel_scale.h"

#include <cmath>

namespace mote::dsp {
namespace {

constexpr float kSlaneyBreakHz = 1000.0f;
constexpr float kSlaneyHzPerMel = 200.0f / 3.0f;
constexpr float kSlaneyBreakMel = kSlaneyBreakHz / kSlaneyHzPerMel;  // 15
// 27 mels per factor of 6.4 above the break: ln(6.4) / 27.
constexpr float kSlaneyLogStep = 0.068751777f;

}  // namespace

float HzToMel(float hz, MelScale scale) {
  if (scale == MelScale::kHtk) return 2595.0f * std::log10(1.0f + hz / 700.0f);
  if (hz < kSlaneyBreakHz) return hz / kSlaneyHzPerMel;
  return kSlaneyBreakMel + std::log(hz / kSlaneyBreakHz) / kSlaneyLogStep;
}

float MelToHz(float mel, MelScale scale) {
  if (scale == MelScale::kHtk) return 700.0f * (std::pow(10.0f, mel / 2595.0f) - 1.0f);
  if (mel < kSlaneyBreakMel) return mel * kSlaneyHzPerMel;
  return kSlaneyBreakHz * std::exp((mel - kSlaneyBreakMel) * kSlaneyLogStep);
}

}  // namespace mote::dsp
