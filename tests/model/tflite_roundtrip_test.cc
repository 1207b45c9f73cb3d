// .tflite import and export: every shared model imports, exports, and
// imports again to the same IR; exported bytes export again identically;
// what the importer reads matches what the files are known to hold.
#include <gtest/gtest.h>

#include "core/file_util.h"
#include "model/model_stats.h"
#include "model/model_test_util.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "test_util.h"
#include "tflite_schema_generated.h"

namespace mote::model {
namespace {

using testing::SharedModelsDir;
using testing::SharedTfliteFiles;

Model ReadShared(const std::string& file) {
  auto m = ReadTfliteFile(SharedModelsDir() / file);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : Model{};
}

int CountOps(const Graph& g, OpType type) {
  int n = 0;
  for (const Operator& op : g.operators) n += op.type == type;
  return n;
}

TEST(TfliteRoundTrip, EverySharedModelSurvivesExportAndImport) {
  const auto files = SharedTfliteFiles();
  if (files.empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  EXPECT_GE(files.size(), 8u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    auto first = ReadTfliteFile(path);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    auto bytes = WriteTflite(*first);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    auto second = ReadTflite(*bytes, "exported");
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_TRUE(*first == *second) << "the IR changed through export and import";
    auto again = WriteTflite(*second);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*bytes, *again) << "export is not deterministic";
  }
}

TEST(TfliteRoundTrip, BuiltModelsSurviveExportAndImport) {
  for (bool int8 : {false, true}) {
    SCOPED_TRACE(int8 ? "int8" : "float");
    Model m = testing::SmallCnn(int8);
    m.mote = MoteMetadata{"0.1.0", "abc123", {"a", "b", "c"}, nlohmann::json{{"block", "image"}, {"width", 8}}};
    m.metadata.push_back({"min_runtime_version", {'1', '.', '5', 0}});
    auto bytes = WriteTflite(m);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    EXPECT_EQ(bytes->substr(4, 4), "TFL3");
    auto back = ReadTflite(*bytes, "built");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_TRUE(m == *back);
    ASSERT_TRUE(back->mote.has_value());
    EXPECT_EQ(back->mote->labels, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(back->mote->dsp["width"], 8);
  }
}

TEST(TfliteRoundTrip, ConstantDataIsSixteenByteAligned) {
  const Model m = testing::SmallCnn(true);
  auto bytes = WriteTflite(m);
  ASSERT_TRUE(bytes.ok());
  const auto* file = tflite::GetModel(bytes->data());
  const auto* buffers = file->buffers();
  int with_data = 0;
  for (uint32_t i = 0; i < buffers->size(); ++i) {
    const auto* data = buffers->Get(i)->data();
    if (!data || data->size() == 0) continue;
    ++with_data;
    EXPECT_EQ((data->data() - reinterpret_cast<const uint8_t*>(bytes->data())) % 16, 0) << "buffer " << i;
  }
  EXPECT_EQ(with_data, 7);  // 3 weights, 3 biases, the reshape shape
}

TEST(TfliteImport, ReadsWhatTheSharedModelsHold) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  const Model person = ReadShared("person_detect.tflite");
  ASSERT_EQ(person.graphs.size(), 1u);
  const Graph& g = person.graphs[0];
  EXPECT_EQ(CountOps(g, OpType::kConv2D), 14);
  EXPECT_EQ(CountOps(g, OpType::kDepthwiseConv2D), 14);
  EXPECT_EQ(CountOps(g, OpType::kAveragePool2D), 1);
  // MobileNet's first layer here is a depthwise convolution with depth
  // multiplier 8 (one input channel).
  const Operator& conv0 = g.operators[0];
  ASSERT_EQ(conv0.type, OpType::kDepthwiseConv2D);
  const Tensor& filter = g.tensors[conv0.inputs[1]];
  EXPECT_EQ(filter.dtype, DType::kInt8);
  EXPECT_EQ(filter.shape, (std::vector<int32_t>{1, 3, 3, 8}));
  EXPECT_EQ(filter.quantization.scale.size(), 8u);  // per channel
  EXPECT_EQ(filter.quantization.axis, 3);
  const auto& a = std::get<DepthwiseConv2DAttributes>(conv0.attributes);
  EXPECT_EQ(a.stride_w, 2);
  EXPECT_EQ(a.depth_multiplier, 8);
  EXPECT_EQ(a.activation, Activation::kRelu6);
  EXPECT_EQ(a.padding, Padding::kSame);
  // The bias is per channel too; TOCO stored quantized_dimension 3 for it.
  EXPECT_EQ(g.tensors[conv0.inputs[2]].quantization.axis, 0);
  EXPECT_EQ(g.operators[2].type, OpType::kConv2D);
  // output [1,48,48,16] x 1x1x8 filter taps
  EXPECT_EQ(OperatorMacs(g, g.operators[2]), 48 * 48 * 16 * 8);
  // output [1,48,48,8] x 3x3 taps
  EXPECT_EQ(OperatorMacs(g, conv0), 48 * 48 * 8 * 9);

  const Model audio = ReadShared("audio_preprocessor_int8.tflite");
  int custom = 0;
  bool has_window = false;
  for (const Operator& op : audio.graphs[0].operators)
    if (op.type == OpType::kCustom) {
      ++custom;
      has_window |= op.custom_code == "SignalWindow";
      EXPECT_FALSE(op.custom_options.empty()) << op.custom_code;
    }
  EXPECT_GE(custom, 9);
  EXPECT_TRUE(has_window);
  EXPECT_EQ(audio.graphs[0].tensors[audio.graphs[0].inputs[0]].dtype, DType::kInt16);

  const Model kws = ReadShared("keyword_scrambled_8bit.tflite");
  EXPECT_EQ(CountOps(kws.graphs[0], OpType::kSvdf), 7);
  const Model lstm = ReadShared("trained_lstm_int8.tflite");
  EXPECT_EQ(CountOps(lstm.graphs[0], OpType::kUnidirectionalSequenceLstm), 1);
}

TEST(TfliteImport, UnsupportedOperatorIsOneLineWithPositionAndTheSupportedList) {
  Model m = testing::SmallCnn(false);
  auto bytes = WriteTflite(m);
  ASSERT_TRUE(bytes.ok());
  // Turn the MAX_POOL_2D operator code into GATHER in the file.
  std::string patched = *bytes;
  auto* file = tflite::GetMutableModel(patched.data());
  bool patched_one = false;
  for (uint32_t i = 0; i < file->operator_codes()->size(); ++i) {
    auto* code = file->mutable_operator_codes()->GetMutableObject(i);
    if (code->builtin_code() == tflite::BuiltinOperator_MAX_POOL_2D) {
      ASSERT_TRUE(code->mutate_builtin_code(tflite::BuiltinOperator_GATHER));
      ASSERT_TRUE(code->mutate_deprecated_builtin_code(tflite::BuiltinOperator_GATHER));
      patched_one = true;
    }
  }
  ASSERT_TRUE(patched_one);
  auto r = ReadTflite(patched, "cnn.tflite");
  ASSERT_FALSE(r.ok());
  const std::string msg = r.status().message();
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(msg.find('\n'), std::string::npos);
  EXPECT_NE(msg.find("cnn.tflite: subgraph 0 operator 1: GATHER is not supported; supported: ADD,"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("UNIDIRECTIONAL_SEQUENCE_LSTM"), std::string::npos);
  // Inspect's lenient reading keeps it, and the writer refuses it.
  ReadOptions lenient;
  lenient.allow_unsupported = true;
  auto kept = ReadTflite(patched, "cnn.tflite", lenient);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->graphs[0].operators[1].type, OpType::kUnsupported);
  EXPECT_EQ(kept->graphs[0].operators[1].Name(), "GATHER");
  EXPECT_FALSE(WriteTflite(*kept).ok());
}

}  // namespace
}  // namespace mote::model
