#include "micro/dsp/mel_scale.h"

#include "micro/dsp/log2_exp2.h"

namespace mote::dsp {
namespace {

constexpr float kSlaneyBreakHz = 1000.0f;
constexpr float kSlaneyHzPerMel = 200.0f / 3.0f;
constexpr float kSlaneyBreakMel = kSlaneyBreakHz / kSlaneyHzPerMel;  // 15
// 27 mels per factor of 6.4 above the break: mels per octave, and its inverse.
constexpr float kSlaneyMelsPerOctave = 10.0818802f;  // 27 / log2(6.4)
constexpr float kSlaneyOctavesPerMel = 0.0991878483f;
// HTK: 2595 log10(1 + hz / 700) = 2595 log10(2) log2(1 + hz / 700).
constexpr float kHtkMelsPerOctave = 781.172839f;

}  // namespace

// Log2F and Exp2F rather than libm, so that the filter edges, and the mel
// weights built from them, are the same bits on the host and the device.
float HzToMel(float hz, MelScale scale) {
  if (scale == MelScale::kHtk) return kHtkMelsPerOctave * Log2F(1.0f + hz / 700.0f);
  if (hz < kSlaneyBreakHz) return hz / kSlaneyHzPerMel;
  return kSlaneyBreakMel + Log2F(hz / kSlaneyBreakHz) * kSlaneyMelsPerOctave;
}

float MelToHz(float mel, MelScale scale) {
  if (scale == MelScale::kHtk) return 700.0f * (Exp2F(mel / kHtkMelsPerOctave) - 1.0f);
  if (mel < kSlaneyBreakMel) return mel * kSlaneyHzPerMel;
  return kSlaneyBreakHz * Exp2F((mel - kSlaneyBreakMel) * kSlaneyOctavesPerMel);
}

}  // namespace mote::dsp
