// Corrupt .tflite files give one clear line (file, what, where) and never
// crash: truncated, bytes flipped, wrong identifier, indices out of range,
// absurd shapes, buffers shorter than their tensors. (fuzz/ runs the reader
// under libFuzzer and AddressSanitizer for much longer.)
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "model/model_test_util.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "test_util.h"
#include "tflite_schema_generated.h"

namespace mote::model {
namespace {

std::string ValidFile() {
  auto bytes = WriteTflite(testing::SmallCnn(true));
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::string();
}

// The error of reading ValidFile() after `mutate` changed it in place.
std::string ErrorAfter(const std::function<void(tflite::Model*)>& mutate) {
  std::string bytes = ValidFile();
  mutate(tflite::GetMutableModel(bytes.data()));
  auto r = ReadTflite(bytes, "bad.tflite");
  EXPECT_FALSE(r.ok()) << "the corrupt file was accepted";
  const std::string msg = r.ok() ? "" : r.status().message();
  EXPECT_EQ(msg.rfind("bad.tflite: ", 0), 0u) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  return msg;
}

tflite::SubGraph* Graph0(tflite::Model* m) { return m->mutable_subgraphs()->GetMutableObject(0); }
tflite::Tensor* TensorAt(tflite::Model* m, uint32_t i) { return Graph0(m)->mutable_tensors()->GetMutableObject(i); }

TEST(TfliteCorrupt, TooShortAndWrongIdentifier) {
  auto r = ReadTflite("abc", "x.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.tflite: 3 bytes: too short for a .tflite file");
  std::string bytes = ValidFile();
  bytes.replace(4, 4, "ONNX");
  r = ReadTflite(bytes, "x.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "x.tflite: file identifier \"ONNX\" at byte 4, expected \"TFL3\": not a .tflite file");
}

TEST(TfliteCorrupt, EveryTruncationIsAnError) {
  const std::string bytes = ValidFile();
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = ReadTflite(std::string_view(bytes).substr(0, n), "cut.tflite");
    ASSERT_FALSE(r.ok()) << "accepted the first " << n << " of " << bytes.size() << " bytes";
    ASSERT_EQ(r.status().message().rfind("cut.tflite: ", 0), 0u);
  }
}

TEST(TfliteCorrupt, FlippedBytesNeverCrash) {
  const std::string bytes = ValidFile();
  int rejected = 0, accepted = 0;
  uint32_t x = 12345;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string damaged = bytes;
    for (int k = 0; k < 1 + trial % 4; ++k) {
      x = x * 1664525u + 1013904223u;
      damaged[(x >> 8) % damaged.size()] ^= static_cast<char>(1u << ((x >> 4) % 8));
    }
    auto r = ReadTflite(damaged, "flip.tflite");
    if (!r.ok()) {
      ++rejected;
      ASSERT_EQ(r.status().message().find('\n'), std::string::npos);
      continue;
    }
    ++accepted;  // a flip in weight bytes or a name is still a valid file
    auto again = WriteTflite(*r);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
  }
  EXPECT_GT(rejected, 100);
  EXPECT_GT(accepted, 100);
}

TEST(TfliteCorrupt, SchemaVersion) {
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) { ASSERT_TRUE(m->mutate_version(2)); }),
            "bad.tflite: model: schema version 2, mote reads version 3");
}

TEST(TfliteCorrupt, IndicesOutOfRange) {
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) { ASSERT_TRUE(TensorAt(m, 1)->mutate_buffer(999)); }),
            "bad.tflite: subgraph 0 tensor 1 'conv/weights': buffer 999 out of range (the model has 8 buffers)");
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              Graph0(m)->mutable_operators()->GetMutableObject(0)->mutable_inputs()->Mutate(1, 77);
            }),
            "bad.tflite: subgraph 0 operator 0 (CONV_2D): input 1 is tensor 77, but the subgraph has 14 tensors");
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              ASSERT_TRUE(Graph0(m)->mutable_operators()->GetMutableObject(1)->mutate_opcode_index(40));
            }),
            "bad.tflite: subgraph 0 operator 1: opcode_index 40 out of range (the model has 6 operator codes)");
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) { Graph0(m)->mutable_outputs()->Mutate(0, -3); }),
            "bad.tflite: subgraph 0 outputs: entry 0 is tensor -3, but the subgraph has 14 tensors");
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              Graph0(m)->mutable_operators()->GetMutableObject(0)->mutable_inputs()->Mutate(0, -1);
            }),
            "bad.tflite: subgraph 0 operator 0 (CONV_2D): required input 0 is absent (-1)");
}

