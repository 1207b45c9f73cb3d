// ImageBlock: the image feature block. A uint8 HWC image (1 or 3 channels,
// top row first) goes through
//   crop -> resize (bilinear or area) -> grayscale -> normalize -> output type
// as set by ImageParams. Output: ImageOutputShape(params) values, HWC.
//
// Every output value is first computed exactly, as an integer numerator over
// an integer denominator (image_resampler.h, luma.h); nothing is rounded
// before the output conversion:
//   kUint8    round(value), ties up (values are >= 0, so also away from zero);
//   kInt8     QuantizeInt8 (int8_quantize.h) of the normalization
//             (PixelNormalization::Apply) of round(value) as kUint8 gives it,
//             through a 256-entry table per channel built at Init;
//   kFloat32  (numerator - offset) * gain in float (pixel_normalization.h),
//             within a few float ulp of the exact normalized value.
// kUint8 and kInt8 use integer arithmetic only at run time; the int8 tables
// and the float path use float operations that no compiler fuses, each
// rounded once by IEEE-754. So the host and every device compute the same
// bytes for all three types (tests/dsp/image_device_test.cc checks the
// emulated Cortex-M4F).
//
//   ImageParams params;                  // defaults: RGB, 96 x 96 float in [0, 1] out
//   params.input_width = 160; params.input_height = 120;
//   params.crop = CropMode::kCenter;     // 120 x 120 from the middle, resized to 96 x 96
//   static uint8_t memory[...];          // >= ImageBlock::WorkspaceBytes(params)
//   Arena arena(memory, sizeof memory);
//   ImageBlock block;
//   if (block.Init(params, &arena) != DspStatus::kOk) ...
//   float features[96 * 96 * 3];         // ImageOutputShape(params).size()
//   block.Compute(camera_frame, 160 * 120 * 3, features, 96 * 96 * 3);
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/image_params.h"
#include "micro/dsp/image_resampler.h"
#include "micro/dsp/image_shape.h"

namespace mote::dsp {

// Not thread-safe (a row buffer lives in the arena); one instance per thread.
class ImageBlock {
 public:
  // Bytes Init takes from an arena (tap tables, one row of numerators, the
  // int8 tables), and the size of a raw buffer that is always enough.
  // Require a valid params.
  static size_t ArenaBytes(const ImageParams& params);
  static size_t WorkspaceBytes(const ImageParams& params) { return ArenaBytes(params) + kArenaAlign - 1; }

  // Validates `params` and lays out the block's tables and row buffer in
  // `arena`. Returns the validation error or kBufferTooSmall (taking nothing).
  DspStatus Init(const ImageParams& params, Arena* arena);

  // Runs the chain on `image` (input_height x input_width x input_channels
  // bytes, `image_bytes` long) and writes ImageOutputShape(params).size()
  // values to `out` (`capacity` values). Returns kBadOutputType if `out` is
  // not of params.output_type, kBufferTooSmall if the image or the output
  // is too small; writes nothing in both cases. Requires a successful Init.
  DspStatus Compute(const uint8_t* image, size_t image_bytes, float* out, size_t capacity);
  DspStatus Compute(const uint8_t* image, size_t image_bytes, uint8_t* out, size_t capacity);
  DspStatus Compute(const uint8_t* image, size_t image_bytes, int8_t* out, size_t capacity);

 private:
  template <typename T, typename Convert>
  DspStatus Run(const uint8_t* image, size_t image_bytes, ImageOutputType type, T* out, size_t capacity,
                Convert convert);

  ImageParams params_;
  ImageResampler resampler_;
  bool luma_ = false;                // RGB in, gray out
  uint64_t luma_denominator_ = 0;    // kLumaScale * resampler_.denominator()
  float offset_[3] = {};             // kFloat32: value = (numerator - offset) * gain
  float gain_[3] = {};
  uint32_t* numerators_ = nullptr;   // [output_width * input_channels]
  int8_t* int8_table_ = nullptr;     // kInt8: [OutputChannels()][256]
};

}  // namespace mote::dsp
