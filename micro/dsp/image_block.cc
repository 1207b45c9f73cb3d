#include "micro/dsp/image_block.h"

#include <cstdint>

#include "micro/dsp/int8_quantize.h"
#include "micro/dsp/luma.h"
#include "micro/dsp/pixel_normalization.h"

namespace mote::dsp {
namespace {

// round(n / d), ties up, for d >= 1 and n / d < 256. 32-bit operands when
// the numerator fits (no luma), 64-bit ones otherwise.
template <typename U>
uint8_t RoundedQuotient(U n, U d) {
  const U q = n / d;
  const U r = n - q * d;
  return static_cast<uint8_t>(q + (r >= d - r ? 1 : 0));
}

constexpr uint32_t kTableSize = 256;

}  // namespace

size_t ImageBlock::ArenaBytes(const ImageParams& params) {
  const size_t table = params.output_type == ImageOutputType::kInt8 ? kTableSize * params.OutputChannels() : 0;
  return ImageResampler::ArenaBytes(params.resize, params.Crop(), params.output_width, params.output_height) +
         mote::dsp::ArenaBytes<uint32_t>(size_t{params.output_width} * params.input_channels) +
         mote::dsp::ArenaBytes<int8_t>(table);
}

DspStatus ImageBlock::Init(const ImageParams& params, Arena* arena) {
  if (const DspStatus status = params.Validate(); status != DspStatus::kOk) return status;
  if (arena->bytes_left() < ArenaBytes(params)) return DspStatus::kBufferTooSmall;
  params_ = params;
  resampler_.Init(params.resize, params.Crop(), params.output_width, params.output_height, arena);
  numerators_ = arena->Allocate<uint32_t>(size_t{params.output_width} * params.input_channels);
  luma_ = params.grayscale && params.input_channels == 3;
  luma_denominator_ = uint64_t{kLumaScale} * resampler_.denominator();
  const float denominator =
      luma_ ? static_cast<float>(luma_denominator_) : static_cast<float>(resampler_.denominator());
  const uint32_t channels = params.OutputChannels();
  int8_table_ =
      params.output_type == ImageOutputType::kInt8 ? arena->Allocate<int8_t>(kTableSize * channels) : nullptr;
  for (uint32_t c = 0; c < channels; ++c) {
    const PixelNormalization norm = MakePixelNormalization(params.normalization, params.mean[c], params.stddev[c]);
    offset_[c] = norm.Offset(denominator);
    gain_[c] = norm.Gain(denominator);
    if (int8_table_ == nullptr) continue;
    for (uint32_t v = 0; v < kTableSize; ++v) {
      int8_table_[c * kTableSize + v] =
          QuantizeInt8(norm.Apply(static_cast<float>(v)), params.quant_scale, params.quant_zero_point);
    }
  }
  return DspStatus::kOk;
}

template <typename T, typename Convert>
DspStatus ImageBlock::Run(const uint8_t* image, size_t image_bytes, ImageOutputType type, T* out, size_t capacity,
                          Convert convert) {
  if (type != params_.output_type) return DspStatus::kBadOutputType;
  const ImageShape input{params_.input_height, params_.input_width, params_.input_channels};
  const ImageShape output = ImageOutputShape(params_);
  if (image_bytes < input.size() || capacity < output.size()) return DspStatus::kBufferTooSmall;
  const uint32_t in_channels = params_.input_channels;
  const uint32_t denominator = resampler_.denominator();
  for (uint32_t y = 0; y < output.height; ++y) {
    resampler_.ResampleRow(image, input.width, in_channels, y, numerators_);
    T* row = out + size_t{y} * output.width * output.channels;
    const uint32_t* n = numerators_;
    if (luma_) {
      // 32-bit arithmetic when 255 times the denominator fits (nearly
      // always: the axes' weight sums are reduced), 64-bit otherwise.
      auto emit_luma = [&](auto denominator_u) {
        using U = decltype(denominator_u);
        for (uint32_t x = 0; x < output.width; ++x, n += 3) {
          row[x] = convert(0, LumaNumerator<U>(n[0], n[1], n[2]), denominator_u);
        }
      };
      if (luma_denominator_ <= UINT32_MAX / 255) {
        emit_luma(static_cast<uint32_t>(luma_denominator_));
      } else {
        emit_luma(luma_denominator_);
      }
    } else {
      for (uint32_t x = 0; x < output.width; ++x, n += in_channels, row += in_channels) {
        for (uint32_t c = 0; c < in_channels; ++c) row[c] = convert(c, n[c], denominator);
      }
    }
  }
  return DspStatus::kOk;
}

DspStatus ImageBlock::Compute(const uint8_t* image, size_t image_bytes, float* out, size_t capacity) {
  return Run(image, image_bytes, ImageOutputType::kFloat32, out, capacity, [this](uint32_t c, auto n, auto) {
    return (static_cast<float>(n) - offset_[c]) * gain_[c];
  });
}

DspStatus ImageBlock::Compute(const uint8_t* image, size_t image_bytes, uint8_t* out, size_t capacity) {
  return Run(image, image_bytes, ImageOutputType::kUint8, out, capacity,
             [](uint32_t, auto n, auto d) { return RoundedQuotient<decltype(d)>(n, d); });
}

DspStatus ImageBlock::Compute(const uint8_t* image, size_t image_bytes, int8_t* out, size_t capacity) {
  return Run(image, image_bytes, ImageOutputType::kInt8, out, capacity, [this](uint32_t c, auto n, auto d) {
    return int8_table_[c * kTableSize + RoundedQuotient<decltype(d)>(n, d)];
  });
}

}  // namespace mote::dsp
