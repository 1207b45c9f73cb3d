// ImageResampler: crops and resizes a uint8 HWC image exactly, in integers.
//
// Output pixel (x, y), channel c, is the exact value
//     sum over row taps j and column taps i of
//         row_weight[j] * column_weight[i] * p[row_j][column_i][c]
//     divided by denominator(),
// with the taps of resize_taps.h along each axis of the crop rectangle
// (denominator = column weight_sum * row weight_sum <= 2^24, so every
// numerator fits 32 bits). ResampleRow returns the numerators: integers, the
// same on every target; the caller decides how to round (image_block.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/image_crop.h"
#include "micro/dsp/resize_taps.h"

namespace mote::dsp {

// Immutable after Init: threads may share one and call ResampleRow with
// their own output rows.
class ImageResampler {
 public:
  // Bytes Init takes from an arena.
  static size_t ArenaBytes(ResizeMethod method, const CropRect& crop, uint32_t out_width, uint32_t out_height);

  // Lays out the taps for resizing `crop` of an image to out_width x
  // out_height in `arena`; kBufferTooSmall (taking nothing) if it has less
  // than ArenaBytes left. Requires IsResizeMethod(method), a crop within an
  // image of sides <= kMaxImageSide, and out sides in [1, kMaxImageOutputSide].
  DspStatus Init(ResizeMethod method, const CropRect& crop, uint32_t out_width, uint32_t out_height, Arena* arena);

  // The numerators of output row `y` (< out_height): out_width x `channels`
  // values, interleaved, into `numerators`. `image` is an HWC image
  // `image_width` pixels wide with `channels` (1 or 3) values per pixel that
  // contains the crop rectangle given to Init.
  void ResampleRow(const uint8_t* image, uint32_t image_width, uint32_t channels, uint32_t y,
                   uint32_t* numerators) const;

  // What every numerator is divided by: in [1, 2^24].
  uint32_t denominator() const { return denominator_; }
  uint32_t out_width() const { return out_width_; }
  uint32_t out_height() const { return out_height_; }

 private:
  template <uint32_t kChannels>
  void ResampleRowOf(const uint8_t* image, uint32_t image_width, uint32_t y, uint32_t* numerators) const;

  uint32_t out_width_ = 0;
  uint32_t out_height_ = 0;
  uint32_t denominator_ = 1;
  ResizeTap* column_taps_ = nullptr;  // [out_width]
  ResizeTap* row_taps_ = nullptr;     // [out_height]
  uint16_t* column_weights_ = nullptr;
  uint16_t* row_weights_ = nullptr;
};

}  // namespace mote::dsp
