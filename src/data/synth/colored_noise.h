// Background noise for generated audio: white, pink (1/f) or brown (1/f^2).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "data/synth/synth_random.h"

namespace mote {

enum class NoiseColor { kWhite, kPink, kBrown };
inline constexpr NoiseColor kNoiseColors[] = {NoiseColor::kWhite, NoiseColor::kPink, NoiseColor::kBrown};

// "white", "pink" or "brown".
std::string_view NoiseColorName(NoiseColor color);

// `n` samples of zero-mean noise of that colour scaled to an RMS of 1 (all
// zeros when n < 2). Pink uses the Voss-McCartney scheme (random rows that
// change every 2^k samples); brown is leaky-integrated white noise, the leak
// keeping it from wandering off over long buffers.
std::vector<float> ColoredNoise(NoiseColor color, size_t n, SynthRandom& rng);

}  // namespace mote
