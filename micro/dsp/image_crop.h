// Crop: the rectangle of the input image that the image block resizes.
//
//   kNone       the whole image (resizing it may change its aspect ratio);
//   kCenter     the largest centred rectangle with a given aspect ratio, so
//               that resizing it to an output of that ratio does not distort;
//   kRectangle  a rectangle given in pixels.
#pragma once

#include <cstdint>

namespace mote::dsp {

enum class CropMode : uint8_t {
  kNone = 0,
  kCenter = 1,
  kRectangle = 2,
};

constexpr bool IsCropMode(CropMode mode) { return static_cast<uint8_t>(mode) <= 2; }

// Pixels [x, x + width) x [y, y + height) of an image.
struct CropRect {
  uint32_t x = 0;
  uint32_t y = 0;
  uint32_t width = 0;
  uint32_t height = 0;
};

// True if `rect` is non-empty and lies within a width x height image.
bool CropFits(const CropRect& rect, uint32_t width, uint32_t height);

// The largest rectangle of a width x height image whose sides are in the
// ratio aspect_width : aspect_height, centred. The cropped side is
// round(other side * ratio), ties up, at least 1; its offset is
// floor(leftover / 2), so an odd leftover leaves the extra pixel on the
// right or bottom. Requires width, height, aspect_width, aspect_height >= 1.
CropRect CenterCrop(uint32_t width, uint32_t height, uint32_t aspect_width, uint32_t aspect_height);

}  // namespace mote::dsp
