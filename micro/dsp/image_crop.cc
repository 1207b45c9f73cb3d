#include "micro/dsp/image_crop.h"

namespace mote::dsp {
namespace {

// round(side * numerator / denominator), ties up, at least 1. The result is
// at most the side it replaces, because the caller picked the side to crop by
// comparing the ratios.
uint32_t ScaledSide(uint32_t side, uint32_t numerator, uint32_t denominator) {
  const uint64_t rounded = (2 * uint64_t{side} * numerator + denominator) / (2 * uint64_t{denominator});
  return rounded < 1 ? 1 : static_cast<uint32_t>(rounded);
}

}  // namespace

bool CropFits(const CropRect& rect, uint32_t width, uint32_t height) {
  // Written as differences so that a huge x or width cannot wrap around.
  return rect.width >= 1 && rect.height >= 1 && rect.x < width && rect.y < height &&
         rect.width <= width - rect.x && rect.height <= height - rect.y;
}

CropRect CenterCrop(uint32_t width, uint32_t height, uint32_t aspect_width, uint32_t aspect_height) {
  CropRect rect{0, 0, width, height};
  // width / height against aspect_width / aspect_height, without dividing.
  if (uint64_t{width} * aspect_height > uint64_t{height} * aspect_width) {
    rect.width = ScaledSide(height, aspect_width, aspect_height);
    rect.x = (width - rect.width) / 2;
  } else {
    rect.height = ScaledSide(width, aspect_height, aspect_width);
    rect.y = (height - rect.height) / 2;
  }
  return rect;
}

}  // namespace mote::dsp
