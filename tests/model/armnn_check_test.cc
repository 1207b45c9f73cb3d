// Arm NN (Debian's 20.08, reference CpuRef backend) as an independent reader
// of the .tflite files mote writes: a shared model imported and exported
// again by mote must run in Arm NN and reproduce TensorFlow Lite Micro's
// golden output (../shared/models/golden) within 1 LSB for int8 (Arm NN's
// reference backend requantizes through float) and 1e-5 relative + 1e-6
// absolute for float. Models built through the IR must load and run too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/file_util.h"
#include "model/model_test_util.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "test_util.h"

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

std::vector<uint8_t> ReadBytes(const std::filesystem::path& path) {
  auto text = ReadFile(path);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? std::vector<uint8_t>(text->begin(), text->end()) : std::vector<uint8_t>();
}

void ExpectClose(DType dtype, const std::vector<uint8_t>& got, const std::vector<uint8_t>& want) {
  ASSERT_EQ(got.size(), want.size());
  if (dtype == DType::kFloat32) {
    for (size_t i = 0; i < got.size() / 4; ++i) {
      float g, w;
      std::memcpy(&g, &got[4 * i], 4);
      std::memcpy(&w, &want[4 * i], 4);
      EXPECT_LE(std::fabs(g - w), 1e-5f * std::fabs(w) + 1e-6f) << "element " << i << ": " << g << " vs " << w;
    }
  } else {
    ASSERT_EQ(dtype, DType::kInt8);
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_LE(std::abs(static_cast<int8_t>(got[i]) - static_cast<int8_t>(want[i])), 1) << "element " << i;
  }
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
    const auto outputs = RunInArmNn(*bytes, {ReadBytes(golden / "input_0.bin")});
    ASSERT_EQ(outputs.size(), 1u);
    const Graph& g = m->graphs[0];
    ExpectClose(g.tensors[g.outputs[0]].dtype, outputs[0], ReadBytes(golden / "output_0.bin"));
  }
}

std::vector<float> Floats(const std::vector<uint8_t>& bytes) {
  std::vector<float> v(bytes.size() / 4);
  std::memcpy(v.data(), bytes.data(), v.size() * 4);
  return v;
}

// testing::SmallCnn(false) computed directly from its tensors, in the
// layouts the format defines (NHWC activations, OHWI conv filters, 1HWC
// depthwise filters, [units, depth] fully-connected weights), to check that
// what mote writes means what the IR says.
std::vector<float> SmallCnnReference(const Model& m, const std::vector<float>& input) {
  const Graph& g = m.graphs[0];
  auto w = [&](const char* name) {
    for (const Tensor& t : g.tensors)
      if (t.name == name) return Floats(t.data);
    ADD_FAILURE() << "no tensor " << name;
    return std::vector<float>();
  };
  const auto cw = w("conv/weights"), cb = w("conv/bias"), dw = w("dw/weights"), db = w("dw/bias"),
             fw = w("fc/weights"), fb = w("fc/bias");
  // CONV_2D 3x3 SAME stride 1, 1 -> 4 channels, relu: [8,8,4]
  std::vector<float> conv(8 * 8 * 4);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x)
      for (int o = 0; o < 4; ++o) {
        float acc = cb[o];
        for (int ky = 0; ky < 3; ++ky)
          for (int kx = 0; kx < 3; ++kx) {
            const int iy = y + ky - 1, ix = x + kx - 1;
            if (iy >= 0 && iy < 8 && ix >= 0 && ix < 8) acc += input[iy * 8 + ix] * cw[(o * 3 + ky) * 3 + kx];
          }
        conv[(y * 8 + x) * 4 + o] = std::max(acc, 0.0f);
      }
  // MAX_POOL_2D 2x2 VALID stride 2: [4,4,4]
  std::vector<float> pool(4 * 4 * 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      for (int c = 0; c < 4; ++c) {
        float best = conv[((2 * y) * 8 + 2 * x) * 4 + c];
        for (int k = 1; k < 4; ++k) best = std::max(best, conv[((2 * y + k / 2) * 8 + 2 * x + k % 2) * 4 + c]);
        pool[(y * 4 + x) * 4 + c] = best;
      }
  // DEPTHWISE_CONV_2D 3x3 SAME stride 1: [4,4,4] -> flattened [64]
  std::vector<float> depthwise(64);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      for (int c = 0; c < 4; ++c) {
        float acc = db[c];
        for (int ky = 0; ky < 3; ++ky)
          for (int kx = 0; kx < 3; ++kx) {
            const int iy = y + ky - 1, ix = x + kx - 1;
            if (iy >= 0 && iy < 4 && ix >= 0 && ix < 4) acc += pool[(iy * 4 + ix) * 4 + c] * dw[(ky * 3 + kx) * 4 + c];
          }
        depthwise[(y * 4 + x) * 4 + c] = acc;
      }
  // FULLY_CONNECTED 64 -> 3, SOFTMAX
  std::vector<double> logits(3);
  for (int u = 0; u < 3; ++u) {
    double acc = fb[u];
    for (int i = 0; i < 64; ++i) acc += static_cast<double>(depthwise[i]) * fw[u * 64 + i];
    logits[u] = acc;
  }
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (double& l : logits) sum += (l = std::exp(l - top));
  std::vector<float> probs;
  for (double l : logits) probs.push_back(static_cast<float>(l / sum));
  return probs;
}

TEST(ArmNnCheck, ModelsBuiltThroughTheIrLoadAndRun) {
  for (bool int8 : {false, true}) {
    SCOPED_TRACE(int8 ? "int8" : "float");
    const Model m = testing::SmallCnn(int8);
    auto bytes = WriteTflite(m);
    ASSERT_TRUE(bytes.ok());
    const Graph& g = m.graphs[0];
    std::vector<uint8_t> input(static_cast<size_t>(g.tensors[g.inputs[0]].ByteSize()));
    for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<uint8_t>(i * 37 + 11);
    if (!int8)  // finite floats in [-1, 1)
      for (size_t i = 0; i < input.size() / 4; ++i) {
        const float v = (static_cast<float>((i * 37 + 11) & 0xff) - 128.0f) / 128.0f;
        std::memcpy(&input[4 * i], &v, 4);
      }
    const auto outputs = RunInArmNn(*bytes, {input});
    ASSERT_EQ(outputs.size(), 1u);
    ASSERT_EQ(outputs[0].size(), int8 ? 3u : 12u);
    if (!int8) {  // the float model computes what its IR says
      const std::vector<float> want = SmallCnnReference(m, Floats(input));
      const std::vector<float> got = Floats(outputs[0]);
      for (size_t k = 0; k < 3; ++k) EXPECT_LE(std::fabs(got[k] - want[k]), 1e-5f * std::fabs(want[k]) + 1e-6f) << k;
    }
    // A softmax: probabilities that sum to one.
    double sum = 0;
    for (int k = 0; k < 3; ++k) {
      if (int8) {
        sum += (static_cast<int8_t>(outputs[0][k]) + 128) / 256.0;
      } else {
        float p;
        std::memcpy(&p, &outputs[0][4 * k], 4);
        sum += p;
      }
    }
    EXPECT_NEAR(sum, 1.0, int8 ? 3.0 / 256 : 1e-5);
  }
}

}  // namespace
}  // namespace mote::model
