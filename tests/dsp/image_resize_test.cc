// Resizing (micro/dsp/resize_taps.h, image_resampler.h, through ImageBlock)
// against the double-precision reference written from the definitions
// (tests/dsp/image_reference.cc), against hand-computed values that pin the
// conventions, and against stb_image_resize where its filter is the same
// operation: its box filter when shrinking (area) and its triangle filter
// when enlarging (bilinear). stb's triangle filter widens to an
// anti-aliasing filter when shrinking, so bilinear shrinking is not
// compared with it.
#include <gtest/gtest.h>
#include <stb_image_resize.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "dsp/image_reference.h"
#include "dsp/image_test_util.h"
#include "micro/dsp/image_block.h"
#include "micro/dsp/image_resampler.h"
#include "micro/dsp/resize_taps.h"

namespace mote::dsp {
namespace {

using testing::RandomImage;
using testing::RunImageBlock;

struct Size {
  uint32_t width;
  uint32_t height;
};

// Plain resize of a width x height x channels image: no crop, no
// grayscale, pixel units.
ImageParams ResizeParams(Size in, uint32_t channels, Size out, ResizeMethod method,
                         ImageOutputType type = ImageOutputType::kFloat32) {
  ImageParams params;
  params.input_width = in.width;
  params.input_height = in.height;
  params.input_channels = channels;
  params.output_width = out.width;
  params.output_height = out.height;
  params.resize = method;
  params.normalization = Normalization::kNone;
  params.output_type = type;
  return params;
}

const char* Name(ResizeMethod method) { return method == ResizeMethod::kBilinear ? "bilinear" : "area"; }

std::string Describe(Size in, uint32_t channels, Size out, ResizeMethod method) {
  return std::to_string(in.width) + "x" + std::to_string(in.height) + "x" + std::to_string(channels) + " -> " +
         std::to_string(out.width) + "x" + std::to_string(out.height) + " " + Name(method);
}

// Input and output sizes: enlarging, shrinking by integer and fractional
// factors, mixed, identity, single rows and columns.
std::vector<std::pair<Size, Size>> SizeCases() {
  return {{{8, 6}, {32, 18}},   {{5, 7}, {13, 20}},  {{64, 48}, {32, 24}}, {{60, 45}, {20, 15}},
          {{50, 37}, {20, 10}}, {{37, 29}, {10, 9}}, {{16, 40}, {40, 16}}, {{23, 17}, {23, 17}},
          {{1, 9}, {4, 3}},     {{9, 1}, {3, 5}},    {{31, 31}, {1, 1}},   {{7, 5}, {96, 64}}};
}

TEST(ResizeTapsTest, WeightsArePositiveReducedAndSumToWeightSum) {
  for (ResizeMethod method : {ResizeMethod::kBilinear, ResizeMethod::kArea}) {
    for (uint32_t in : {1u, 2u, 3u, 7u, 96u, 100u, 640u}) {
      for (uint32_t out : {1u, 2u, 5u, 96u, 224u}) {
        std::vector<ResizeTap> taps(out);
        std::vector<uint16_t> weights(ResizeWeightCapacity(method, in, out));
        const uint32_t offset = 3;
        const uint32_t sum = MakeResizeTaps(method, in, out, offset, taps.data(), weights.data());
        uint32_t divisor = sum;
        uint32_t used = 0;
        for (uint32_t d = 0; d < out; ++d) {
          const ResizeTap& tap = taps[d];
          ASSERT_GE(tap.first, offset);
          ASSERT_LE(tap.first - offset + tap.count, in) << in << "->" << out << " d " << d;
          EXPECT_EQ(tap.weight_index, used);
          uint32_t total = 0;
          for (uint32_t k = 0; k < tap.count; ++k) {
            EXPECT_GT(weights[tap.weight_index + k], 0u);
            total += weights[tap.weight_index + k];
            divisor = std::gcd(divisor, uint32_t{weights[tap.weight_index + k]});
          }
          EXPECT_EQ(total, sum) << Name(method) << " " << in << "->" << out << " d " << d;
          used += tap.count;
        }
        EXPECT_LE(used, weights.size());
        EXPECT_EQ(divisor, 1u) << "not reduced: " << Name(method) << " " << in << "->" << out;
      }
    }
  }
}

TEST(ResizeTapsTest, IdentityAndHalving) {
  for (ResizeMethod method : {ResizeMethod::kBilinear, ResizeMethod::kArea}) {
    std::vector<ResizeTap> taps(10);
    std::vector<uint16_t> weights(ResizeWeightCapacity(method, 20, 10));
    ASSERT_EQ(MakeResizeTaps(method, 10, 10, 0, taps.data(), weights.data()), 1u) << Name(method);
    for (uint32_t d = 0; d < 10; ++d) {
      EXPECT_EQ(taps[d].first, d);
      EXPECT_EQ(taps[d].count, 1u);
    }
    // Both methods average pixel pairs when halving: the bilinear sample
    // point 2d + 1/2 lies half way between pixels 2d and 2d + 1.
    ASSERT_EQ(MakeResizeTaps(method, 20, 10, 0, taps.data(), weights.data()), 2u) << Name(method);
    for (uint32_t d = 0; d < 10; ++d) {
      EXPECT_EQ(taps[d].first, 2 * d);
      ASSERT_EQ(taps[d].count, 2u);
      EXPECT_EQ(weights[taps[d].weight_index], 1u);
      EXPECT_EQ(weights[taps[d].weight_index + 1], 1u);
    }
  }
}

// One row of values, resized along x to `out` pixels, in pixel units.
std::vector<float> ResizeRow(const std::vector<uint8_t>& row, uint32_t out, ResizeMethod method) {
  const ImageParams params = ResizeParams({static_cast<uint32_t>(row.size()), 1}, 1, {out, 1}, method);
  return RunImageBlock<float>(params, row);
}

TEST(ResizeTest, BilinearSamplesAtHalfPixelCentres) {
  // 2 -> 4: sample points -1/4, 1/4, 3/4, 5/4; the outer two clamp to the
  // edge pixels.
  std::vector<float> got = ResizeRow({0, 100}, 4, ResizeMethod::kBilinear);
  EXPECT_EQ(got, (std::vector<float>{0.0f, 25.0f, 75.0f, 100.0f}));
  // 3 -> 2: sample points 1/4 and 7/4.
  got = ResizeRow({0, 100, 200}, 2, ResizeMethod::kBilinear);
  EXPECT_EQ(got, (std::vector<float>{25.0f, 175.0f}));
  // 4 -> 2: points 1/2 and 5/2, averages of pairs (not pixels 0 and 3, as
  // align_corners=True would give).
  got = ResizeRow({0, 40, 80, 120}, 2, ResizeMethod::kBilinear);
  EXPECT_EQ(got, (std::vector<float>{20.0f, 100.0f}));
}

TEST(ResizeTest, AreaAveragesTheCoveredFractions) {
  // 3 -> 2: boxes [0, 1.5) and [1.5, 3).
  std::vector<float> got = ResizeRow({30, 60, 90}, 2, ResizeMethod::kArea);
  EXPECT_NEAR(got[0], (30 + 0.5 * 60) / 1.5, 1e-4);
  EXPECT_NEAR(got[1], (0.5 * 60 + 90) / 1.5, 1e-4);
  // 2 -> 3 (enlarging): boxes [0, 2/3), [2/3, 4/3), [4/3, 2).
  got = ResizeRow({30, 90}, 3, ResizeMethod::kArea);
  EXPECT_NEAR(got[0], 30.0, 1e-4);
  EXPECT_NEAR(got[1], 60.0, 1e-4);
  EXPECT_NEAR(got[2], 90.0, 1e-4);
}

TEST(ResizeTest, MatchesDoubleReference) {
  int ties = 0;
  for (ResizeMethod method : {ResizeMethod::kBilinear, ResizeMethod::kArea}) {
    double worst = 0.0;
    for (uint32_t channels : {1u, 3u}) {
      uint32_t seed = 1;
      for (const auto& [in, out] : SizeCases()) {
        const std::vector<uint8_t> image = RandomImage(in.width, in.height, channels, seed++);
        ImageParams params = ResizeParams(in, channels, out, method);
        const std::vector<double> want = testing::ReferenceFloatOutput(params, image);
        const std::vector<float> got = RunImageBlock<float>(params, image);
        ASSERT_EQ(got.size(), want.size()) << Describe(in, channels, out, method);
        params.output_type = ImageOutputType::kUint8;
        const std::vector<uint8_t> got_u8 = RunImageBlock<uint8_t>(params, image);
        for (size_t k = 0; k < want.size(); ++k) {
          const double error = std::abs(got[k] - want[k]);
          worst = std::max(worst, error);
          // float(numerator), the gain and their product each round once.
          ASSERT_LE(error, 3 * 0x1p-24 * want[k] + 1e-12) << Describe(in, channels, out, method) << " at " << k;
          ASSERT_EQ(got_u8[k], testing::RoundPixel(want[k])) << Describe(in, channels, out, method) << " at " << k
                                                              << ": exact value " << want[k];
          ties += std::abs(want[k] - std::floor(want[k]) - 0.5) < 1e-9;
        }
      }
    }
    std::printf("[ measure  ] %s resize, float output: max abs error %.2e pixel levels\n", Name(method), worst);
  }
  std::printf("[ measure  ] exact ties met (all rounded up): %d\n", ties);
  EXPECT_GT(ties, 0);  // the tie rule was exercised
}

TEST(ResizeTest, Uint8TiesRoundUp) {
  // Area 2x2 -> 1x1: the mean of {10, 11, 10, 11} is 10.5.
  ImageParams params = ResizeParams({2, 2}, 1, {1, 1}, ResizeMethod::kArea, ImageOutputType::kUint8);
  EXPECT_EQ(RunImageBlock<uint8_t>(params, {10, 11, 10, 11}), std::vector<uint8_t>{11});
  EXPECT_EQ(RunImageBlock<uint8_t>(params, {10, 11, 10, 10}), std::vector<uint8_t>{10});  // 10.25
  EXPECT_EQ(RunImageBlock<uint8_t>(params, {11, 11, 10, 11}), std::vector<uint8_t>{11});  // 10.75
  // Bilinear 2 -> 4 samples {0, 2} at -1/4, 1/4, 3/4, 5/4: 0, 0.5, 1.5, 2.
  params = ResizeParams({2, 1}, 1, {4, 1}, ResizeMethod::kBilinear, ImageOutputType::kUint8);
  EXPECT_EQ(RunImageBlock<uint8_t>(params, {0, 2}), (std::vector<uint8_t>{0, 1, 2, 2}));
}

// stb_image_resize on float pixels (linear colour space, clamped edges).
std::vector<float> StbResize(const std::vector<uint8_t>& image, Size in, uint32_t channels, Size out,
                             stbir_filter filter) {
  const std::vector<float> pixels(image.begin(), image.end());
  std::vector<float> resized(size_t{out.width} * out.height * channels);
  const int ok = stbir_resize_float_generic(pixels.data(), static_cast<int>(in.width), static_cast<int>(in.height), 0,
                                            resized.data(), static_cast<int>(out.width), static_cast<int>(out.height),
                                            0, static_cast<int>(channels), STBIR_ALPHA_CHANNEL_NONE, 0,
                                            STBIR_EDGE_CLAMP, filter, STBIR_COLORSPACE_LINEAR, nullptr);
  EXPECT_EQ(ok, 1);
  return resized;
}

void ExpectMatchesStb(ResizeMethod method, stbir_filter filter, const std::vector<std::pair<Size, Size>>& cases) {
  double worst = 0.0;
  uint32_t seed = 100;
  for (const auto& [in, out] : cases) {
    for (uint32_t channels : {1u, 3u}) {
      const std::vector<uint8_t> image = RandomImage(in.width, in.height, channels, seed++);
      const std::vector<float> want = StbResize(image, in, channels, out, filter);
      const std::vector<float> got = RunImageBlock<float>(ResizeParams(in, channels, out, method), image);
      ASSERT_EQ(got.size(), want.size());
      for (size_t k = 0; k < got.size(); ++k) {
        const double error = std::abs(got[k] - want[k]);
        worst = std::max(worst, error);
        // stb accumulates in float, a few ulp of 255 per tap.
        ASSERT_LT(error, 2e-3) << Describe(in, channels, out, method) << " at " << k;
      }
    }
  }
  std::printf("[ measure  ] %s vs stb_image_resize: max abs difference %.2e pixel levels\n", Name(method), worst);
}

TEST(ResizeTest, AreaMatchesStbBoxFilterWhenShrinking) {
  // stb's box filter is a trapezoid whose point values are exactly the
  // overlap of a pixel with the output box, so it agrees with area for
  // fractional factors too.
  ExpectMatchesStb(ResizeMethod::kArea, STBIR_FILTER_BOX,
                   {{{64, 48}, {32, 24}}, {{60, 60}, {20, 15}}, {{64, 64}, {16, 8}}, {{50, 40}, {20, 15}},
                    {{37, 29}, {10, 9}}, {{100, 75}, {30, 20}}, {{96, 96}, {1, 1}}});
}

TEST(ResizeTest, BilinearMatchesStbTriangleFilterWhenEnlarging) {
  ExpectMatchesStb(ResizeMethod::kBilinear, STBIR_FILTER_TRIANGLE,
                   {{{8, 6}, {32, 18}}, {{5, 7}, {13, 20}}, {{10, 10}, {15, 25}}, {{3, 2}, {96, 96}}});
}

TEST(ResizeTest, LargestSizesDoNotOverflow) {
  // The largest denominators: area 4096 -> 1 and bilinear 3 -> 2048 (weight
  // sum 4096 on each axis), with every numerator at 255 times it.
  std::vector<unsigned char> memory(1 << 17);
  Arena arena(memory.data(), memory.size());
  ImageResampler area;
  ASSERT_EQ(area.Init(ResizeMethod::kArea, {0, 0, 4096, 4096}, 1, 1, &arena), DspStatus::kOk);
  EXPECT_EQ(area.denominator(), 1u << 24);
  ImageResampler bilinear;
  ASSERT_EQ(bilinear.Init(ResizeMethod::kBilinear, {0, 0, 3, 3}, 2048, 2048, &arena), DspStatus::kOk);
  EXPECT_EQ(bilinear.denominator(), 1u << 24);

  // A white 4096 x 4096 image stays white; with the left half black its mean is 127.5.
  std::vector<uint8_t> image(size_t{4096} * 4096, 255);
  ImageParams params = ResizeParams({4096, 4096}, 1, {1, 1}, ResizeMethod::kArea, ImageOutputType::kUint8);
  EXPECT_EQ(RunImageBlock<uint8_t>(params, image), std::vector<uint8_t>{255});
  for (size_t row = 0; row < 4096; ++row) std::fill_n(image.begin() + row * 4096, 2048, 0);
  EXPECT_EQ(RunImageBlock<uint8_t>(params, image), std::vector<uint8_t>{128});
  params.output_type = ImageOutputType::kFloat32;
  EXPECT_EQ(RunImageBlock<float>(params, image), std::vector<float>{127.5f});

  // White RGB through bilinear 3 -> 2048 and luma (64-bit numerators): white.
  params = ResizeParams({3, 3}, 3, {2048, 2048}, ResizeMethod::kBilinear, ImageOutputType::kUint8);
  params.grayscale = true;
  const std::vector<uint8_t> gray = RunImageBlock<uint8_t>(params, std::vector<uint8_t>(27, 255));
  EXPECT_EQ(std::count(gray.begin(), gray.end(), 255), 2048 * 2048);
}

}  // namespace
}  // namespace mote::dsp
