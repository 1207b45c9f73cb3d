// Arm NN (Debian's 20.08, reference CpuRef backend) as an independent reader
// of the .tflite files mote writes: a shared model imported and exported
// again by mote must run in Arm NN and reproduce TensorFlow Lite Micro's
// golden output (../shared/models/golden) within 1 LSB for int8 (Arm NN's
// reference backend requantizes through float) and 1e-5 relative + 1e-6
// absolute for float. Models built through the IR, and networks trained by
// mote and exported (src/train/tflite_export.h), must compute what mote's
// interpreter (micro/nn) computes, to the same tolerances; layers micro/nn
// has no float kernel for are checked against the trainer instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/file_util.h"
#include "model/model_test_util.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "nn/nn_test_util.h"
#include "optimize/quantize_test_util.h"
#include "optimize/single_op_util.h"
#include "test_util.h"
#include "train/export_test_util.h"

#include <armnn/ArmNN.hpp>
#include <armnnTfLiteParser/ITfLiteParser.hpp>

namespace mote::model {
namespace {

// Runs the .tflite `bytes` in Arm NN (CpuRef) on `inputs` (raw bytes per
// subgraph input); returns the raw bytes of every output, or fails the test.
std::vector<std::vector<uint8_t>> RunInArmNn(const std::string& bytes, const std::vector<std::vector<uint8_t>>& inputs) {
  auto parser = armnnTfLiteParser::ITfLiteParser::Create();
  armnn::INetworkPtr network = parser->CreateNetworkFromBinary(std::vector<uint8_t>(bytes.begin(), bytes.end()));
  armnn::IRuntimePtr runtime = armnn::IRuntime::Create(armnn::IRuntime::CreationOptions());
  armnn::IOptimizedNetworkPtr optimized =
      armnn::Optimize(*network, {armnn::BackendId("CpuRef")}, runtime->GetDeviceSpec());
  armnn::NetworkId id = 0;
  std::string error;
  EXPECT_EQ(runtime->LoadNetwork(id, std::move(optimized), error, armnn::INetworkProperties()),
            armnn::Status::Success)
      << error;
  const auto in_names = parser->GetSubgraphInputTensorNames(0);
  const auto out_names = parser->GetSubgraphOutputTensorNames(0);
  EXPECT_EQ(in_names.size(), inputs.size());
  armnn::InputTensors in_tensors;
  for (size_t i = 0; i < in_names.size() && i < inputs.size(); ++i) {
    const auto binding = parser->GetNetworkInputBindingInfo(0, in_names[i]);
    EXPECT_EQ(binding.second.GetNumBytes(), inputs[i].size()) << in_names[i];
    in_tensors.emplace_back(binding.first, armnn::ConstTensor(binding.second, inputs[i].data()));
  }
  std::vector<std::vector<uint8_t>> outputs(out_names.size());
  armnn::OutputTensors out_tensors;
  for (size_t i = 0; i < out_names.size(); ++i) {
    const auto binding = parser->GetNetworkOutputBindingInfo(0, out_names[i]);
    outputs[i].resize(binding.second.GetNumBytes());
    out_tensors.emplace_back(binding.first, armnn::Tensor(binding.second, outputs[i].data()));
  }
  EXPECT_EQ(runtime->EnqueueWorkload(id, in_tensors, out_tensors), armnn::Status::Success);
  return outputs;
}

TEST(ArmNnCheck, SharedModelsExportedByMoteMatchTheGoldens) {
  const auto dir = testing::SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  for (const std::string name : {"hello_world_float", "hello_world_int8", "micro_speech_quantized", "person_detect"}) {
    SCOPED_TRACE(name);
    auto m = ReadTfliteFile(dir / (name + ".tflite"));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    auto bytes = WriteTflite(*m);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    const auto golden = dir / "golden" / name;
    const auto outputs = RunInArmNn(*bytes, {testing::ReadBytes(golden / "input_0.bin")});
    ASSERT_EQ(outputs.size(), 1u);
    const Graph& g = m->graphs[0];
    testing::ExpectMatchesGolden(g.tensors[g.outputs[0]].dtype, outputs[0], testing::ReadBytes(golden / "output_0.bin"));
  }
}

TEST(ArmNnCheck, ModelsBuiltThroughTheIrComputeWhatMotesInterpreterDoes) {
  for (bool int8 : {false, true}) {
    SCOPED_TRACE(int8 ? "int8" : "float");
    const Model m = testing::SmallCnn(int8);
    auto bytes = WriteTflite(m);
    ASSERT_TRUE(bytes.ok());
    const std::vector<uint8_t> input = testing::SmallCnnInput(int8);
    const auto outputs = RunInArmNn(*bytes, {input});
    ASSERT_EQ(outputs.size(), 1u);
    ASSERT_EQ(outputs[0].size(), int8 ? 3u : 12u);
    if (int8) {  // mote's interpreter is bit-exact with TFLM; Arm NN within 1 LSB of it
      testing::ExpectMatchesGolden(DType::kInt8, outputs[0], testing::RunInMoteNn(*bytes, input));
    } else {  // micro/nn has no float SOFTMAX: the float model computes what its IR says
      const std::vector<float> want = testing::SmallCnnReference(m, testing::Floats(input));
      testing::ExpectCloseFloats(testing::Floats(outputs[0]), want);
    }
  }
}

// Runs `file` (one input, one output) in Arm NN on each `row_bytes` of
// `rows`, one at a time; the outputs one after the other.
std::vector<uint8_t> RunRowsInArmNn(const std::string& file, const std::vector<uint8_t>& rows, size_t row_bytes) {
  std::vector<uint8_t> out;
  for (size_t first = 0; first + row_bytes <= rows.size(); first += row_bytes) {
    const auto outputs = RunInArmNn(file, {std::vector<uint8_t>(rows.begin() + first, rows.begin() + first + row_bytes)});
    if (outputs.size() != 1) return out;
    out.insert(out.end(), outputs[0].begin(), outputs[0].end());
  }
  return out;
}

// The same for a float32 model on every row of `inputs`.
std::vector<float> RunRowsInArmNn(const std::string& file, const train::Examples& inputs) {
  return testing::Floats(
      RunRowsInArmNn(file, testing::ValueBytes(inputs.features), train::ShapeSize(inputs.shape) * sizeof(float)));
}

TEST(ArmNnCheck, TrainedNetworksExportedByMoteComputeWhatMotesInterpreterDoes) {
  std::string skip;
  testing::TrainedNetwork cnn = testing::TrainedFashionCnn(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  testing::TrainedNetwork ds_cnn = testing::TrainedDsCnn();
  for (const testing::TrainedNetwork* t : {&cnn, &ds_cnn}) {
    const std::string file = testing::ExportedFile(*t);
    testing::ExpectCloseFloats(RunRowsInArmNn(file, t->inputs), testing::RunInMoteNn(file, t->inputs));
  }
}

TEST(ArmNnCheck, TrainedNetworksQuantizedByMoteComputeWhatMotesInterpreterDoes) {
  std::string skip;
  const std::vector<testing::QuantizedCase> cases = testing::QuantizedTrainedNetworks(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  ASSERT_EQ(cases.size(), 4u);
  for (const testing::QuantizedCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto file = WriteTflite(c.model);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    const std::vector<uint8_t> want = testing::RunInMoteNn(*file, c.inputs);
    const size_t row = c.model.graphs[0].tensors[c.model.graphs[0].inputs[0]].ElementCount();
    const std::vector<uint8_t> got = RunRowsInArmNn(*file, c.inputs, row);
    testing::ExpectWithinLsb(got, want, c.max_lsb, c.name + ", Arm NN vs micro/nn");
  }
}

// The 1-LSB bound, operator by operator: each operator of the
// quantized networks alone, fed with micro/nn's own value of its input,
// gives in Arm NN what micro/nn gives within 1 LSB. (The whole DS-CNN
// above is allowed more: see QuantizedCase::max_lsb.)
TEST(ArmNnCheck, EachOperatorOfTheQuantizedNetworksIsWithinOneLsbOfMotesInterpreter) {
  std::string skip;
  const std::vector<testing::QuantizedCase> networks = testing::QuantizedTrainedNetworks(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  const std::vector<testing::SingleOpCase> cases = testing::SingleOpCasesOf(networks);
  ASSERT_GT(cases.size(), 10u);
  for (const testing::SingleOpCase& c : cases) {
    auto file = WriteTflite(c.model);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    const size_t row = c.model.graphs[0].tensors[c.model.graphs[0].inputs[0]].ElementCount();
    testing::ExpectOperatorWithinOneLsb(c, RunRowsInArmNn(*file, c.inputs, row), "Arm NN");
  }
}

TEST(ArmNnCheck, ExportedLayersBeyondMotesInterpreterComputeWhatTheTrainerDoes) {
  const testing::TrainedNetwork t = testing::LayerZooNetwork();
  testing::ExpectCloseFloats(RunRowsInArmNn(testing::ExportedFile(t), t.inputs), t.eval_output);
}

}  // namespace
}  // namespace mote::model
