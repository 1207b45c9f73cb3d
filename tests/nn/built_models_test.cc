// Ops and failures the shared models do not reach, on models built here:
// QUANTIZE / DEQUANTIZE rounding, float ADD with broadcasting and a fused
// RELU6, RELU, and errors that name the op and tensor.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "nn/nn_test_util.h"
#include "nn/tflite_builder.h"

namespace mote::testing {
namespace {

using nn::NnStatus;

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

struct Built {
  AlignedBytes blob;
  AlignedBytes arena;
  nn::Interpreter interpreter;
};

std::unique_ptr<Built> Build(const std::vector<TfliteTensor>& tensors, const std::vector<TfliteOp>& ops,
                             const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
                             NnStatus expected = NnStatus::kOk) {
  auto b = std::make_unique<Built>();
  b->blob = AlignedBytes(BuildTflite(tensors, ops, inputs, outputs));
  NnStatus status = b->interpreter.Init(b->blob.data(), b->blob.size());
  if (status == NnStatus::kOk) status = PrepareWithNeededArena(b->interpreter, &b->arena);
  EXPECT_EQ(status, expected) << ErrorText(b->interpreter);
  return b;
}

TEST(NnBuiltModelsTest, QuantizeAndDequantizeRoundLikeTflite) {
  const float scale = 0.5f;
  const int64_t zp = 3;
  const std::vector<TfliteTensor> tensors = {
      {{1, 10}, 0, {}, {}, {}},
      {{1, 10}, 9, {}, {scale}, {zp}},
      {{1, 10}, 0, {}, {}, {}},
  };
  const std::vector<TfliteOp> ops = {{nn::tflite::kQuantize, {0}, {1}, 0, nullptr},
                                     {nn::tflite::kDequantize, {1}, {2}, 0, nullptr}};
  auto b = Build(tensors, ops, {0}, {2, 1});
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

TEST(NnBuiltModelsTest, FloatAddBroadcastsAndClampsThenRelu) {
  const std::vector<TfliteTensor> tensors = {
      {{2, 3}, 0, {}, {}, {}},
      {{3}, 0, Bytes(std::vector<float>{1.0f, -10.0f, 5.5f}), {}, {}},
      {{2, 3}, 0, {}, {}, {}},
      {{2, 3}, 0, {}, {}, {}},
  };
  TfliteOp add{nn::tflite::kAdd, {0, 1}, {2}, nn::tflite::kAddOptions,
               [](flatbuffers::FlatBufferBuilder& fbb) {
                 const auto start = fbb.StartTable();
                 fbb.AddElement<int8_t>(Field(0), 3, 0);  // RELU6
                 return flatbuffers::Offset<void>(fbb.EndTable(start));
               }};
  TfliteOp relu{nn::tflite::kRelu, {2}, {3}, 0, nullptr};
  auto b = Build(tensors, {add, relu}, {0}, {3});
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
  const std::vector<TfliteTensor> tensors = {
      {{1, 4, 4, 1}, 0, {}, {}, {}},
      {{1, 1, 1, 1}, 9, {1}, {0.5f}, {0}},
      {{1, 4, 4, 1}, 0, {}, {}, {}},
  };
  TfliteOp conv{nn::tflite::kConv2d, {0, 1}, {2}, nn::tflite::kConv2DOptions,
                [](flatbuffers::FlatBufferBuilder& fbb) {
                  const auto start = fbb.StartTable();
                  fbb.AddElement<int32_t>(Field(1), 1, 0);
                  fbb.AddElement<int32_t>(Field(2), 1, 0);
                  return flatbuffers::Offset<void>(fbb.EndTable(start));
                }};
  auto b = Build(tensors, {conv}, {0}, {2}, NnStatus::kUnsupportedType);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (CONV_2D): tensor 1: Tensor.type: unsupported tensor types for this op");

  // Options of the wrong kind.
  conv.options_type = nn::tflite::kPool2DOptions;
  b = Build(tensors, {conv}, {0}, {2}, NnStatus::kBadOptions);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (CONV_2D): Operator.builtin_options_type: missing or invalid options");

  // A tensor read before anything writes it.
  const std::vector<TfliteTensor> relu_tensors = {{{4}, 0, {}, {}, {}}, {{4}, 0, {}, {}, {}}, {{4}, 0, {}, {}, {}}};
  b = Build(relu_tensors, {{nn::tflite::kRelu, {1}, {2}, 0, nullptr}}, {0}, {2}, NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(b->interpreter), "op 0 (RELU): tensor 1: Operator.inputs (read before written): invalid value");
}

}  // namespace
}  // namespace mote::testing
