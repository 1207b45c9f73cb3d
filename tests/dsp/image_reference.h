// Double-precision reference for the image block, written from the
// definitions in docs/dsp.md (real-valued sample positions and box overlaps)
// without calling anything in micro/dsp: only ImageParams is read.
#pragma once

#include <cstdint>
#include <vector>

#include "micro/dsp/image_params.h"

namespace mote::dsp::testing {

// An HWC image of doubles.
struct RealImage {
  uint32_t height = 0;
  uint32_t width = 0;
  uint32_t channels = 0;
  std::vector<double> values;

  double at(uint32_t y, uint32_t x, uint32_t c) const { return values[(size_t{y} * width + x) * channels + c]; }
};

// The crop rectangle of `params` from the definition (center crop: largest
// centred rectangle of the ratio, cropped side rounded half up, offset the
// floor of half the leftover).
CropRect ReferenceCrop(const ImageParams& params);

// Crop, resize and grayscale of a uint8 HWC image: the exact value of every
// output pixel in pixel units, before any rounding or normalization.
RealImage ReferencePixels(const ImageParams& params, const std::vector<uint8_t>& image);

// y for a pixel value v in [0, 255] under params.normalization, channel c.
double ReferenceNormalize(const ImageParams& params, double v, uint32_t c);

// v rounded to an integer, ties up, where v is a ReferencePixels value.
// Such a value is a rational whose denominator is at most 1000 times the
// product of the two axes' weight sums; while that stays below 5e8 (every
// test image here), a value that is not a tie is at least 1e-9 from k + 1/2,
// while double rounding moves a tie by less than 1e-11 (a few thousand terms
// of at most 255): adding 3e-10 before taking the floor rounds ties up and
// leaves everything else alone.
int RoundPixel(double v);

// The float output of the block: ReferenceNormalize of ReferencePixels.
std::vector<double> ReferenceFloatOutput(const ImageParams& params, const std::vector<uint8_t>& image);

}  // namespace mote::dsp::testing
