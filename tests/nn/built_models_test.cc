// Ops and failures the shared models do not reach, on models built here
// through mote's IR and .tflite writer (src/model): QUANTIZE / DEQUANTIZE
// rounding, float ADD with broadcasting and a fused RELU6, RELU, errors that
// name the op and tensor (types, options, shapes, quantization, limits,
// alignment) and the caller's own errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "nn/built_model_util.h"
#include "nn/nn_test_util.h"
#include "tflite_schema_generated.h"

namespace mote::testing {
namespace {

using model::DType;
using model::OpType;
using nn::NnStatus;

TEST(NnBuiltModelsTest, QuantizeAndDequantizeRoundLikeTflite) {
  const float scale = 0.5f;
  const int64_t zp = 3;
  auto b = LoadBuilt(WriteGraph({MakeTensor({1, 10}, DType::kFloat32), MakeTensor({1, 10}, DType::kInt8, {}, {scale}, {zp}),
                           MakeTensor({1, 10}, DType::kFloat32)},
                          {MakeOp(OpType::kQuantize, {0}, {1}), MakeOp(OpType::kDequantize, {1}, {2})}, {0}, {2, 1}));
  ASSERT_EQ(b->interpreter.error().status, NnStatus::kOk);
  const std::vector<float> x = {0.25f, -0.25f, 0.75f, -0.75f, 1.0f, 100.0f, -100.0f, 63.0f, -1e30f, 0.2499999f};
  std::memcpy(b->interpreter.input(0).data, x.data(), 40);
  ASSERT_EQ(b->interpreter.Invoke(), NnStatus::kOk);
  const auto* q = static_cast<const int8_t*>(b->interpreter.output(1).data);
  const auto* y = static_cast<const float*>(b->interpreter.output(0).data);
  for (size_t i = 0; i < x.size(); ++i) {
    const float r = std::round(x[i] / scale);
    const int32_t expected = static_cast<int32_t>(std::max(-128.0f, std::min(127.0f, r + zp)));
    EXPECT_EQ(q[i], expected) << x[i];
    EXPECT_EQ(y[i], static_cast<float>(static_cast<double>(scale) * (q[i] - zp))) << x[i];
  }
}

// QUANTIZE between integer types (keyword_scrambled_8bit's int16 -> int8 and
// int16 -> int32, and int8 -> int16): x rescaled by in_scale / out_scale
// through the Q31 multiplier (within one step of exact rounding, which the
// multiplier's two roundings may miss), saturated at the type's ends.
TEST(NnBuiltModelsTest, QuantizeRequantizesBetweenIntegerTypes) {
  const float s16 = 0.001f, s8 = 0.05f, s32 = 0.0001f, s16b = 0.0002f;
  const int64_t zp8 = -3, zp32 = 7;
  auto b = LoadBuilt(WriteGraph({MakeTensor({1, 8}, DType::kInt16, {}, {s16}, {0}),
                            MakeTensor({1, 8}, DType::kInt8, {}, {s8}, {zp8}),
                            MakeTensor({1, 8}, DType::kInt32, {}, {s32}, {zp32}),
                            MakeTensor({1, 8}, DType::kInt16, {}, {s16b}, {0})},
                           {MakeOp(OpType::kQuantize, {0}, {1}), MakeOp(OpType::kQuantize, {0}, {2}),
                            MakeOp(OpType::kQuantize, {1}, {3})},
                           {0}, {1, 2, 3}));
  ASSERT_EQ(b->interpreter.error().status, NnStatus::kOk);
  const std::vector<int16_t> x = {-32768, -1000, -26, -1, 0, 25, 1234, 32767};
  std::memcpy(b->interpreter.input(0).data, x.data(), 16);
  ASSERT_EQ(b->interpreter.Invoke(), NnStatus::kOk);
  const auto* q8 = static_cast<const int8_t*>(b->interpreter.output(0).data);
  const auto* q32 = static_cast<const int32_t*>(b->interpreter.output(1).data);
  const auto* q16 = static_cast<const int16_t*>(b->interpreter.output(2).data);
  auto expect = [](double v, double lo, double hi) { return std::clamp(std::round(v), lo, hi); };
  for (size_t i = 0; i < x.size(); ++i) {
    const double e8 = expect(x[i] * double{s16} / double{s8} + zp8, -128, 127);
    EXPECT_LE(std::fabs(q8[i] - e8), 1.0) << x[i];
    if (e8 == -128 || e8 == 127) {
      EXPECT_EQ(q8[i], e8) << x[i];
    }
    EXPECT_LE(std::fabs(q32[i] - (x[i] * double{s16} / double{s32} + zp32)), 1.0) << x[i];
    EXPECT_LE(std::fabs(q16[i] - expect((q8[i] - zp8) * double{s8} / double{s16b}, -32768, 32767)), 1.0) << x[i];
  }
  EXPECT_EQ(q8[0], -128);  // saturated at both ends
  EXPECT_EQ(q8[7], 127);
}

// SOFTMAX with an int16 output (scale 1/65536, zero point -32768), as
// keyword_scrambled_8bit ends: the probabilities within a few steps of the
// float softmax, and they sum to about 1.
TEST(NnBuiltModelsTest, SoftmaxToInt16) {
  const float in_scale = 0.07f;
  auto b = LoadBuilt(WriteGraph({MakeTensor({2, 4}, DType::kInt8, {}, {in_scale}, {2}),
                            MakeTensor({2, 4}, DType::kInt16, {}, {1.0f / 65536}, {-32768})},
                           {MakeOp(OpType::kSoftmax, {0}, {1})}, {0}, {1}));
  ASSERT_EQ(b->interpreter.error().status, NnStatus::kOk);
  const std::vector<int8_t> x = {-100, 0, 50, 127, 3, 3, 3, 3};
  std::memcpy(b->interpreter.input(0).data, x.data(), 8);
  ASSERT_EQ(b->interpreter.Invoke(), NnStatus::kOk);
  const auto* y = static_cast<const int16_t*>(b->interpreter.output(0).data);
  for (int row = 0; row < 2; ++row) {
    double total = 0;
    for (int c = 0; c < 4; ++c) total += std::exp((x[row * 4 + c] - 2) * double{in_scale});
    for (int c = 0; c < 4; ++c) {
      const double p = std::exp((x[row * 4 + c] - 2) * double{in_scale}) / total;
      EXPECT_LE(std::fabs((y[row * 4 + c] + 32768) - p * 65536), 4.0) << row << " " << c;
    }
  }
}

// Float SOFTMAX with beta 2 over two rows (one with a large spread, so a
// kernel that forgot the max subtraction would overflow): within float
// rounding of the double formula, each row summing to 1.
TEST(NnBuiltModelsTest, FloatSoftmaxMatchesTheFormula) {
  model::SoftmaxAttributes beta2;
  beta2.beta = 2.0f;
  auto b = LoadBuilt(WriteGraph({MakeTensor({2, 5}, DType::kFloat32), MakeTensor({2, 5}, DType::kFloat32)},
                                {MakeOp(OpType::kSoftmax, {0}, {1}, beta2)}, {0}, {1}));
  ASSERT_EQ(b->interpreter.error().status, NnStatus::kOk);
  const std::vector<float> x = {-1.0f, 0.0f, 0.5f, 2.0f, 1.0f, 300.0f, -300.0f, 299.0f, 0.0f, 300.0f};
  std::memcpy(b->interpreter.input(0).data, x.data(), 40);
  ASSERT_EQ(b->interpreter.Invoke(), NnStatus::kOk);
  const auto* y = static_cast<const float*>(b->interpreter.output(0).data);
  for (int row = 0; row < 2; ++row) {
    const float* in = x.data() + row * 5;
    const double max = *std::max_element(in, in + 5);
    double total = 0, got = 0;
    for (int c = 0; c < 5; ++c) total += std::exp(2.0 * (in[c] - max));
    for (int c = 0; c < 5; ++c) {
      const double p = std::exp(2.0 * (in[c] - max)) / total;
      EXPECT_NEAR(y[row * 5 + c], p, 1e-6 * p + 1e-7) << row << " " << c;
      got += y[row * 5 + c];
    }
    EXPECT_NEAR(got, 1.0, 1e-6);
  }
}

TEST(NnBuiltModelsTest, FloatAddBroadcastsAndClampsThenRelu) {
  model::ElementwiseAttributes relu6;
  relu6.activation = model::Activation::kRelu6;
  auto b = LoadBuilt(WriteGraph({MakeTensor({2, 3}, DType::kFloat32),
                           MakeTensor({3}, DType::kFloat32, ValueBytes(std::vector<float>{1.0f, -10.0f, 5.5f})),
                           MakeTensor({2, 3}, DType::kFloat32), MakeTensor({2, 3}, DType::kFloat32)},
                          {MakeOp(OpType::kAdd, {0, 1}, {2}, relu6), MakeOp(OpType::kRelu, {2}, {3})}, {0}, {3}));
  ASSERT_EQ(b->interpreter.error().status, NnStatus::kOk);
  const std::vector<float> x = {0.5f, 3.0f, 0.25f, -2.0f, 20.0f, -6.0f};
  std::memcpy(b->interpreter.input(0).data, x.data(), 24);
  ASSERT_EQ(b->interpreter.Invoke(), NnStatus::kOk);
  const auto* y = static_cast<const float*>(b->interpreter.output(0).data);
  const float bias[3] = {1.0f, -10.0f, 5.5f};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(y[i], std::min(6.0f, std::max(0.0f, x[i] + bias[i % 3]))) << i;
}

TEST(NnBuiltModelsTest, ErrorsNameTheOpAndTensor) {
  // CONV_2D with a float input and an int8 filter.
  const std::vector<model::Tensor> conv_tensors = {
      MakeTensor({1, 4, 4, 1}, DType::kFloat32),
      MakeTensor({1, 1, 1, 1}, DType::kInt8, {1}, {0.5f}, {0}),
      MakeTensor({1, 4, 4, 1}, DType::kFloat32),
  };
  std::vector<uint8_t> file = WriteGraph(conv_tensors, {MakeOp(OpType::kConv2D, {0, 1}, {2})}, {0}, {2});
  auto b = LoadBuilt(file, NnStatus::kUnsupportedType);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (CONV_2D): tensor 1: Tensor.type: unsupported tensor types for this op");

  // Options of the wrong kind: the writer always writes the op's own kind,
  // so the union's type byte is changed in the written file.
  const auto* op = tflite::GetModel(file.data())->subgraphs()->Get(0)->operators()->Get(0);
  const auto* table = reinterpret_cast<const flatbuffers::Table*>(op);  // as flatbuffers' own accessors do
  auto* options_type = const_cast<uint8_t*>(table->GetAddressOf(tflite::Operator::VT_BUILTIN_OPTIONS_TYPE));
  ASSERT_NE(options_type, nullptr);
  ASSERT_EQ(*options_type, tflite::BuiltinOptions_Conv2DOptions);
  *options_type = tflite::BuiltinOptions_Pool2DOptions;
  b = LoadBuilt(file, NnStatus::kBadOptions);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (CONV_2D): Operator.builtin_options_type: missing or invalid options");

  // A tensor read before anything writes it.
  b = LoadBuilt(WriteGraph({MakeTensor({4}, DType::kFloat32), MakeTensor({4}, DType::kFloat32),
                      MakeTensor({4}, DType::kFloat32)},
                     {MakeOp(OpType::kRelu, {1}, {2})}, {0}, {2}),
          NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (RELU): tensor 1: Operator.inputs (read before written): invalid value");
}


// A float RELU from `in` to `out` (shapes), the smallest model for checks on
// a tensor.
std::vector<uint8_t> FloatRelu(std::vector<int32_t> in, std::vector<int32_t> out) {
  return WriteGraph({MakeTensor(std::move(in), DType::kFloat32), MakeTensor(std::move(out), DType::kFloat32)},
                    {MakeOp(OpType::kRelu, {0}, {1})}, {0}, {1});
}

TEST(NnBuiltModelsTest, GraphErrorsNameTheTensor) {
  const auto constant = MakeTensor({4}, DType::kFloat32, ValueBytes(std::vector<float>{1, 2, 3, 4}));
  const auto activation = MakeTensor({4}, DType::kFloat32);
  // A constant as the graph's input.
  auto b = LoadBuilt(WriteGraph({constant, activation}, {MakeOp(OpType::kRelu, {0}, {1})}, {0}, {1}), NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(b->interpreter), "tensor 0: SubGraph.inputs: invalid value");
  // An op writing a constant.
  b = LoadBuilt(WriteGraph({activation, constant}, {MakeOp(OpType::kRelu, {0}, {1})}, {0}, {1}), NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (RELU): tensor 1: Operator.outputs (constant): invalid value");
  // A graph output nothing writes.
  b = LoadBuilt(WriteGraph({activation, activation, activation}, {MakeOp(OpType::kRelu, {0}, {1})}, {0}, {2}),
           NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(b->interpreter), "tensor 2: SubGraph.outputs (never written): invalid value");
}

TEST(NnBuiltModelsTest, TensorErrorsNameTheTensor) {
  // More dimensions than the runtime holds.
  auto b = LoadBuilt(FloatRelu({1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1}), NnStatus::kTooLarge);
  EXPECT_EQ(ErrorText(b->interpreter), "tensor 0: Tensor.shape: too large for the runtime");
  // More elements than it can index (2^32 floats).
  b = LoadBuilt(FloatRelu({65536, 65536}, {65536, 65536}), NnStatus::kTooLarge);
  EXPECT_EQ(ErrorText(b->interpreter), "tensor 0: Tensor.shape: too large for the runtime");
  // An op whose tensors disagree.
  b = LoadBuilt(FloatRelu({4}, {5}), NnStatus::kShapeMismatch);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (RELU): tensor 1: Tensor.shape: tensor shapes do not agree");
  // An int8 tensor without scale or zero point.
  b = LoadBuilt(WriteGraph({MakeTensor({4}, DType::kFloat32), MakeTensor({4}, DType::kInt8)},
                      {MakeOp(OpType::kQuantize, {0}, {1})}, {0}, {1}),
           NnStatus::kBadQuantization);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (QUANTIZE): tensor 1: QuantizationParameters.scale: missing or unusable quantization");
}

TEST(NnBuiltModelsTest, MisalignedConstantIsAnError) {
  const std::vector<uint8_t> file =
      WriteGraph({MakeTensor({3}, DType::kFloat32),
                  MakeTensor({3}, DType::kFloat32, ValueBytes(std::vector<float>{1.0f, 2.0f, 3.0f})),
                  MakeTensor({3}, DType::kFloat32)},
                 {MakeOp(OpType::kAdd, {0, 1}, {2})}, {0}, {2});
  // The file 2 bytes past a 16-byte boundary: the float constant is off its
  // 4-byte alignment.
  AlignedBytes shifted(file.size() + 2);
  std::memcpy(shifted.data() + 2, file.data(), file.size());
  nn::Interpreter interpreter;
  NnStatus status = interpreter.Init(shifted.data() + 2, file.size());
  AlignedBytes arena;
  if (status == NnStatus::kOk) status = PrepareWithNeededArena(interpreter, &arena);
  EXPECT_EQ(status, NnStatus::kMisaligned);
  EXPECT_EQ(ErrorText(interpreter), "tensor 1: Buffer.data: data not aligned (the model must be 16-byte aligned)");
}

TEST(NnBuiltModelsTest, CallerErrors) {
  const std::vector<uint8_t> file = FloatRelu({4}, {4});
  AlignedBytes blob(file);
  nn::Interpreter interpreter;
  ASSERT_EQ(interpreter.Init(blob.data(), blob.size()), NnStatus::kOk) << ErrorText(interpreter);
  // A size without an arena.
  EXPECT_EQ(interpreter.Prepare(nullptr, 4096), NnStatus::kBadArgument);
  EXPECT_EQ(ErrorText(interpreter), "arena: bad argument");
  EXPECT_EQ(interpreter.Invoke(), NnStatus::kNotPrepared);
  // Tensors before Prepare, and past the graph's inputs and outputs, are empty.
  EXPECT_EQ(interpreter.input(0).data, nullptr);
  AlignedBytes arena;
  ASSERT_EQ(PrepareWithNeededArena(interpreter, &arena), NnStatus::kOk) << ErrorText(interpreter);
  EXPECT_NE(interpreter.input(0).data, nullptr);
  EXPECT_NE(interpreter.output(0).data, nullptr);
  EXPECT_EQ(interpreter.input(1).data, nullptr);
  EXPECT_EQ(interpreter.output(1).data, nullptr);
  EXPECT_EQ(interpreter.output(1).bytes, 0u);
}

}  // namespace
}  // namespace mote::testing
