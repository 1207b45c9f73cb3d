// The kernels' core-specific forms (DSP on the M4/M7/M33, MVE on the M55;
// micro/nn/kernels/int8_mac.h and dot_rows.h) against the host's portable
// form, on shapes the golden models do not reach: CONV_2D depths of an odd
// number of groups of four plus a tail (3x3x5 = 45, 3x3x7 = 63, 3x3x12 =
// 108, 1x1x5 = 5; the MVE form's predicated last group), FULLY_CONNECTED
// rows of 7 and 12 (shorter than sixteen) with 10 outputs (two past the
// blocks of four); DEPTHWISE_CONV_2D with channel counts that leave a
// predicated part of a vector (3, 13, 21, 24), strides, dilation, padding,
// one input channel with rows of 11 taps (a predicated second vector) and
// depth multipliers of 5 and 8, and a depth multiplier the MVE forms leave
// to the DSP form; MAX_POOL_2D and AVERAGE_POOL_2D on 19 and 37 channels
// with windows cut by the padding; CONV_2D with an odd number of output
// pixels (the unpaired last one) and of output channels; SVDF over several
// steps (the DSP form moves the state row by row as it reads it) on memories
// that are and are not multiples of four (1 to 13), input sizes with a tail,
// ranks above 1, batches, int8 and int16 state. The device's output must be
// the host's byte for byte. Skips without the cross compiler or QEMU.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "deploy/nn_device_runner.h"
#include "deploy/qemu_test_util.h"
#include "nn/built_model_util.h"
#include "nn/nn_test_util.h"
#include "nn/residual_net_model.h"

