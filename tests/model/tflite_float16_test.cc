// float16 weights: widened exactly to float32 at import, and a DEQUANTIZE of
// such a constant folded into a float32 constant.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "model/float16.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "tflite_schema_generated.h"

namespace mote::model {
namespace {

TEST(Float16, ExactValues) {
  EXPECT_EQ(HalfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(HalfToFloat(0xc000), -2.0f);
  EXPECT_EQ(HalfToFloat(0x3555), 0.333251953125f);
  EXPECT_EQ(HalfToFloat(0x7bff), 65504.0f);             // largest normal
  EXPECT_EQ(HalfToFloat(0x0400), std::ldexp(1.0f, -14));  // smallest normal
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(HalfToFloat(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_EQ(HalfToFloat(0x8000), -0.0f);
  EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
  EXPECT_TRUE(std::isinf(HalfToFloat(0x7c00)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7e00)));
}

// input f32[1,2] -> FULLY_CONNECTED with weights DEQUANTIZE(f16[2,2]) -> f32[1,2]
std::string Float16WeightsFile() {
  namespace fb = flatbuffers;
  using namespace tflite;
  fb::FlatBufferBuilder b;
  const std::vector<uint16_t> half = {0x3c00, 0xc000, 0x3800, 0x0001};  // 1, -2, 0.5, 2^-24
  std::vector<uint8_t> bytes(half.size() * 2);
  std::memcpy(bytes.data(), half.data(), bytes.size());
  std::vector<fb::Offset<tflite::Buffer>> buffers = {CreateBuffer(b), CreateBuffer(b, b.CreateVector(bytes))};
  auto tensor = [&](std::vector<int32_t> shape, TensorType type, uint32_t buffer, const char* name) {
    return CreateTensor(b, b.CreateVector(shape), type, buffer, b.CreateString(name));
  };
  std::vector<fb::Offset<tflite::Tensor>> tensors = {tensor({1, 2}, TensorType_FLOAT32, 0, "input"),
                                             tensor({2, 2}, TensorType_FLOAT16, 1, "weights_f16"),
                                             tensor({2, 2}, TensorType_FLOAT32, 0, "weights"),
                                             tensor({1, 2}, TensorType_FLOAT32, 0, "output")};
  std::vector<fb::Offset<tflite::Operator>> ops = {
      CreateOperator(b, 0, b.CreateVector(std::vector<int32_t>{1}), b.CreateVector(std::vector<int32_t>{2})),
      CreateOperator(b, 1, b.CreateVector(std::vector<int32_t>{0, 2, -1}), b.CreateVector(std::vector<int32_t>{3}),
                     BuiltinOptions_FullyConnectedOptions, CreateFullyConnectedOptions(b).Union())};
  std::vector<fb::Offset<tflite::OperatorCode>> codes = {CreateOperatorCode(b, BuiltinOperator_DEQUANTIZE),
                                                 CreateOperatorCode(b, BuiltinOperator_FULLY_CONNECTED)};
  auto graph = CreateSubGraph(b, b.CreateVector(tensors), b.CreateVector(std::vector<int32_t>{0}),
                              b.CreateVector(std::vector<int32_t>{3}), b.CreateVector(ops));
  std::vector<fb::Offset<tflite::SubGraph>> graphs = {graph};
  FinishModelBuffer(b, CreateModel(b, 3, b.CreateVector(codes), b.CreateVector(graphs), 0, b.CreateVector(buffers)));
  return std::string(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
}

TEST(Float16, DequantizedWeightsBecomeFloat32Constants) {
  auto m = ReadTflite(Float16WeightsFile(), "f16.tflite");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Graph& g = m->graphs[0];
  ASSERT_EQ(g.operators.size(), 1u);  // the DEQUANTIZE is gone
  EXPECT_EQ(g.operators[0].type, OpType::kFullyConnected);
  ASSERT_EQ(g.tensors.size(), 3u);  // the float16 tensor is dropped, indices renumbered
  const Tensor& w = g.tensors[g.operators[0].inputs[1]];
  EXPECT_EQ(w.name, "weights");
  EXPECT_EQ(w.dtype, DType::kFloat32);
  std::vector<float> values(4);
  ASSERT_EQ(w.data.size(), 16u);
  std::memcpy(values.data(), w.data.data(), 16);
  EXPECT_EQ(values, (std::vector<float>{1.0f, -2.0f, 0.5f, std::ldexp(1.0f, -24)}));
  EXPECT_EQ(g.inputs, std::vector<int32_t>{0});
  EXPECT_EQ(g.outputs, std::vector<int32_t>{2});
  EXPECT_EQ(g.operators[0].inputs, (std::vector<int32_t>{0, 1, -1}));
  // The float32 model round-trips.
  auto bytes = WriteTflite(*m);
  ASSERT_TRUE(bytes.ok());
  auto again = ReadTflite(*bytes, "f32.tflite");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again == *m);
}

}  // namespace
}  // namespace mote::model
