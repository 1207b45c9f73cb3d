// Normalization of pixel values v in [0, 255] for a model's input:
//   kNone           y = v
//   kZeroToOne      y = v / 255                       in [0, 1]
//   kMinusOneToOne  y = v / 127.5 - 1                 in [-1, 1]
//   kMeanStd        y = (v / 255 - mean) / stddev     per channel, mean and
//                                                     stddev in [0, 1] units (ImageNet style)
// All four are y = (v / divisor - center) / spread.
//
// Every formula here is a chain of +, -, *, / in which no product feeds a
// sum, so a compiler cannot fuse a multiply-add (GCC does on cores with an
// FMA, such as the Cortex-M4F, unless told not to): each operation rounds
// once, as IEEE-754 prescribes, and a result is the same bits on the host
// and on every device.
#pragma once

#include <cstdint>

namespace mote::dsp {

enum class Normalization : uint8_t {
  kNone = 0,
  kZeroToOne = 1,
  kMinusOneToOne = 2,
  kMeanStd = 3,
};

constexpr bool IsNormalization(Normalization mode) { return static_cast<uint8_t>(mode) <= 3; }

struct PixelNormalization {
  float divisor = 1.0f;
  float center = 0.0f;
  float spread = 1.0f;

  // (v / divisor - center) / spread, evaluated in that order. Used to build
  // tables.
  float Apply(float v) const { return (v / divisor - center) / spread; }

  // The same map for v = n / denominator, as y = (n - offset) * gain with
  // offset = denominator * divisor * center and
  // gain = 1 / (denominator * divisor * spread): one subtraction and one
  // multiplication per value on the float output path.
  float Offset(float denominator) const { return denominator * divisor * center; }
  float Gain(float denominator) const { return 1.0f / (denominator * divisor * spread); }
};

// The normalization of one channel. `mean` and `stddev` matter for kMeanStd
// only. Requires IsNormalization(mode) and, for kMeanStd, stddev > 0.
PixelNormalization MakePixelNormalization(Normalization mode, float mean, float stddev);

}  // namespace mote::dsp
