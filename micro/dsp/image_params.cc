#include "micro/dsp/image_params.h"

#include <cmath>

namespace mote::dsp {
namespace {

bool InRange(uint32_t v, uint32_t lo, uint32_t hi) { return v >= lo && v <= hi; }

DspStatus ValidateCrop(const ImageParams& p) {
  switch (p.crop) {
    case CropMode::kNone: return DspStatus::kOk;
    case CropMode::kCenter:
      // Both zero (the output's ratio) or both within the side limits.
      if (p.crop_aspect_width == 0 && p.crop_aspect_height == 0) return DspStatus::kOk;
      return InRange(p.crop_aspect_width, 1, kMaxImageSide) && InRange(p.crop_aspect_height, 1, kMaxImageSide)
                 ? DspStatus::kOk
                 : DspStatus::kBadCrop;
    case CropMode::kRectangle:
      return CropFits(p.crop_rect, p.input_width, p.input_height) ? DspStatus::kOk : DspStatus::kBadCrop;
  }
  return DspStatus::kBadCrop;
}

DspStatus ValidateNormalization(const ImageParams& p) {
  if (!IsNormalization(p.normalization)) return DspStatus::kBadNormalization;
  if (p.normalization != Normalization::kMeanStd) return DspStatus::kOk;
  for (uint32_t c = 0; c < p.OutputChannels(); ++c) {
    if (!std::isfinite(p.mean[c]) || !std::isfinite(p.stddev[c]) || !(p.stddev[c] > 0.0f)) {
      return DspStatus::kBadNormalization;
    }
  }
  return DspStatus::kOk;
}

}  // namespace

DspStatus ImageParams::Validate() const {
  if (!InRange(input_width, 1, kMaxImageSide) || !InRange(input_height, 1, kMaxImageSide) ||
      (input_channels != 1 && input_channels != 3)) {
    return DspStatus::kBadImageSize;
  }
  if (const DspStatus status = ValidateCrop(*this); status != DspStatus::kOk) return status;
  if (!InRange(output_width, 1, kMaxImageOutputSide) || !InRange(output_height, 1, kMaxImageOutputSide)) {
    return DspStatus::kBadOutputSize;
  }
  if (!IsResizeMethod(resize)) return DspStatus::kBadResizeMethod;
  if (const DspStatus status = ValidateNormalization(*this); status != DspStatus::kOk) return status;
  if (!IsImageOutputType(output_type) ||
      (output_type == ImageOutputType::kUint8 && normalization != Normalization::kNone)) {
    return DspStatus::kBadOutputType;
  }
  if (output_type == ImageOutputType::kInt8 &&
      (!std::isfinite(quant_scale) || !(quant_scale > 0.0f) || quant_zero_point < -128 || quant_zero_point > 127)) {
    return DspStatus::kBadQuantization;
  }
  return DspStatus::kOk;
}

CropRect ImageParams::Crop() const {
  switch (crop) {
    case CropMode::kCenter:
      return crop_aspect_width == 0
                 ? CenterCrop(input_width, input_height, output_width, output_height)
                 : CenterCrop(input_width, input_height, crop_aspect_width, crop_aspect_height);
    case CropMode::kRectangle: return crop_rect;
    case CropMode::kNone: break;
  }
  return {0, 0, input_width, input_height};
}

ImageShape ImageOutputShape(const ImageParams& params) {
  return {params.output_height, params.output_width, params.OutputChannels()};
}

}  // namespace mote::dsp
