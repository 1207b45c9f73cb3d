// Parameters of the image block (image_block.h): which rectangle of a uint8
// HWC image to take, the size to resize it to and how, grayscale or not, the
// normalization, and the output type. Validate() names the first bad field;
// the output shape follows from the parameters alone.
#pragma once

#include <cstdint>

#include "micro/dsp/dsp_status.h"
#include "micro/dsp/image_crop.h"
#include "micro/dsp/image_shape.h"
#include "micro/dsp/pixel_normalization.h"
#include "micro/dsp/resize_taps.h"

namespace mote::dsp {

enum class ImageOutputType : uint8_t {
  kFloat32 = 0,  // normalized values
  kUint8 = 1,    // pixel values rounded to integers (requires Normalization::kNone)
  kInt8 = 2,     // normalized values quantized with quant_scale and quant_zero_point
};

constexpr bool IsImageOutputType(ImageOutputType type) { return static_cast<uint8_t>(type) <= 2; }

struct ImageParams {
  uint32_t input_width = 96;   // pixels, 1 .. kMaxImageSide
  uint32_t input_height = 96;  // pixels, 1 .. kMaxImageSide
  uint32_t input_channels = 3;  // 1 (gray) or 3 (RGB, in that order)

  CropMode crop = CropMode::kNone;
  CropRect crop_rect;              // kRectangle: must lie within the input
  uint32_t crop_aspect_width = 0;  // kCenter: the ratio to crop to; 0 and 0
  uint32_t crop_aspect_height = 0;  // mean output_width : output_height

  uint32_t output_width = 96;   // pixels, 1 .. kMaxImageOutputSide
  uint32_t output_height = 96;  // pixels, 1 .. kMaxImageOutputSide
  ResizeMethod resize = ResizeMethod::kBilinear;
  bool grayscale = false;  // RGB to BT.601 luma (luma.h); no-op for 1 channel

  Normalization normalization = Normalization::kZeroToOne;
  float mean[3] = {0.0f, 0.0f, 0.0f};  // kMeanStd, per output channel, [0, 1] units
  float stddev[3] = {1.0f, 1.0f, 1.0f};  // kMeanStd, per output channel, > 0

  ImageOutputType output_type = ImageOutputType::kFloat32;
  float quant_scale = 1.0f / 255.0f;  // kInt8: the model input's scale, > 0
  int32_t quant_zero_point = -128;    // kInt8: the model input's zero point, [-128, 127]

  // kOk, or the first problem found, in the order: kBadImageSize, kBadCrop,
  // kBadOutputSize, kBadResizeMethod, kBadNormalization, kBadOutputType,
  // kBadQuantization.
  DspStatus Validate() const;

  // The rectangle of the input that is resized. Requires Validate() == kOk.
  CropRect Crop() const;

  // 1 if the output is gray (grayscale, or a 1-channel input), else 3.
  uint32_t OutputChannels() const { return grayscale ? 1 : input_channels; }
};

// {output_height, output_width, OutputChannels()}; requires a valid params.
ImageShape ImageOutputShape(const ImageParams& params);

}  // namespace mote::dsp
