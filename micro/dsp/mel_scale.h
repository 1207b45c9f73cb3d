// The mel scale, in its two common definitions:
//   kHtk:    mel = 2595 * log10(1 + hz / 700)            (HTK, Kaldi, TensorFlow,
//                                                         python_speech_features)
//   kSlaney: linear below 1 kHz, mel = 3 * hz / 200, and logarithmic above,
//            mel = 15 + 27 * ln(hz / 1000) / ln(6.4)      (Slaney's Auditory
//                                                         Toolbox, librosa's default)
#pragma once

#include <cstdint>

namespace mote::dsp {

enum class MelScale : uint8_t {
  kHtk = 0,
  kSlaney = 1,
};

constexpr bool IsMelScale(MelScale scale) { return static_cast<uint8_t>(scale) <= 1; }

// Requires hz >= 0 (and mel >= 0) and IsMelScale(scale).
float HzToMel(float hz, MelScale scale);
float MelToHz(float mel, MelScale scale);

}  // namespace mote::dsp
