// Fixed-point logarithms for the Q15 feature blocks, and the format of their
// outputs.
//
// The Q15 blocks carry energies as an integer mantissa x and a power-of-two
// exponent e (value = x * 2^e), take log2 of the mantissa by table
// interpolation, add e, and convert to dB or natural log. Everything is
// integer arithmetic (tables are built at compile time), so results are the
// same on every target.
#pragma once

#include <cstdint>

namespace mote::dsp {

// The Q15 blocks' features are int16 with this many fractional bits:
// feature = q / 64, range [-512, 512), resolution 1/64 (0.016 dB for MFE and
// spectrogram values).
inline constexpr int kFeatureFracBits = 6;
// The value of one unit of a Q15 block's feature (exact in float and double).
inline constexpr float kFeatureStep = 1.0f / (1 << kFeatureFracBits);

// log2(x) in Q16 for x >= 1, within 2.5e-4 (in log2 units; 7.5e-4 dB) of
// the exact value: a 32-interval table of log2(1 + f), linearly interpolated.
int32_t Log2Q16(uint64_t x);

// 10 * log10(x * 2^exponent) as a feature (kFeatureFracBits), raised to
// `floor` if below it; x = 0 gives `floor`. Saturates to int16.
int16_t DecibelsFeature(uint64_t x, int32_t exponent, int16_t floor);

// ln(x * 2^exponent) in Q16, raised to floor_q16 if below it; x = 0 gives
// floor_q16.
int32_t LnQ16(uint64_t x, int32_t exponent, int32_t floor_q16);

// `value` as a feature, rounded and saturated (for floors given in dB).
int16_t FeatureFromFloat(float value);

// ln(10^(noise_floor_db / 10)) in Q16: the natural-log floor of a floor in dB.
int32_t LnFloorQ16(float noise_floor_db);

}  // namespace mote::dsp
