// Resampling weights along one axis of an image, as exact integers.
//
// Output pixel d (of `out`) is a weighted sum of input pixels first ..
// first + count - 1 (of `in`) with integer weights that sum to the axis's
// weight_sum for every d: its value is exactly sum(w * p) / weight_sum. An
// image is resized by applying the two axes one after the other
// (image_resampler.h); the 2-D weight of a pixel is the product of its row
// and column weights.
//
// kBilinear, half-pixel centres (OpenCV's INTER_LINEAR, TensorFlow's
// resize_bilinear with half_pixel_centers=True, PyTorch's align_corners=False):
// output pixel d samples the input at
//     s = (d + 1/2) * in / out - 1/2,  clamped to [0, in - 1],
// and with i = floor(s), f = s - i, takes (1 - f) * p[i] + f * p[i + 1]
// (the clamp repeats the edge pixels). In integers, s = n / (2 * out) with
// n = (2d + 1) * in - out, so the weights are 2*out - r and r, r = n mod 2*out,
// over weight_sum = 2 * out: no rounding at all.
//
// kArea, fractional-coverage box average (OpenCV's INTER_AREA when
// shrinking; stb_image_resize's box filter): output pixel d covers
// [d * in / out, (d + 1) * in / out) of the input, pixel i covers [i, i + 1),
// and each pixel's weight is the length of the overlap. In units of 1/out of
// a pixel these are integers summing to weight_sum = in. When enlarging this
// is still the average of the input area under the output pixel (each output
// pixel then blends at most two input pixels); OpenCV's INTER_AREA uses other
// weights there.
//
// Every axis's weights and weight_sum are divided by their greatest common
// divisor: an identity resize has weight_sum 1, a 2x shrink weight_sum 2.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp {

enum class ResizeMethod : uint8_t {
  kBilinear = 0,
  kArea = 1,
};

constexpr bool IsResizeMethod(ResizeMethod method) { return static_cast<uint8_t>(method) <= 1; }

// The largest input and output sides. With them weight_sum <= 4096, so a
// pixel's 2-D weight sum is at most 2^24 and 255 times it fits 32 bits.
inline constexpr uint32_t kMaxImageSide = 4096;
inline constexpr uint32_t kMaxImageOutputSide = 2048;

// Output pixel's taps: input pixels first .. first + count - 1, whose weights
// are weights[weight_index ...].
struct ResizeTap {
  uint16_t first = 0;
  uint16_t count = 0;
  uint32_t weight_index = 0;
};

// Weights MakeResizeTaps may write: 2 * out (bilinear) or in + out (area).
uint32_t ResizeWeightCapacity(ResizeMethod method, uint32_t in, uint32_t out);

// Fills taps[0 .. out) and weights[0 .. ResizeWeightCapacity) for resizing
// `in` pixels starting at input index `offset` (a crop's origin, added to
// every `first`) to `out` pixels; returns weight_sum. Requires
// IsResizeMethod(method), 1 <= in, offset + in <= kMaxImageSide and
// 1 <= out <= kMaxImageOutputSide. Every tap's weights are positive.
uint32_t MakeResizeTaps(ResizeMethod method, uint32_t in, uint32_t out, uint32_t offset, ResizeTap* taps,
                        uint16_t* weights);

}  // namespace mote::dsp
