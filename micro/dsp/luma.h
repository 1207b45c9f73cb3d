// Grayscale: ITU-R BT.601 luma, Y' = 0.299 R' + 0.587 G' + 0.114 B', on the
// (gamma-encoded) values as they are, like OpenCV's COLOR_RGB2GRAY and
// PIL's convert("L"). The weights are exact decimals, so luma is kept as an
// integer over kLumaScale and nothing is rounded until the caller rounds the
// final value once.
#pragma once

#include <cstdint>

namespace mote::dsp {

inline constexpr uint32_t kLumaRed = 299;
inline constexpr uint32_t kLumaGreen = 587;
inline constexpr uint32_t kLumaBlue = 114;
inline constexpr uint32_t kLumaScale = 1000;  // kLumaRed + kLumaGreen + kLumaBlue

// kLumaScale times the luma of (r, g, b), in U (uint32_t or uint64_t):
// exact when kLumaScale times the largest of them fits U.
template <typename U>
constexpr U LumaNumerator(U r, U g, U b) {
  return U{kLumaRed} * r + U{kLumaGreen} * g + U{kLumaBlue} * b;
}

}  // namespace mote::dsp