TEST(TfliteCorrupt, AbsurdShapes) {
  // conv output [1,8,8,4] -> [65536,65536,65536,4]: 2^50 bytes
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              auto* shape = TensorAt(m, 3)->mutable_shape();
              for (int d = 0; d < 3; ++d) shape->Mutate(d, 65536);
            }),
            "bad.tflite: subgraph 0 tensor 3 'conv': shape [65536,65536,65536,4] needs more than 2 GiB");
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) { TensorAt(m, 3)->mutable_shape()->Mutate(1, -8); }),
            "bad.tflite: subgraph 0 tensor 3 'conv': dimension 1 of shape [1,-8,8,4] is negative; mote needs static "
            "shapes");
  // weights [4,3,3,1] -> [4,3,3,2]: the buffer holds half of what the shape needs
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) { TensorAt(m, 1)->mutable_shape()->Mutate(3, 2); }),
            "bad.tflite: subgraph 0 tensor 1 'conv/weights': buffer 1 holds 36 bytes, but shape [4,3,3,2] of INT8 "
            "needs 72");
  // depthwise weights are per channel along dimension 3
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              ASSERT_TRUE(TensorAt(m, 5)->mutable_quantization()->mutate_quantized_dimension(7));
            }),
            "bad.tflite: subgraph 0 tensor 5 'dw/weights': quantized_dimension 7 outside rank 4");
  // a 2-D filter for CONV_2D
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              Graph0(m)->mutable_operators()->GetMutableObject(0)->mutable_inputs()->Mutate(1, 10);
            }),
            "bad.tflite: subgraph 0 operator 0 (CONV_2D): filter (tensor 10) has rank 2, expected 4");
}

TEST(TfliteCorrupt, BadOptions) {
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              auto* op = Graph0(m)->mutable_operators()->GetMutableObject(1);  // MAX_POOL_2D
              auto* pool = static_cast<tflite::Pool2DOptions*>(op->mutable_builtin_options());
              ASSERT_TRUE(pool->mutate_stride_w(0));
            }),
            "bad.tflite: subgraph 0 operator 1 (MAX_POOL_2D): stride, filter, dilation or rank 0 must be > 0");
  EXPECT_EQ(ErrorAfter([](tflite::Model* m) {
              auto* op = Graph0(m)->mutable_operators()->GetMutableObject(0);  // CONV_2D, relu
              auto* conv = static_cast<tflite::Conv2DOptions*>(op->mutable_builtin_options());
              ASSERT_TRUE(conv->mutate_fused_activation_function(static_cast<tflite::ActivationFunctionType>(42)));
            }),
            "bad.tflite: subgraph 0 operator 0 (CONV_2D): unknown fused activation 42");
}

// Found by the fuzzer: an options type without its table.
TEST(TfliteCorrupt, OptionsTypeWithoutTable) {
  namespace fb = flatbuffers;
  fb::FlatBufferBuilder b;
  std::vector<fb::Offset<tflite::Buffer>> buffers = {tflite::CreateBuffer(b)};
  std::vector<fb::Offset<tflite::Tensor>> tensors;
  for (const char* name : {"a", "b", "sum"})
    tensors.push_back(tflite::CreateTensor(b, b.CreateVector(std::vector<int32_t>{1, 2}), tflite::TensorType_FLOAT32,
                                           0, b.CreateString(name)));
  std::vector<fb::Offset<tflite::Operator>> ops = {
      tflite::CreateOperator(b, 0, b.CreateVector(std::vector<int32_t>{0, 1}), b.CreateVector(std::vector<int32_t>{2}),
                             tflite::BuiltinOptions_AddOptions, /*builtin_options=*/0)};
  std::vector<fb::Offset<tflite::OperatorCode>> codes = {tflite::CreateOperatorCode(b, tflite::BuiltinOperator_ADD)};
  std::vector<fb::Offset<tflite::SubGraph>> graphs = {tflite::CreateSubGraph(
      b, b.CreateVector(tensors), b.CreateVector(std::vector<int32_t>{0, 1}), b.CreateVector(std::vector<int32_t>{2}),
      b.CreateVector(ops))};
  tflite::FinishModelBuffer(
      b, tflite::CreateModel(b, 3, b.CreateVector(codes), b.CreateVector(graphs), 0, b.CreateVector(buffers)));
  auto r = ReadTflite(std::string_view(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize()), "add.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "add.tflite: subgraph 0 operator 0 (ADD): options type AddOptions without a table");
}

TEST(TfliteCorrupt, CliGivesOneLineAndExitOne) {
  testing::TempDir dir;
  std::string bytes = ValidFile();
  bytes.resize(bytes.size() / 2);
  std::vector<uint8_t> half(bytes.begin(), bytes.end());
  testing::WriteBytes(dir / "half.tflite", half);
  for (const auto& args : {std::vector<std::string>{"model", "inspect", "half.tflite"},
                           std::vector<std::string>{"export", "--model", "half.tflite", "--format", "c-array", "-o",
                                                    "out"}}) {
    const testing::RunResult r = testing::RunMote(args, dir.path());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("mote: error: half.tflite: the flatbuffers verifier rejects the file", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "out"));
  }
}

}  // namespace
}  // namespace mote::model
