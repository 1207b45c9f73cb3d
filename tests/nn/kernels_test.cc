// The kernels' fast forms against TensorFlow Lite's reference loop
// structure, written plainly here (every tap bounds-checked, one output at a
// time), on random shapes with padding, strides, dilation, depth
// multipliers and broadcasting that the golden models do not all reach.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "micro/nn/kernels/add.h"
#include "micro/nn/kernels/conv.h"
#include "micro/nn/kernels/pooling.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/quantization.h"

namespace mote::nn {
namespace {

std::vector<int8_t> RandomInt8(std::mt19937& rng, size_t n) {
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(static_cast<int>(rng() % 256) - 128);
  return v;
}

// A random conv geometry whose output size follows the padding rule.
ConvParams RandomGeometry(std::mt19937& rng, bool depthwise) {
  ConvParams p{};
  p.type = tflite::TensorType::kInt8;
  p.batches = 1 + static_cast<int32_t>(rng() % 2);
  p.input_h = 1 + static_cast<int32_t>(rng() % 9);
  p.input_w = 1 + static_cast<int32_t>(rng() % 9);
  p.input_c = 1 + static_cast<int32_t>(rng() % 6);
  p.filter_h = 1 + static_cast<int32_t>(rng() % 5);  // up to 25 taps: both depthwise forms
  p.filter_w = 1 + static_cast<int32_t>(rng() % 5);
  p.stride_h = 1 + static_cast<int32_t>(rng() % 2);
  p.stride_w = 1 + static_cast<int32_t>(rng() % 3);
  p.dilation_h = 1 + static_cast<int32_t>(rng() % 2);
  p.dilation_w = 1 + static_cast<int32_t>(rng() % 2);
  constexpr int32_t kMultipliers[] = {1, 2, 3, 4, 8};  // 4 and 8: the four-channel form for one input
  p.depth_multiplier = depthwise ? kMultipliers[rng() % 5] : 1;
  p.output_c = depthwise ? p.input_c * p.depth_multiplier : 1 + static_cast<int32_t>(rng() % 9);
  p.filter_c = depthwise ? p.output_c : p.input_c;
  p.input_offset = static_cast<int32_t>(rng() % 256) - 128;
  p.output_offset = static_cast<int32_t>(rng() % 256) - 128;
  p.act_min = -128 + static_cast<int32_t>(rng() % 20);
  p.act_max = 127 - static_cast<int32_t>(rng() % 20);
  Window wy, wx;
  const auto padding = rng() % 2 ? tflite::Padding::kSame : tflite::Padding::kValid;
  if (!ComputeWindow(padding, p.input_h, p.filter_h, p.stride_h, p.dilation_h, &wy) ||
      !ComputeWindow(padding, p.input_w, p.filter_w, p.stride_w, p.dilation_w, &wx)) {
    return RandomGeometry(rng, depthwise);  // the filter does not fit: VALID with no output
  }
  p.output_h = wy.out;
  p.output_w = wx.out;
  p.pad_h = wy.pad;
  p.pad_w = wx.pad;
  return p;
}

struct Channels {
  std::vector<int32_t> multipliers;
  std::vector<int8_t> shifts;
  std::vector<int32_t> bias;
};

Channels RandomChannels(std::mt19937& rng, int32_t n) {
  Channels c;
  std::uniform_real_distribution<double> scale(1e-4, 2e-2);
  for (int32_t i = 0; i < n; ++i) {
    int32_t m = 0;
    int s = 0;
    QuantizeMultiplier(scale(rng), &m, &s);
    c.multipliers.push_back(m);
    c.shifts.push_back(static_cast<int8_t>(s));
    c.bias.push_back(static_cast<int32_t>(rng() % 20001) - 10000);
  }
  return c;
}

int8_t Finish(const ConvParams& p, int32_t acc, int32_t m, int s) {
  int32_t v = MultiplyByQuantizedMultiplier(acc, m, s) + p.output_offset;
  v = std::max(p.act_min, std::min(p.act_max, v));
  return static_cast<int8_t>(v);
}

// TensorFlow Lite's reference loop nest: batch, y, x, channel, filter y, x, c.
std::vector<int8_t> ReferenceConv(const ConvParams& p, const Channels& ch, const std::vector<int8_t>& in,
                                  const std::vector<int8_t>& filter, bool depthwise) {
  std::vector<int8_t> out;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        for (int32_t oc = 0; oc < p.output_c; ++oc) {
          int32_t acc = 0;
          for (int32_t fy = 0; fy < p.filter_h; ++fy) {
            for (int32_t fx = 0; fx < p.filter_w; ++fx) {
              const int32_t iy = oy * p.stride_h - p.pad_h + fy * p.dilation_h;
              const int32_t ix = ox * p.stride_w - p.pad_w + fx * p.dilation_w;
              if (iy < 0 || iy >= p.input_h || ix < 0 || ix >= p.input_w) continue;
              const size_t pixel = ((static_cast<size_t>(b) * p.input_h + iy) * p.input_w + ix) * p.input_c;
              if (depthwise) {
                const int32_t ic = oc / p.depth_multiplier;
                acc += filter[(static_cast<size_t>(fy) * p.filter_w + fx) * p.output_c + oc] * (in[pixel + ic] + p.input_offset);
              } else {
                for (int32_t c = 0; c < p.input_c; ++c) {
                  acc += filter[((static_cast<size_t>(oc) * p.filter_h + fy) * p.filter_w + fx) * p.input_c + c] *
                         (in[pixel + c] + p.input_offset);
                }
              }
            }
          }
          out.push_back(Finish(p, acc + ch.bias[oc], ch.multipliers[oc], ch.shifts[oc]));
        }
      }
    }
  }
  return out;
}

