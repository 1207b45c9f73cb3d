#include "dsp/image_reference.h"

#include <algorithm>
#include <cmath>

namespace mote::dsp::testing {
namespace {

// One output pixel's input pixels and real weights along an axis.
struct Taps {
  std::vector<uint32_t> index;
  std::vector<double> weight;
};

// Half-pixel-centre linear interpolation: sample at (d + 1/2) in/out - 1/2,
// clamped to the outer pixel centres.
Taps BilinearTaps(uint32_t d, uint32_t in, uint32_t out) {
  double s = (d + 0.5) * static_cast<double>(in) / out - 0.5;
  s = std::clamp(s, 0.0, static_cast<double>(in - 1));
  const double lower = std::floor(s);
  const double f = s - lower;
  const uint32_t i = static_cast<uint32_t>(lower);
  return {{i, std::min(i + 1, in - 1)}, {1.0 - f, f}};
}

// Box average: the overlap of [d in/out, (d + 1) in/out) with each pixel
// [i, i + 1), divided by the box's length.
Taps AreaTaps(uint32_t d, uint32_t in, uint32_t out) {
  const double scale = static_cast<double>(in) / out;
  const double a = d * scale;
  const double b = (d + 1) * scale;
  Taps taps;
  for (uint32_t i = static_cast<uint32_t>(std::floor(a)); i < in && i < b; ++i) {
    const double overlap = std::min(b, i + 1.0) - std::max(a, static_cast<double>(i));
    if (overlap <= 0.0) continue;
    taps.index.push_back(i);
    taps.weight.push_back(overlap / scale);
  }
  return taps;
}

Taps AxisTaps(ResizeMethod method, uint32_t d, uint32_t in, uint32_t out) {
  return method == ResizeMethod::kBilinear ? BilinearTaps(d, in, out) : AreaTaps(d, in, out);
}

}  // namespace

CropRect ReferenceCrop(const ImageParams& params) {
  const double w = params.input_width;
  const double h = params.input_height;
  switch (params.crop) {
    case CropMode::kNone: return {0, 0, params.input_width, params.input_height};
    case CropMode::kRectangle: return params.crop_rect;
    case CropMode::kCenter: {
      const bool own = params.crop_aspect_width != 0;
      const double ratio = own ? static_cast<double>(params.crop_aspect_width) / params.crop_aspect_height
                               : static_cast<double>(params.output_width) / params.output_height;
      CropRect rect{0, 0, params.input_width, params.input_height};
      if (w / h > ratio) {
        rect.width = std::max(1u, static_cast<uint32_t>(std::floor(h * ratio + 0.5)));
        rect.x = (params.input_width - rect.width) / 2;
      } else {
        rect.height = std::max(1u, static_cast<uint32_t>(std::floor(w / ratio + 0.5)));
        rect.y = (params.input_height - rect.height) / 2;
      }
      return rect;
    }
  }
  return {};
}

RealImage ReferencePixels(const ImageParams& params, const std::vector<uint8_t>& image) {
  const CropRect crop = ReferenceCrop(params);
  const uint32_t in_channels = params.input_channels;
  RealImage resized{params.output_height, params.output_width, in_channels, {}};
  resized.values.resize(size_t{resized.height} * resized.width * in_channels);
  for (uint32_t y = 0; y < resized.height; ++y) {
    const Taps rows = AxisTaps(params.resize, y, crop.height, params.output_height);
    for (uint32_t x = 0; x < resized.width; ++x) {
      const Taps columns = AxisTaps(params.resize, x, crop.width, params.output_width);
      for (uint32_t c = 0; c < in_channels; ++c) {
        double sum = 0.0;
        for (size_t j = 0; j < rows.index.size(); ++j) {
          for (size_t i = 0; i < columns.index.size(); ++i) {
            const size_t at = (size_t{crop.y + rows.index[j]} * params.input_width + crop.x + columns.index[i]) *
                                  in_channels + c;
            sum += rows.weight[j] * columns.weight[i] * image[at];
          }
        }
        resized.values[(size_t{y} * resized.width + x) * in_channels + c] = sum;
      }
    }
  }
  if (!params.grayscale || in_channels == 1) return resized;
  RealImage gray{resized.height, resized.width, 1, {}};
  for (uint32_t y = 0; y < gray.height; ++y) {
    for (uint32_t x = 0; x < gray.width; ++x) {
      gray.values.push_back(0.299 * resized.at(y, x, 0) + 0.587 * resized.at(y, x, 1) + 0.114 * resized.at(y, x, 2));
    }
  }
  return gray;
}

double ReferenceNormalize(const ImageParams& params, double v, uint32_t c) {
  switch (params.normalization) {
    case Normalization::kNone: return v;
    case Normalization::kZeroToOne: return v / 255.0;
    case Normalization::kMinusOneToOne: return v / 127.5 - 1.0;
    case Normalization::kMeanStd: return (v / 255.0 - params.mean[c]) / params.stddev[c];
  }
  return NAN;
}

int RoundPixel(double v) { return static_cast<int>(std::floor(v + 0.5 + 3e-10)); }

std::vector<double> ReferenceFloatOutput(const ImageParams& params, const std::vector<uint8_t>& image) {
  const RealImage pixels = ReferencePixels(params, image);
  std::vector<double> out(pixels.values.size());
  for (size_t k = 0; k < out.size(); ++k) {
    out[k] = ReferenceNormalize(params, pixels.values[k], static_cast<uint32_t>(k % pixels.channels));
  }
  return out;
}

}  // namespace mote::dsp::testing
