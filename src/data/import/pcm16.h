// Conversion of float audio (full scale +-1.0, as libsndfile and
// libsamplerate produce it) to the 16-bit PCM that mote stores for audio.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mote {

// x * 32768 rounded to nearest and clipped to [-32768, 32767], so that 16-bit
// input read as float comes back bit-exact and overshoot (a resampler's
// ringing, a float WAV above full scale) saturates instead of wrapping.
// NaN becomes 0.
std::vector<int16_t> FloatToPcm16(std::span<const float> samples);

// s / 32768: the inverse of FloatToPcm16 for in-range values.
std::vector<float> Pcm16ToFloat(std::span<const int16_t> samples);

}  // namespace mote