TEST(NnKernelsTest, ConvAndDepthwiseMatchTheReferenceLoops) {
  std::mt19937 rng(2026);
  for (int trial = 0; trial < 400; ++trial) {
    const bool depthwise = trial % 2;
    const ConvParams p = RandomGeometry(rng, depthwise);
    const Channels ch = RandomChannels(rng, p.output_c);
    const auto in = RandomInt8(rng, static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c);
    const size_t filter_size = depthwise ? static_cast<size_t>(p.filter_h) * p.filter_w * p.output_c
                                         : static_cast<size_t>(p.output_c) * p.filter_h * p.filter_w * p.input_c;
    const auto filter = RandomInt8(rng, filter_size);
    std::vector<int8_t> out(static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c);
    if (depthwise) {
      std::vector<int32_t> scratch(DepthwiseConvInt8ScratchBytes(p) / 4);
      DepthwiseConvInt8(p, ch.multipliers.data(), ch.shifts.data(), in.data(), filter.data(), ch.bias.data(),
                        out.data(), scratch.data());
    } else {
      std::vector<int16_t> scratch(ConvInt8ScratchBytes(p) / 2);
      ConvInt8(p, ch.multipliers.data(), ch.shifts.data(), in.data(), filter.data(), ch.bias.data(), out.data(),
               scratch.data());
    }
    ASSERT_EQ(out, ReferenceConv(p, ch, in, filter, depthwise)) << "trial " << trial;
  }
}

