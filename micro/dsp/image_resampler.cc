#include "micro/dsp/image_resampler.h"

namespace mote::dsp {

size_t ImageResampler::ArenaBytes(ResizeMethod method, const CropRect& crop, uint32_t out_width,
                                  uint32_t out_height) {
  return mote::dsp::ArenaBytes<ResizeTap>(out_width) + mote::dsp::ArenaBytes<ResizeTap>(out_height) +
         mote::dsp::ArenaBytes<uint16_t>(ResizeWeightCapacity(method, crop.width, out_width)) +
         mote::dsp::ArenaBytes<uint16_t>(ResizeWeightCapacity(method, crop.height, out_height));
}

DspStatus ImageResampler::Init(ResizeMethod method, const CropRect& crop, uint32_t out_width, uint32_t out_height,
                               Arena* arena) {
  if (arena->bytes_left() < ArenaBytes(method, crop, out_width, out_height)) return DspStatus::kBufferTooSmall;
  out_width_ = out_width;
  out_height_ = out_height;
  column_taps_ = arena->Allocate<ResizeTap>(out_width);
  row_taps_ = arena->Allocate<ResizeTap>(out_height);
  column_weights_ = arena->Allocate<uint16_t>(ResizeWeightCapacity(method, crop.width, out_width));
  row_weights_ = arena->Allocate<uint16_t>(ResizeWeightCapacity(method, crop.height, out_height));
  const uint32_t column_sum = MakeResizeTaps(method, crop.width, out_width, crop.x, column_taps_, column_weights_);
  const uint32_t row_sum = MakeResizeTaps(method, crop.height, out_height, crop.y, row_taps_, row_weights_);
  denominator_ = column_sum * row_sum;
  return DspStatus::kOk;
}

template <uint32_t kChannels>
void ImageResampler::ResampleRowOf(const uint8_t* image, uint32_t image_width, uint32_t y,
                                   uint32_t* numerators) const {
  static_assert(kChannels == 1 || kChannels == 3, "gray or RGB");
  // Scalar accumulators rather than arrays, so that -Os keeps them in
  // registers (an array and a channel loop end up on the stack).
  constexpr bool kRgb = kChannels == 3;
  const ResizeTap& row = row_taps_[y];
  const uint16_t* row_weights = row_weights_ + row.weight_index;
  const size_t stride = size_t{image_width} * kChannels;
  for (uint32_t x = 0; x < out_width_; ++x) {
    const ResizeTap& column = column_taps_[x];
    const uint16_t* column_weights = column_weights_ + column.weight_index;
    const uint8_t* origin = image + row.first * stride + size_t{column.first} * kChannels;
    uint32_t sum0 = 0, sum1 = 0, sum2 = 0;
    for (uint32_t j = 0; j < row.count; ++j) {
      // Along the row first: a partial sum is <= 255 * column weight_sum;
      // times the row weight, the total stays <= 255 * denominator < 2^32.
      const uint8_t* pixel = origin + j * stride;
      uint32_t partial0 = 0, partial1 = 0, partial2 = 0;
      for (uint32_t i = 0; i < column.count; ++i, pixel += kChannels) {
        const uint32_t weight = column_weights[i];
        partial0 += weight * pixel[0];
        if constexpr (kRgb) {
          partial1 += weight * pixel[1];
          partial2 += weight * pixel[2];
        }
      }
      const uint32_t weight = row_weights[j];
      sum0 += weight * partial0;
      if constexpr (kRgb) {
        sum1 += weight * partial1;
        sum2 += weight * partial2;
      }
    }
    *numerators++ = sum0;
    if constexpr (kRgb) {
      *numerators++ = sum1;
      *numerators++ = sum2;
    }
  }
}

void ImageResampler::ResampleRow(const uint8_t* image, uint32_t image_width, uint32_t channels, uint32_t y,
                                 uint32_t* numerators) const {
  if (channels == 1) {
    ResampleRowOf<1>(image, image_width, y, numerators);
  } else {
    ResampleRowOf<3>(image, image_width, y, numerators);
  }
}

}  // namespace mote::dsp
