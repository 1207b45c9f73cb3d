// The image block end to end: parameters and shapes, crop, grayscale,
// normalization and int8 output, against the double-precision reference
// (tests/dsp/image_reference.cc) and hand-computed values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include "dsp/image_reference.h"
#include "dsp/image_test_util.h"
#include "micro/dsp/image_block.h"
#include "micro/dsp/image_crop.h"
#include "micro/dsp/int8_quantize.h"

namespace mote::dsp {
namespace {

using testing::RandomImage;
using testing::RunImageBlock;

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

template <typename Change>
DspStatus ImageWith(Change change) {
  ImageParams params;
  change(params);
  return params.Validate();
}

TEST(ImageParamsTest, EachBadFieldIsNamed) {
  using P = ImageParams&;
  EXPECT_EQ(ImageParams().Validate(), DspStatus::kOk);
  EXPECT_EQ(ImageWith([](P p) { p.input_width = 0; }), DspStatus::kBadImageSize);
  EXPECT_EQ(ImageWith([](P p) { p.input_height = 4097; }), DspStatus::kBadImageSize);
  EXPECT_EQ(ImageWith([](P p) { p.input_channels = 2; }), DspStatus::kBadImageSize);
  EXPECT_EQ(ImageWith([](P p) { p.input_channels = 4; }), DspStatus::kBadImageSize);
  EXPECT_EQ(ImageWith([](P p) { p.crop = static_cast<CropMode>(3); }), DspStatus::kBadCrop);
  EXPECT_EQ(ImageWith([](P p) { p.crop = CropMode::kRectangle; }), DspStatus::kBadCrop);  // empty
  EXPECT_EQ(ImageWith([](P p) { p.crop = CropMode::kRectangle; p.crop_rect = {90, 0, 7, 10}; }), DspStatus::kBadCrop);
  EXPECT_EQ(ImageWith([](P p) { p.crop = CropMode::kRectangle; p.crop_rect = {0xFFFFFFFFu, 0, 2, 2}; }),
            DspStatus::kBadCrop);
  EXPECT_EQ(ImageWith([](P p) { p.crop = CropMode::kCenter; p.crop_aspect_width = 4; }), DspStatus::kBadCrop);
  EXPECT_EQ(ImageWith([](P p) { p.output_width = 0; }), DspStatus::kBadOutputSize);
  EXPECT_EQ(ImageWith([](P p) { p.output_height = 2049; }), DspStatus::kBadOutputSize);
  EXPECT_EQ(ImageWith([](P p) { p.resize = static_cast<ResizeMethod>(2); }), DspStatus::kBadResizeMethod);
  EXPECT_EQ(ImageWith([](P p) { p.normalization = static_cast<Normalization>(4); }), DspStatus::kBadNormalization);
  EXPECT_EQ(ImageWith([](P p) { p.normalization = Normalization::kMeanStd; p.stddev[2] = 0.0f; }),
            DspStatus::kBadNormalization);
  EXPECT_EQ(ImageWith([](P p) { p.normalization = Normalization::kMeanStd; p.mean[1] = kNan; }),
            DspStatus::kBadNormalization);
  EXPECT_EQ(ImageWith([](P p) { p.output_type = static_cast<ImageOutputType>(3); }), DspStatus::kBadOutputType);
  EXPECT_EQ(ImageWith([](P p) { p.output_type = ImageOutputType::kUint8; }), DspStatus::kBadOutputType);
  EXPECT_EQ(ImageWith([](P p) { p.output_type = ImageOutputType::kInt8; p.quant_scale = 0.0f; }),
            DspStatus::kBadQuantization);
  EXPECT_EQ(ImageWith([](P p) { p.output_type = ImageOutputType::kInt8; p.quant_scale = kInf; }),
            DspStatus::kBadQuantization);
  EXPECT_EQ(ImageWith([](P p) { p.output_type = ImageOutputType::kInt8; p.quant_zero_point = 128; }),
            DspStatus::kBadQuantization);
  // Allowed boundaries; fields of unused options are not checked.
  EXPECT_EQ(ImageWith([](P p) {
              p.input_width = 4096; p.input_height = 1; p.output_width = 2048; p.output_height = 1;
              p.crop = CropMode::kRectangle; p.crop_rect = {4095, 0, 1, 1};
            }), DspStatus::kOk);
  EXPECT_EQ(ImageWith([](P p) {
              p.output_type = ImageOutputType::kUint8; p.normalization = Normalization::kNone; p.quant_scale = kNan;
            }), DspStatus::kOk);
  EXPECT_EQ(ImageWith([](P p) {  // a gray output needs only channel 0's statistics
              p.grayscale = true; p.normalization = Normalization::kMeanStd; p.stddev[1] = 0.0f;
            }), DspStatus::kOk);
  EXPECT_EQ(ImageWith([](P p) { p.crop = CropMode::kCenter; p.crop_aspect_width = 4; p.crop_aspect_height = 3; }),
            DspStatus::kOk);
  for (DspStatus status : {DspStatus::kBadImageSize, DspStatus::kBadCrop, DspStatus::kBadOutputSize,
                           DspStatus::kBadResizeMethod, DspStatus::kBadNormalization, DspStatus::kBadOutputType,
                           DspStatus::kBadQuantization}) {
    EXPECT_NE(std::strchr(DspStatusMessage(status), ':'), nullptr) << static_cast<int>(status);
  }
}

TEST(ImageParamsTest, OutputShapeFollowsFromParams) {
  ImageParams params;
  params.input_width = 320;
  params.input_height = 240;
  params.output_width = 96;
  params.output_height = 64;
  ImageShape shape = ImageOutputShape(params);
  EXPECT_EQ(shape.height, 64u);
  EXPECT_EQ(shape.width, 96u);
  EXPECT_EQ(shape.channels, 3u);
  EXPECT_EQ(shape.size(), 96u * 64 * 3);
  params.grayscale = true;
  EXPECT_EQ(ImageOutputShape(params).channels, 1u);
  params.grayscale = false;
  params.input_channels = 1;
  EXPECT_EQ(ImageOutputShape(params).channels, 1u);
}

TEST(ImageCropTest, CenterCropKeepsTheMiddle) {
  auto expect_rect = [](CropRect got, CropRect want) {
    EXPECT_EQ(got.x, want.x);
    EXPECT_EQ(got.y, want.y);
    EXPECT_EQ(got.width, want.width);
    EXPECT_EQ(got.height, want.height);
  };
  expect_rect(CenterCrop(160, 120, 1, 1), {20, 0, 120, 120});
  expect_rect(CenterCrop(120, 160, 1, 1), {0, 20, 120, 120});
  expect_rect(CenterCrop(161, 120, 1, 1), {20, 0, 120, 120});  // odd leftover: the extra column on the right
  expect_rect(CenterCrop(640, 480, 16, 9), {0, 60, 640, 360});
  expect_rect(CenterCrop(100, 100, 2, 3), {16, 0, 67, 100});  // 66.67 -> 67, 33 left over
  expect_rect(CenterCrop(100, 100, 3, 2), {0, 16, 100, 67});
  expect_rect(CenterCrop(7, 7, 2, 1), {0, 1, 7, 4});   // 3.5 -> 4, a tie rounds up
  expect_rect(CenterCrop(1, 9, 1, 4000), {0, 0, 1, 9});  // narrower than the ratio: full height
  expect_rect(CenterCrop(9, 1, 1, 4000), {4, 0, 1, 1});  // at least one pixel
  expect_rect(CenterCrop(50, 50, 1, 1), {0, 0, 50, 50});
  // The block's crop agrees with the reference's for many sizes and ratios.
  for (uint32_t w : {1u, 5u, 96u, 97u, 160u, 4096u}) {
    for (uint32_t h : {1u, 3u, 96u, 120u, 2000u}) {
      for (auto [aw, ah] : {std::pair{1u, 1u}, {4u, 3u}, {3u, 4u}, {16u, 9u}, {7u, 100u}}) {
        ImageParams params;
        params.input_width = w;
        params.input_height = h;
        params.crop = CropMode::kCenter;
        params.crop_aspect_width = aw;
        params.crop_aspect_height = ah;
        ASSERT_EQ(params.Validate(), DspStatus::kOk);
        const CropRect got = params.Crop();
        const CropRect want = testing::ReferenceCrop(params);
        EXPECT_TRUE(CropFits(got, w, h));
        EXPECT_EQ(got.width, want.width) << w << "x" << h << " " << aw << ":" << ah;
        EXPECT_EQ(got.height, want.height) << w << "x" << h << " " << aw << ":" << ah;
        EXPECT_EQ(got.x, want.x);
        EXPECT_EQ(got.y, want.y);
      }
    }
  }
}

// Float and uint8 output of `params` (normalization kNone) against the reference.
void ExpectPixelsMatchReference(ImageParams params, const std::vector<uint8_t>& image, const char* what) {
  params.normalization = Normalization::kNone;
  params.output_type = ImageOutputType::kFloat32;
  const std::vector<double> want = testing::ReferenceFloatOutput(params, image);
  const std::vector<float> got = RunImageBlock<float>(params, image);
  params.output_type = ImageOutputType::kUint8;
  const std::vector<uint8_t> got_u8 = RunImageBlock<uint8_t>(params, image);
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t k = 0; k < want.size(); ++k) {
    ASSERT_LE(std::abs(got[k] - want[k]), 4 * 0x1p-24 * want[k] + 1e-12) << what << " at " << k;
    ASSERT_EQ(got_u8[k], testing::RoundPixel(want[k])) << what << " at " << k << ": exact value " << want[k];
  }
}

TEST(ImageBlockTest, CropThenResizeMatchesReference) {
  const std::vector<uint8_t> image = RandomImage(64, 48, 3, 7);
  ImageParams params;
  params.input_width = 64;
  params.input_height = 48;
  params.output_width = 20;
  params.output_height = 20;
  for (ResizeMethod method : {ResizeMethod::kBilinear, ResizeMethod::kArea}) {
    params.resize = method;
    params.crop = CropMode::kCenter;  // the output's 1:1 ratio: 48 x 48 at x = 8
    ExpectPixelsMatchReference(params, image, "center crop to the output ratio");
    params.crop_aspect_width = 5;
    params.crop_aspect_height = 2;
    ExpectPixelsMatchReference(params, image, "center crop to 5:2");
    params.crop = CropMode::kRectangle;
    params.crop_rect = {13, 5, 31, 40};
    ExpectPixelsMatchReference(params, image, "rectangle");
  }
  // A crop is the same as resizing the cut-out rectangle.
  params.resize = ResizeMethod::kBilinear;
  params.normalization = Normalization::kNone;
  params.output_type = ImageOutputType::kUint8;
  std::vector<uint8_t> cut;
  for (uint32_t y = 5; y < 45; ++y) {
    cut.insert(cut.end(), image.begin() + (y * 64 + 13) * 3, image.begin() + (y * 64 + 44) * 3);
  }
  ImageParams cut_params = params;
  cut_params.crop = CropMode::kNone;
  cut_params.input_width = 31;
  cut_params.input_height = 40;
  EXPECT_EQ(RunImageBlock<uint8_t>(params, image), RunImageBlock<uint8_t>(cut_params, cut));
}

TEST(ImageBlockTest, GrayscaleIsBt601Luma) {
  ImageParams params;
  params.input_width = 4;
  params.input_height = 1;
  params.output_width = 4;
  params.output_height = 1;
  params.grayscale = true;
  params.normalization = Normalization::kNone;
  params.output_type = ImageOutputType::kUint8;
  // 0.299 * 255 = 76.245, 0.587 * 255 = 149.685, 0.114 * 255 = 29.07;
  // (100, 50, 50): 29.9 + 29.35 + 5.7 = 64.95.
  const std::vector<uint8_t> rgb = {255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 50, 50};
  EXPECT_EQ(RunImageBlock<uint8_t>(params, rgb), (std::vector<uint8_t>{76, 150, 29, 65}));
  // Luma is taken of the exact resized values, then rounded once.
  const std::vector<uint8_t> image = RandomImage(41, 29, 3, 11);
  params.input_width = 41;
  params.input_height = 29;
  params.output_width = 17;
  params.output_height = 23;
  for (ResizeMethod method : {ResizeMethod::kBilinear, ResizeMethod::kArea}) {
    params.resize = method;
    ExpectPixelsMatchReference(params, image, "grayscale");
  }
  // A gray input stays as it is.
  params.input_channels = 1;
  params.input_width = params.output_width;
  params.input_height = params.output_height;
  const std::vector<uint8_t> gray = RandomImage(17, 23, 1, 12);
  EXPECT_EQ(RunImageBlock<uint8_t>(params, gray), gray);
}

TEST(ImageBlockTest, NormalizationMatchesReference) {
  const std::vector<uint8_t> image = RandomImage(30, 20, 3, 21);
  ImageParams params;
  params.input_width = 30;
  params.input_height = 20;
  params.output_width = 12;
  params.output_height = 9;
  params.mean[0] = 0.485f;  // ImageNet's statistics
  params.mean[1] = 0.456f;
  params.mean[2] = 0.406f;
  params.stddev[0] = 0.229f;
  params.stddev[1] = 0.224f;
  params.stddev[2] = 0.225f;
  for (bool gray : {false, true}) {
    for (Normalization mode : {Normalization::kNone, Normalization::kZeroToOne, Normalization::kMinusOneToOne,
                               Normalization::kMeanStd}) {
      params.grayscale = gray;
      params.normalization = mode;
      const std::vector<double> want = testing::ReferenceFloatOutput(params, image);
      const std::vector<float> got = RunImageBlock<float>(params, image);
      ASSERT_EQ(got.size(), want.size());
      double worst = 0.0;
      double largest = 0.0;
      for (size_t k = 0; k < got.size(); ++k) {
        worst = std::max(worst, std::abs(got[k] - want[k]));
        largest = std::max(largest, std::abs(want[k]));
      }
      std::printf("[ measure  ] normalization %d gray %d: max abs error %.2e (values up to %.3g)\n",
                  static_cast<int>(mode), gray, worst, largest);
      // A few float roundings of values up to `largest` (and of the bias).
      EXPECT_LE(worst, 8 * 0x1p-24 * (largest + 3.0)) << static_cast<int>(mode);
    }
  }
}

// clamp(round(y / scale) + zero_point), halves away from zero, in double.
int ReferenceQuantize(double y, double scale, int zero_point) {
  const double q = std::round(y / scale) + zero_point;
  return static_cast<int>(std::clamp(q, -128.0, 127.0));
}

TEST(QuantizeInt8Test, RoundsHalvesAwayFromZeroAndSaturates) {
  EXPECT_EQ(QuantizeInt8(2.5f, 1.0f, 0), 3);
  EXPECT_EQ(QuantizeInt8(-2.5f, 1.0f, 0), -3);
  EXPECT_EQ(QuantizeInt8(2.49f, 1.0f, 0), 2);
  EXPECT_EQ(QuantizeInt8(1.25f, 0.5f, 10), 13);  // 2.5 steps -> 3
  EXPECT_EQ(QuantizeInt8(1.0f, 1.0f / 255.0f, -128), 127);
  EXPECT_EQ(QuantizeInt8(0.0f, 1.0f / 255.0f, -128), -128);
  EXPECT_EQ(QuantizeInt8(1000.0f, 0.001f, 0), 127);
  EXPECT_EQ(QuantizeInt8(-1000.0f, 0.001f, 127), -128);
  EXPECT_EQ(QuantizeInt8(kInf, 1.0f, 0), 127);
  EXPECT_EQ(QuantizeInt8(-kInf, 1.0f, 0), -128);
  EXPECT_EQ(QuantizeInt8(-300.0f, 1.0f, 127), -128);
}

TEST(ImageBlockTest, Int8QuantizesTheNormalizedUint8Pixel) {
  const std::vector<uint8_t> image = RandomImage(40, 30, 3, 31);
  ImageParams params;
  params.input_width = 40;
  params.input_height = 30;
  params.output_width = 16;
  params.output_height = 12;
  params.output_type = ImageOutputType::kInt8;
  params.mean[0] = 0.5f;
  params.mean[1] = 0.25f;
  params.mean[2] = 0.75f;
  params.stddev[0] = 0.25f;
  params.stddev[1] = 0.5f;
  params.stddev[2] = 0.3f;
  struct Case {
    Normalization mode;
    float scale;
    int zero_point;
  };
  for (const Case& q : {Case{Normalization::kZeroToOne, 1.0f / 255.0f, -128},
                        Case{Normalization::kZeroToOne, 0.0041f, -100},
                        Case{Normalization::kMinusOneToOne, 1.0f / 128.0f, 0},
                        Case{Normalization::kMeanStd, 0.021f, 3}, Case{Normalization::kNone, 1.3f, -90}}) {
    params.normalization = q.mode;
    params.quant_scale = q.scale;
    params.quant_zero_point = q.zero_point;
    const testing::RealImage pixels = testing::ReferencePixels(params, image);
    const std::vector<int8_t> got = RunImageBlock<int8_t>(params, image);
    ASSERT_EQ(got.size(), pixels.values.size());
    double worst_vs_exact = 0.0;
    double largest_slope = 0.0;
    int near_half = 0;
    for (size_t k = 0; k < got.size(); ++k) {
      const uint32_t c = static_cast<uint32_t>(k % 3);
      // The definition: the uint8 pixel, normalized, quantized.
      const double y = testing::ReferenceNormalize(params, testing::RoundPixel(pixels.values[k]), c);
      const double steps = y / q.scale;
      const int want = ReferenceQuantize(y, q.scale, q.zero_point);
      if (std::abs(steps - std::floor(steps) - 0.5) < 1e-4) {
        // Within float rounding of a half: either neighbour is the float answer.
        ++near_half;
        EXPECT_LE(std::abs(got[k] - want), 1) << k;
      } else {
        EXPECT_EQ(got[k], want) << k;
      }
      // Against quantizing the exact (unrounded) normalized value: rounding
      // to uint8 first moves y by up to half a pixel level, which is
      // `slope` / 2 LSB, and the int8 rounding adds half an LSB.
      const double exact = testing::ReferenceNormalize(params, pixels.values[k], c) / q.scale + q.zero_point;
      const double slope =
          (testing::ReferenceNormalize(params, 255.0, c) - testing::ReferenceNormalize(params, 0.0, c)) / 255.0 /
          q.scale;
      if (exact > -128.0 && exact < 127.0) {
        worst_vs_exact = std::max(worst_vs_exact, std::abs(got[k] - exact));
        EXPECT_LE(std::abs(got[k] - exact), 0.5 + 0.5 * slope + 1e-4) << k;
      }
      largest_slope = std::max(largest_slope, slope);
    }
    std::printf("[ measure  ] int8 mode %d scale %g zp %d: max |q - exact| %.3f LSB (bound 0.5 + %.3f), "
                "%d values within 1e-4 of a half\n",
                static_cast<int>(q.mode), q.scale, q.zero_point, worst_vs_exact, 0.5 * largest_slope, near_half);
  }
}

TEST(ImageBlockTest, Int8OfUnitRangeIsPixelMinus128) {
  // scale 1/255, zero point -128 over [0, 1]: q = v - 128 for every v.
  std::vector<uint8_t> ramp(256);
  for (int v = 0; v < 256; ++v) ramp[v] = static_cast<uint8_t>(v);
  ImageParams params;
  params.input_width = 256;
  params.input_height = 1;
  params.input_channels = 1;
  params.output_width = 256;
  params.output_height = 1;
  params.output_type = ImageOutputType::kInt8;
  const std::vector<int8_t> got = RunImageBlock<int8_t>(params, ramp);
  for (int v = 0; v < 256; ++v) EXPECT_EQ(got[v], v - 128) << v;
}

TEST(ImageBlockTest, Int8TiesRoundAwayFromZero) {
  // One black pixel, mean/stddev chosen so that y / scale is an exact half
  // in float: (0 / 255 - mean) / 0.25 / 0.5 = -8 * mean.
  ImageParams params;
  params.input_width = params.input_height = params.output_width = params.output_height = 1;
  params.normalization = Normalization::kMeanStd;
  params.mean[0] = 0.3125f;    // -2.5 -> -3 (half to even would give -2)
  params.mean[1] = -0.5625f;   //  4.5 ->  5 (half to even would give 4)
  params.mean[2] = -0.0625f;   //  0.5 ->  1
  params.stddev[0] = params.stddev[1] = params.stddev[2] = 0.25f;
  params.output_type = ImageOutputType::kInt8;
  params.quant_scale = 0.5f;
  params.quant_zero_point = 0;
  EXPECT_EQ(RunImageBlock<int8_t>(params, {0, 0, 0}), (std::vector<int8_t>{-3, 5, 1}));
}

TEST(ImageBlockTest, ArenaBytesIsExactlyEnough) {
  ImageParams params;
  params.input_width = 320;
  params.input_height = 240;
  params.crop = CropMode::kCenter;
  params.resize = ResizeMethod::kArea;
  for (ImageOutputType type : {ImageOutputType::kFloat32, ImageOutputType::kInt8}) {
    params.output_type = type;
    const size_t bytes = ImageBlock::ArenaBytes(params);
    std::printf("[ measure  ] image block 320x240 -> center 96x96 area, type %d: %zu arena bytes\n",
                static_cast<int>(type), bytes);
    alignas(kArenaAlign) static unsigned char memory[1 << 14];
    ASSERT_LE(bytes, sizeof memory);
    Arena exact(memory, bytes);
    ImageBlock block;
    EXPECT_EQ(block.Init(params, &exact), DspStatus::kOk);
    EXPECT_EQ(exact.bytes_left(), 0u);
    Arena short_by_one(memory, bytes - 1);
    EXPECT_EQ(block.Init(params, &short_by_one), DspStatus::kBufferTooSmall);
    EXPECT_EQ(short_by_one.bytes_left(), bytes - 1);  // took nothing
  }
  params.resize = static_cast<ResizeMethod>(7);
  unsigned char memory[64];
  Arena arena(memory, sizeof memory);
  ImageBlock block;
  EXPECT_EQ(block.Init(params, &arena), DspStatus::kBadResizeMethod);
}

TEST(ImageBlockTest, ComputeChecksTypeAndSizes) {
  ImageParams params;
  params.input_width = 8;
  params.input_height = 8;
  params.output_width = 4;
  params.output_height = 4;
  std::vector<unsigned char> memory(ImageBlock::WorkspaceBytes(params));
  Arena arena(memory.data(), memory.size());
  ImageBlock block;
  ASSERT_EQ(block.Init(params, &arena), DspStatus::kOk);
  const std::vector<uint8_t> image = RandomImage(8, 8, 3, 41);
  std::vector<float> out(4 * 4 * 3, -1.0f);
  std::vector<int8_t> wrong_type(out.size());
  EXPECT_EQ(block.Compute(image.data(), image.size(), wrong_type.data(), wrong_type.size()),
            DspStatus::kBadOutputType);
  EXPECT_EQ(block.Compute(image.data(), image.size() - 1, out.data(), out.size()), DspStatus::kBufferTooSmall);
  EXPECT_EQ(block.Compute(image.data(), image.size(), out.data(), out.size() - 1), DspStatus::kBufferTooSmall);
  EXPECT_EQ(out[0], -1.0f);  // nothing written
  EXPECT_EQ(block.Compute(image.data(), image.size(), out.data(), out.size()), DspStatus::kOk);
  EXPECT_GE(out[0], 0.0f);
  EXPECT_LE(out[0], 1.0f);
}

}  // namespace
}  // namespace mote::dsp