TEST(NnKernelsTest, PoolingMatchesTheReferenceLoops) {
  std::mt19937 rng(4);
  for (int trial = 0; trial < 200; ++trial) {
    ConvParams g = RandomGeometry(rng, false);
    PoolParams p{};
    p.type = tflite::TensorType::kInt8;
    p.batches = g.batches;
    p.input_h = g.input_h;
    p.input_w = g.input_w;
    p.channels = g.input_c;
    p.filter_h = g.filter_h;
    p.filter_w = g.filter_w;
    p.stride_h = g.stride_h;
    p.stride_w = g.stride_w;
    Window wy, wx;
    ASSERT_TRUE(ComputeWindow(tflite::Padding::kSame, p.input_h, p.filter_h, p.stride_h, 1, &wy));
    ASSERT_TRUE(ComputeWindow(tflite::Padding::kSame, p.input_w, p.filter_w, p.stride_w, 1, &wx));
    p.output_h = wy.out;
    p.output_w = wx.out;
    p.pad_h = wy.pad;
    p.pad_w = wx.pad;
    p.act_min = g.act_min;
    p.act_max = g.act_max;
    const auto in = RandomInt8(rng, static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.channels);
    std::vector<int8_t> avg(static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.channels), max(avg.size());
    AveragePoolInt8(p, in.data(), avg.data());
    MaxPoolInt8(p, in.data(), max.data());
    size_t i = 0;
    for (int32_t b = 0; b < p.batches; ++b) {
      for (int32_t oy = 0; oy < p.output_h; ++oy) {
        for (int32_t ox = 0; ox < p.output_w; ++ox) {
          for (int32_t c = 0; c < p.channels; ++c, ++i) {
            int32_t sum = 0, count = 0, top = -128;
            for (int32_t fy = 0; fy < p.filter_h; ++fy) {
              for (int32_t fx = 0; fx < p.filter_w; ++fx) {
                const int32_t iy = oy * p.stride_h - p.pad_h + fy, ix = ox * p.stride_w - p.pad_w + fx;
                if (iy < 0 || iy >= p.input_h || ix < 0 || ix >= p.input_w) continue;
                const int32_t v = in[((static_cast<size_t>(b) * p.input_h + iy) * p.input_w + ix) * p.channels + c];
                sum += v;
                ++count;
                top = std::max(top, v);
              }
            }
            const int32_t mean = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
            ASSERT_EQ(avg[i], std::max(p.act_min, std::min(p.act_max, mean))) << trial;
            ASSERT_EQ(max[i], std::max(p.act_min, std::min(p.act_max, top))) << trial;
          }
        }
      }
    }
  }
}

TEST(NnKernelsTest, BroadcastAddEqualsAddOnExpandedInputs) {
  std::mt19937 rng(8);
  AddParams p{};
  p.type = tflite::TensorType::kInt8;
  p.input1_offset = 3;
  p.input2_offset = -7;
  p.output_offset = 2;
  p.left_shift = 20;
  int s = 0;
  QuantizeMultiplier(0.5, &p.input1_multiplier, &s);
  p.input1_shift = s;
  QuantizeMultiplier(0.37, &p.input2_multiplier, &s);
  p.input2_shift = s;
  QuantizeMultiplier(1.0 / (1 << 20) / 0.8, &p.output_multiplier, &s);
  p.output_shift = s;
  p.act_min = -128;
  p.act_max = 127;
  // [2, 3, 4] + [3, 1] broadcast to [2, 3, 4]... here [2,3,4] + [1,3,1].
  p.shape.rank = 3;
  const int32_t dims[3] = {2, 3, 4};
  for (int d = 0; d < 3; ++d) p.shape.dims[d] = dims[d];
  p.shape.elements = 24;
  const auto a = RandomInt8(rng, 24);
  const auto small = RandomInt8(rng, 3);
  p.shape.broadcast = true;
  const int32_t strides_a[3] = {12, 4, 1}, strides_b[3] = {0, 1, 0};
  for (int d = 0; d < 3; ++d) {
    p.shape.strides1[d] = strides_a[d];
    p.shape.strides2[d] = strides_b[d];
  }
  std::vector<int8_t> broadcast(24), expanded_out(24), expanded(24);
  AddInt8(p, a.data(), small.data(), broadcast.data());
  for (int i = 0; i < 24; ++i) expanded[i] = small[(i / 4) % 3];
  p.shape.broadcast = false;
  AddInt8(p, a.data(), expanded.data(), expanded_out.data());
  EXPECT_EQ(broadcast, expanded_out);
}

}  // namespace
}  // namespace mote::nn