namespace mote {
namespace {

using testing::AlignedBytes;
using testing::ErrorText;
using testing::ResidualNetShape;

// `tflite` run once by micro/nn on the host: output 0's bytes.
std::string HostOutput(const std::string& tflite, const std::vector<uint8_t>& input) {
  const AlignedBytes blob(std::vector<uint8_t>(tflite.begin(), tflite.end()));
  nn::Interpreter interpreter;
  EXPECT_EQ(interpreter.Init(blob.data(), blob.size()), nn::NnStatus::kOk) << ErrorText(interpreter);
  AlignedBytes arena;
  EXPECT_EQ(testing::PrepareWithNeededArena(interpreter, &arena), nn::NnStatus::kOk) << ErrorText(interpreter);
  EXPECT_EQ(interpreter.input(0).bytes, input.size());
  std::memcpy(interpreter.input(0).data, input.data(), input.size());
  EXPECT_EQ(interpreter.Invoke(), nn::NnStatus::kOk) << ErrorText(interpreter);
  const auto* out = static_cast<const char*>(interpreter.output(0).data);
  return std::string(out, interpreter.output(0).bytes);
}

// n deterministic int8 values (a linear congruential stream).
std::vector<uint8_t> Bytes(size_t n, uint32_t seed) {
  std::vector<uint8_t> v(n);
  for (uint8_t& b : v) {
    seed = seed * 1664525u + 1013904223u;
    b = static_cast<uint8_t>(seed >> 24);
  }
  return v;
}

std::vector<uint8_t> Int32Bytes(const std::vector<int32_t>& values) {
  std::vector<uint8_t> bytes(values.size() * 4);
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// One op on an int8 [1, h, w, c] input.
struct OneOp {
  model::OpType type;
  int32_t h, w, c;
  int32_t out_c;                 // DEPTHWISE_CONV_2D: c * depth multiplier; CONV_2D: filters; pools: c
  int32_t kh, kw, stride, dilation;
  model::Padding padding;
  model::Activation activation;
};

int32_t OutSize(int32_t in, int32_t k, int32_t stride, int32_t dilation, model::Padding padding) {
  const int32_t extent = (k - 1) * dilation + 1;
  return padding == model::Padding::kSame ? (in + stride - 1) / stride : (in - extent + stride) / stride;
}

// The op as a .tflite model: per-channel filter scales around 1 / (64
// sqrt(taps)) and int32 biases (conv ops); pools keep the input's
// quantization.
std::string OneOpTflite(const OneOp& op) {
  using model::DType;
  using testing::MakeTensor;
  const float in_scale = 0.05f, out_scale = 0.04f;
  const int32_t oh = OutSize(op.h, op.kh, op.stride, op.dilation, op.padding);
  const int32_t ow = OutSize(op.w, op.kw, op.stride, op.dilation, op.padding);
  std::vector<model::Tensor> tensors;
  tensors.push_back(MakeTensor({1, op.h, op.w, op.c}, DType::kInt8, {}, {in_scale}, {3}));
  const bool pool = op.type == model::OpType::kMaxPool2D || op.type == model::OpType::kAveragePool2D;
  if (pool) {
    tensors.push_back(MakeTensor({1, oh, ow, op.c}, DType::kInt8, {}, {in_scale}, {3}));
    model::Pool2DAttributes a;
    a.padding = op.padding;
    a.stride_w = a.stride_h = op.stride;
    a.filter_h = op.kh;
    a.filter_w = op.kw;
    a.activation = op.activation;
    const std::vector<uint8_t> file = testing::WriteGraph(std::move(tensors), {testing::MakeOp(op.type, {0}, {1}, a)}, {0}, {1});
    return std::string(file.begin(), file.end());
  }
  const bool depthwise = op.type == model::OpType::kDepthwiseConv2D;
  const int32_t taps = op.kh * op.kw * (depthwise ? 1 : op.c);
  std::vector<float> filter_scales, bias_scales;
  std::vector<int32_t> bias;
  std::vector<int64_t> zeros(op.out_c, 0);
  for (int32_t c = 0; c < op.out_c; ++c) {
    filter_scales.push_back((1.0f + 0.05f * static_cast<float>(c % 7)) / (64.0f * std::sqrt(static_cast<float>(taps))));
    bias_scales.push_back(filter_scales.back() * in_scale);
    bias.push_back((c * 37 % 61 - 30) * 16);
  }
  const std::vector<int32_t> filter_shape =
      depthwise ? std::vector<int32_t>{1, op.kh, op.kw, op.out_c} : std::vector<int32_t>{op.out_c, op.kh, op.kw, op.c};
  model::Tensor filter = MakeTensor(filter_shape, DType::kInt8,
                                    Bytes(static_cast<size_t>(op.out_c) * op.kh * op.kw * (depthwise ? 1 : op.c), 7),
                                    filter_scales, zeros);
  filter.quantization.axis = depthwise ? 3 : 0;
  tensors.push_back(std::move(filter));
  tensors.push_back(MakeTensor({op.out_c}, DType::kInt32, Int32Bytes(bias), bias_scales, zeros));
  tensors.push_back(MakeTensor({1, oh, ow, op.out_c}, DType::kInt8, {}, {out_scale}, {-5}));
  model::OpAttributes attributes;
  if (depthwise) {
    model::DepthwiseConv2DAttributes a;
    a.padding = op.padding;
    a.stride_w = a.stride_h = op.stride;
    a.dilation_w = a.dilation_h = op.dilation;
    a.depth_multiplier = op.out_c / op.c;
    a.activation = op.activation;
    attributes = a;
  } else {
    model::Conv2DAttributes a;
    a.padding = op.padding;
    a.stride_w = a.stride_h = op.stride;
    a.dilation_w = a.dilation_h = op.dilation;
    a.activation = op.activation;
    attributes = a;
  }
  const std::vector<uint8_t> file =
      testing::WriteGraph(std::move(tensors), {testing::MakeOp(op.type, {0, 1, 2}, {3}, attributes)}, {0}, {3});
  return std::string(file.begin(), file.end());
}

// SVDF with these sizes run `steps` times in one Invoke: `steps` SVDF ops
// that share one state tensor (each moves it a step) and read the graph's
// input, their outputs concatenated into the graph's one output. Random
// weights and biases below 3000, or anywhere in int32 with `huge_bias` (as
// keyword_scrambled_8bit's: the unit sums wrap, the rescale takes its long
// form, and most outputs saturate). The int16 state always takes the long
// form.
struct SvdfShape {
  bool int16_state;
  int32_t batches, input_size, filters, rank, memory;
  bool huge_bias;
};

std::string SvdfStepsTflite(const SvdfShape& shape, int32_t steps) {
  using model::DType;
  using testing::MakeTensor;
  const int32_t units = shape.filters / shape.rank;
  const float input_scale = 0.05f, feature_scale = 0.01f, output_scale = 0.03f;
  const float state_scale = shape.int16_state ? 0.001f : 0.02f, time_scale = shape.int16_state ? 1e-4f : 0.01f;
  const DType state_type = shape.int16_state ? DType::kInt16 : DType::kInt8;
  const int64_t state_zero_point = shape.int16_state ? 0 : -9;
  // int16 time weights: int8 values times 37, so that a unit's products
  // (the state reaches +-32767) stay within int32 as valid models' do.
  std::vector<uint8_t> time = Bytes(static_cast<size_t>(shape.filters) * shape.memory, 5);
  if (shape.int16_state) {
    std::vector<int16_t> wide(time.size());
    for (size_t i = 0; i < time.size(); ++i) wide[i] = static_cast<int16_t>(static_cast<int8_t>(time[i]) * 37);
    time.resize(wide.size() * 2);
    std::memcpy(time.data(), wide.data(), time.size());
  }
  std::vector<int32_t> bias(static_cast<size_t>(units));
  const std::vector<uint8_t> bias_bytes = Bytes(bias.size() * 4, 9);
  std::memcpy(bias.data(), bias_bytes.data(), bias_bytes.size());
  if (!shape.huge_bias) {
    for (int32_t& b : bias) b %= 3000;
  }
  std::vector<model::Tensor> tensors;
  tensors.push_back(MakeTensor({shape.batches, shape.input_size}, DType::kInt8, {}, {input_scale}, {3}));
  tensors.push_back(MakeTensor({shape.filters, shape.input_size}, DType::kInt8,
                               Bytes(static_cast<size_t>(shape.filters) * shape.input_size, 7), {feature_scale}, {0}));
  tensors.push_back(MakeTensor({shape.filters, shape.memory}, state_type, time, {time_scale}, {0}));
  tensors.push_back(MakeTensor({units}, DType::kInt32, Int32Bytes(bias), {state_scale * time_scale}, {0}));
  model::Tensor state = MakeTensor({shape.batches, shape.filters * shape.memory}, state_type, {}, {state_scale},
                                   {state_zero_point});
  state.is_variable = true;
  tensors.push_back(std::move(state));
  std::vector<model::Operator> ops;
  std::vector<int32_t> step_outputs;
  model::SvdfAttributes svdf;
  svdf.rank = shape.rank;
  for (int32_t k = 0; k < steps; ++k) {
    step_outputs.push_back(static_cast<int32_t>(tensors.size()));
    tensors.push_back(MakeTensor({shape.batches, units}, DType::kInt8, {}, {output_scale}, {-4}));
    ops.push_back(testing::MakeOp(model::OpType::kSvdf, {0, 1, 2, 3, 4}, {step_outputs.back()}, svdf));
  }
  const auto output = static_cast<int32_t>(tensors.size());
  tensors.push_back(MakeTensor({shape.batches, units * steps}, DType::kInt8, {}, {output_scale}, {-4}));
  model::ConcatenationAttributes concat;
  concat.axis = 1;
  ops.push_back(testing::MakeOp(model::OpType::kConcatenation, step_outputs, {output}, concat));
  const std::vector<uint8_t> file = testing::WriteGraph(std::move(tensors), std::move(ops), {0}, {output});
  return std::string(file.begin(), file.end());
}

class KernelFormsOnDeviceTest : public ::testing::TestWithParam<DeviceTarget> {
 protected:
  void SetUp() override {
    if (std::string(MOTE_HELLO_FIRMWARE).empty())
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to run";
    if (!testing::QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH (Debian package qemu-system-arm)";
  }

  // `tflite` run on this board gives output 0's bytes as on the host.
  void ExpectTheHostsBytes(const std::string& tflite, const std::vector<uint8_t>& input, const char* label) {
    const std::string expected = HostOutput(tflite, input);
    NnDeviceOptions options;
    options.target = &GetParam();
    options.label = label;
    Result<NnDeviceRun> run = RunModelOnDevice(options, tflite, {std::string(input.begin(), input.end())});
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_EQ(run->outputs.size(), 1u);
    EXPECT_EQ(run->outputs[0], expected);
  }
};

TEST_P(KernelFormsOnDeviceTest, OddDepthsGiveTheHostsBytes) {
  const std::vector<uint8_t> input = testing::ResidualNetInput();
  for (const ResidualNetShape& shape : {ResidualNetShape{5, {7}}, ResidualNetShape{8, {12}}}) {
    SCOPED_TRACE(shape.stem);
    ExpectTheHostsBytes(testing::ResidualNetTflite(shape), input, "residual");
  }
}

TEST_P(KernelFormsOnDeviceTest, DepthwisePoolAndUnpairedConvShapesGiveTheHostsBytes) {
  using model::Activation;
  using model::OpType;
  using model::Padding;
  constexpr OpType kDw = OpType::kDepthwiseConv2D;
  const OneOp ops[] = {
      // depth multiplier 1: 16 channels and a predicated 5; 13 = 8 + a predicated 5; 3; 24 = 16 + 8
      {kDw, 7, 6, 21, 21, 3, 3, 1, 1, Padding::kSame, Activation::kRelu6},
      {kDw, 9, 8, 13, 13, 3, 3, 2, 1, Padding::kSame, Activation::kNone},
      {kDw, 6, 7, 3, 3, 5, 4, 1, 2, Padding::kSame, Activation::kRelu},
      {kDw, 8, 8, 24, 24, 3, 3, 2, 1, Padding::kValid, Activation::kNone},
      // one input channel: rows of 11 taps (8 + a predicated 3), multipliers 5 and 8
      {kDw, 13, 15, 1, 5, 6, 11, 2, 1, Padding::kSame, Activation::kNone},
      {kDw, 12, 12, 1, 8, 3, 3, 2, 1, Padding::kSame, Activation::kRelu6},
      // multiplier 2 on 3 channels: the DSP form everywhere
      {kDw, 6, 6, 3, 6, 3, 3, 1, 1, Padding::kSame, Activation::kNone},
      {OpType::kMaxPool2D, 7, 9, 19, 19, 3, 3, 2, 1, Padding::kSame, Activation::kRelu6},
      {OpType::kAveragePool2D, 7, 9, 19, 19, 3, 3, 1, 1, Padding::kSame, Activation::kNone},
      {OpType::kAveragePool2D, 5, 5, 37, 37, 5, 5, 1, 1, Padding::kValid, Activation::kRelu},
      // 5 x 5 = 25 output pixels, the last unpaired (its window inside the input: no tap reads 0); 11 filters
      // (two blocks of four and 3); depth 45 = 11 groups + 1 (the MVE form's predicated last group)
      {OpType::kConv2D, 7, 7, 5, 11, 3, 3, 1, 1, Padding::kValid, Activation::kRelu6},
  };
  for (size_t i = 0; i < std::size(ops); ++i) {
    const OneOp& op = ops[i];
    SCOPED_TRACE("ops[" + std::to_string(i) + "]");
    const std::string tflite = OneOpTflite(op);
    ASSERT_FALSE(tflite.empty());
    ExpectTheHostsBytes(tflite, Bytes(static_cast<size_t>(op.h) * op.w * op.c, 11), "one_op");
  }
}

TEST_P(KernelFormsOnDeviceTest, SvdfStepsGiveTheHostsBytes) {
  const SvdfShape shapes[] = {
      {false, 1, 96, 64, 1, 8, true},   // keyword_scrambled_8bit's first layer: words only, wrapping sums
      {false, 2, 13, 12, 3, 7, false},  // one word, then three values and the newest one by one
      {false, 1, 5, 6, 2, 5, false},
      {false, 3, 20, 10, 1, 4, false},  // the last word only
      {false, 1, 7, 5, 5, 1, false},    // the newest value only
      {false, 1, 33, 9, 1, 13, false},  // three words, then the newest
      {false, 2, 4, 4, 2, 2, false},
      {false, 1, 3, 3, 1, 3, false},
      {true, 2, 11, 8, 2, 5, false},    // int16: two pairs, then the newest
      {true, 1, 16, 6, 1, 4, false},    // one pair, then the last pair
      {true, 1, 9, 3, 3, 1, false},
      {true, 2, 6, 4, 1, 3, false},
  };
  for (size_t i = 0; i < std::size(shapes); ++i) {
    const SvdfShape& shape = shapes[i];
    SCOPED_TRACE("shapes[" + std::to_string(i) + "]");
    const std::string tflite = SvdfStepsTflite(shape, 6);
    ASSERT_FALSE(tflite.empty());
    ExpectTheHostsBytes(tflite, Bytes(static_cast<size_t>(shape.batches) * shape.input_size, 13), "svdf");
  }
}

INSTANTIATE_TEST_SUITE_P(Boards, KernelFormsOnDeviceTest,
                         ::testing::ValuesIn(DeviceTargets().begin(), DeviceTargets().end()), testing::BoardTestName);

}  // namespace
}  // namespace mote
