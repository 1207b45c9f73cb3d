// `mote export --format cpp-lib`: the generated library, compiled with the
// host compilers against micro/nn and driven from C (cpp_lib_harness.c.in),
// reproduces TensorFlow Lite Micro's golden output byte for byte (float:
// within 1e-5 relative + 1e-6 absolute) for every golden model micro/nn
// runs, through generated code (aot) and through the interpreter, in an
// arena of exactly NAME_ARENA_BYTES; one byte less is refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "deploy/cpp_lib_test_util.h"
#include "features/feature_set.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/normalize.h"
#include "model/tflite_writer.h"
#include "nn/built_model_util.h"
#include "nn/nn_test_util.h"
#include "nn/residual_net_model.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The interpreter's output_0 after a first and a second invoke on `inputs`.
std::vector<std::vector<uint8_t>> TwoInvokes(LoadedModel& loaded, const std::vector<fs::path>& inputs) {
  std::vector<std::vector<uint8_t>> outputs;
  for (int run = 0; run < 2; ++run) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      const std::vector<uint8_t> bytes = ReadBytes(inputs[i]);
      const nn::Tensor in = loaded.interpreter.input(static_cast<uint32_t>(i));
      EXPECT_EQ(in.bytes, bytes.size());
      std::memcpy(in.data, bytes.data(), std::min<size_t>(in.bytes, bytes.size()));
    }
    EXPECT_EQ(loaded.interpreter.Invoke(), nn::NnStatus::kOk);
    const nn::Tensor out = loaded.interpreter.output(0);
    const auto* data = static_cast<const uint8_t*>(out.data);
    outputs.emplace_back(data, data + out.bytes);
  }
  return outputs;
}

void ExpectGolden(const std::vector<uint8_t>& got, const std::vector<uint8_t>& expected, bool is_float) {
  ASSERT_EQ(got.size(), expected.size());
  if (!is_float) {
    EXPECT_EQ(got, expected);
    return;
  }
  for (size_t i = 0; i < expected.size() / 4; ++i) {
    float e = 0, g = 0;
    std::memcpy(&e, expected.data() + 4 * i, 4);
    std::memcpy(&g, got.data() + 4 * i, 4);
    EXPECT_LE(std::fabs(g - e), 1e-5 * std::fabs(e) + 1e-6) << "element " << i;
  }
}

class CppLibGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CppLibGoldenTest, GeneratedCodeAndInterpreterReproduceTheGolden) {
  const fs::path models = SharedModelsDir();
  if (models.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  const std::string name = GetParam();
  const fs::path model = models / (name + ".tflite"), golden = models / "golden" / name;
  std::vector<fs::path> inputs;
  for (int i = 0; fs::exists(golden / ("input_" + std::to_string(i) + ".bin")); ++i) {
    inputs.push_back(golden / ("input_" + std::to_string(i) + ".bin"));
  }
  const std::vector<uint8_t> expected = ReadBytes(golden / "output_0.bin");
  std::unique_ptr<LoadedModel> loaded = LoadModel(model);
  ASSERT_TRUE(loaded);
  const bool is_float = loaded->interpreter.output(0).type == nn::tflite::TensorType::kFloat32;
  json aot, interpreter;
  TempDir aot_dir, interpreter_dir;
  std::vector<uint8_t> aot_second, interpreter_second;
  ExpectGolden(ExportBuildRun(model, "aot", inputs, aot_dir.path(), &aot, &aot_second), expected, is_float);
  ExpectGolden(
      ExportBuildRun(model, "interpreter", inputs, interpreter_dir.path(), &interpreter, &interpreter_second),
      expected, is_float);
  // A second invoke carries the state (SVDF, LSTM, the noise estimate) as the
  // interpreter's second invoke does.
  std::unique_ptr<LoadedModel> host = LoadModel(model);
  ASSERT_TRUE(host);
  const std::vector<std::vector<uint8_t>> host_runs = TwoInvokes(*host, inputs);
  ASSERT_EQ(host_runs.size(), 2u);
  ExpectGolden(aot_second, host_runs[1], is_float);
  ExpectGolden(interpreter_second, host_runs[1], is_float);
  // RAM: generated code needs the planned activations only; the interpreter
  // its whole arena (records, op data, then the same activations).
  EXPECT_EQ(aot["arena_bytes"].get<uint64_t>(), loaded->interpreter.plan_stats().used);
  EXPECT_EQ(interpreter["arena_bytes"].get<uint64_t>(), loaded->interpreter.arena_bytes_needed());
  std::printf("%-24s RAM: aot %llu bytes, interpreter %llu bytes\n", name.c_str(),
              static_cast<unsigned long long>(aot["arena_bytes"].get<uint64_t>()),
              static_cast<unsigned long long>(interpreter["arena_bytes"].get<uint64_t>()));
}

INSTANTIATE_TEST_SUITE_P(SharedModels, CppLibGoldenTest,
                         ::testing::Values("hello_world_float", "hello_world_int8", "micro_speech_quantized",
                                           "person_detect", "simple_add_model", "keyword_scrambled_8bit",
                                           "trained_lstm_int8", "audio_preprocessor_int8"));

// Generated code from `tflite` gives the interpreter's bytes on `input`.
void ExpectAotMatchesInterpreter(const std::string& tflite, const std::vector<uint8_t>& input) {
  TempDir dir;
  WriteBytes(dir / "model.tflite", std::vector<uint8_t>(tflite.begin(), tflite.end()));
  WriteBytes(dir / "input_0.bin", input);
  std::unique_ptr<LoadedModel> loaded = LoadModel(dir / "model.tflite");
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->interpreter.input(0).bytes, input.size());
  std::memcpy(loaded->interpreter.input(0).data, input.data(), input.size());
  ASSERT_EQ(loaded->interpreter.Invoke(), nn::NnStatus::kOk);
  const nn::Tensor out = loaded->interpreter.output(0);
  const auto* want = static_cast<const uint8_t*>(out.data);
  json aot;
  TempDir run_dir;
  EXPECT_EQ(ExportBuildRun(dir / "model.tflite", "aot", {dir / "input_0.bin"}, run_dir.path(), &aot),
            std::vector<uint8_t>(want, want + out.bytes));
}

// A residual network (branches, ADD, per-channel convs, pooling, softmax)
// built through the IR.
TEST(CppLibTest, ResidualNetMatchesTheInterpreter) {
  ExpectAotMatchesInterpreter(ResidualNetTflite(WideningResNet()), ResidualNetInput());
}

// The element-wise ops: float -> RELU6 -> QUANTIZE -> DEQUANTIZE -> RELU.
TEST(CppLibTest, QuantizeDequantizeAndReluMatchTheInterpreter) {
  model::Graph g;
  g.name = "main";
  for (int i = 0; i < 5; ++i) {
    model::Tensor t;
    t.shape = {1, 64};
    t.dtype = i == 2 ? model::DType::kInt8 : model::DType::kFloat32;
    if (i == 2) t.quantization.scale = {0.05f}, t.quantization.zero_point = {3};
    g.tensors.push_back(t);
  }
  for (model::OpType type :
       {model::OpType::kRelu6, model::OpType::kQuantize, model::OpType::kDequantize, model::OpType::kRelu}) {
    model::Operator op;
    op.type = type;
    op.inputs = {static_cast<int32_t>(g.operators.size())};
    op.outputs = {static_cast<int32_t>(g.operators.size() + 1)};
    op.attributes = model::DefaultAttributes(type);
    g.operators.push_back(op);
  }
  g.inputs = {0};
  g.outputs = {4};
  model::Model m;
  m.graphs.push_back(g);
  const Result<std::string> file = model::WriteTflite(m);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  std::vector<float> input(64);
  for (size_t i = 0; i < input.size(); ++i) input[i] = -2.0f + 0.137f * static_cast<float>(i);  // -2 .. 6.6
  ExpectAotMatchesInterpreter(*file, ValueBytes(input));
}

// The ops the shared models do not reach, in `dtype` (int8 or float32) on a
// [1, 4, 5, 3] input: PAD -> TRANSPOSE -> LOGISTIC -> TANH, whose every
// output element depends on the padding, the permutation and both
// functions; int8 tensors carry the quantization each op requires
// (LOGISTIC's 1/256 and TANH's 1/128 outputs, PAD's unchanged one).
std::string PadTransposeSigmoidModel(model::DType dtype) {
  using model::OpType;
  const bool q = dtype == model::DType::kInt8;
  auto tensor = [&](std::vector<int32_t> shape, float scale, int64_t zero_point) {
    return q ? MakeTensor(std::move(shape), dtype, {}, {scale}, {zero_point}) : MakeTensor(std::move(shape), dtype);
  };
  const std::vector<int32_t> paddings = {0, 0, 1, 2, 0, 1, 0, 0}, perm = {0, 3, 1, 2};
  const std::vector<uint8_t> file = WriteGraph(
      {tensor({1, 4, 5, 3}, 0.05f, -3), MakeTensor({4, 2}, model::DType::kInt32, ValueBytes(paddings)),
       tensor({1, 7, 6, 3}, 0.05f, -3), MakeTensor({4}, model::DType::kInt32, ValueBytes(perm)),
       tensor({1, 3, 7, 6}, 0.05f, -3), tensor({1, 3, 7, 6}, 1.0f / 256, -128), tensor({1, 3, 7, 6}, 1.0f / 128, 0)},
      {MakeOp(OpType::kPad, {0, 1}, {2}), MakeOp(OpType::kTranspose, {2, 3}, {4}), MakeOp(OpType::kLogistic, {4}, {5}),
       MakeOp(OpType::kTanh, {5}, {6})},
      {0}, {6});
  return std::string(file.begin(), file.end());
}

// MEAN of a [1, 4, 5, 3] input over axis 1, keeping it: [1, 1, 5, 3] (int8:
// with its int32 scratch and the count folded into the multiplier).
std::string MeanModel(model::DType dtype) {
  const bool q = dtype == model::DType::kInt8;
  const std::vector<int32_t> axes = {1};
  model::ReducerAttributes keep_dims;
  keep_dims.keep_dims = true;
  const std::vector<uint8_t> file = WriteGraph(
      {q ? MakeTensor({1, 4, 5, 3}, dtype, {}, {0.05f}, {-3}) : MakeTensor({1, 4, 5, 3}, dtype),
       MakeTensor({1}, model::DType::kInt32, ValueBytes(axes)),
       q ? MakeTensor({1, 1, 5, 3}, dtype, {}, {0.03f}, {7}) : MakeTensor({1, 1, 5, 3}, dtype)},
      {MakeOp(model::OpType::kMean, {0, 1}, {2}, keep_dims)}, {0}, {2});
  return std::string(file.begin(), file.end());
}

std::vector<int8_t> Int8Ramp() {
  std::vector<int8_t> input(60);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(static_cast<int>(i * 37 % 256) - 128);
  return input;
}

std::vector<float> FloatRamp() {
  std::vector<float> input(60);
  for (size_t i = 0; i < input.size(); ++i) input[i] = -7.0f + 0.23f * static_cast<float>(i * 37 % 60);
  return input;
}

TEST(CppLibTest, PadTransposeLogisticTanhMatchTheInterpreter) {
  ExpectAotMatchesInterpreter(PadTransposeSigmoidModel(model::DType::kInt8), ValueBytes(Int8Ramp()));
  ExpectAotMatchesInterpreter(PadTransposeSigmoidModel(model::DType::kFloat32), ValueBytes(FloatRamp()));
}

TEST(CppLibTest, MeanMatchesTheInterpreter) {
  ExpectAotMatchesInterpreter(MeanModel(model::DType::kInt8), ValueBytes(Int8Ramp()));
  ExpectAotMatchesInterpreter(MeanModel(model::DType::kFloat32), ValueBytes(FloatRamp()));
}

TEST(CppLibTest, BadRuntimeAndUnsupportedOpsAreOneLineErrorsWritingNothing) {
  TempDir dir;
  const std::string tflite = ResidualNetTflite(ResNet8());
  WriteBytes(dir / "resnet.tflite", std::vector<uint8_t>(tflite.begin(), tflite.end()));
  const RunResult bad = RunMote(
      {"export", "--model", "resnet.tflite", "--format", "cpp-lib", "--runtime", "jit", "-o", "out"}, dir.path());
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--runtime"), std::string::npos) << bad.err;
  const RunResult other = RunMote(
      {"export", "--model", "resnet.tflite", "--format", "c-array", "--runtime", "aot", "-o", "out"}, dir.path());
  EXPECT_NE(other.exit_code, 0);
  EXPECT_NE(other.err.find("--runtime applies to --format cpp-lib only"), std::string::npos) << other.err;
  EXPECT_FALSE(fs::exists(dir / "out"));

  const fs::path models = SharedModelsDir();
  if (models.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  // A model micro/nn cannot run yet: named, nothing written.
  for (const char* name : {"trained_lstm_int8", "keyword_scrambled_8bit"}) {
    const fs::path file = models / (std::string(name) + ".tflite");
    const std::vector<uint8_t> bytes = ReadBytes(file);
    const AlignedBytes blob(bytes);
    nn::Interpreter probe;
    if (probe.Init(blob.data(), blob.size()) == nn::NnStatus::kOk) continue;  // supported by now
    const RunResult r =
        RunMote({"export", "--model", file.string(), "--format", "cpp-lib", "-o", "lib"}, dir.path());
    EXPECT_EQ(r.exit_code, 1) << name;
    EXPECT_NE(r.err.find(std::string(name) + ".tflite: micro/nn cannot run the model: op "), std::string::npos)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(dir / "lib")) << name;
  }
}

}  // namespace
}  // namespace mote::testing

namespace mote::testing {
namespace {

// Inside a project whose features come from a q15 block, the cpp-lib of an
// int8 model carries NAME_normalize(): the project's normalization folded
// with the model's input quantization into integer tables, which give the
// host's bytes (FoldForInt8Input + dsp::NormalizeQ15ToInt8) on the device.
TEST(CppLibTest, ProjectNormalizationBecomesInt8InputTables) {
  TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "--template", "kws"}, dir.path()).exit_code, 0);
  const fs::path p = dir / "p";
  std::string yaml = ReadText(p / "mote.yaml");
  const size_t at = yaml.find("numeric: float");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, 14, "numeric: q15");
  WriteText(p / "mote.yaml", yaml);
  RunResult r = RunMote({"data", "synth", "keywords", "--count", "2", "--labels", "yes,no", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunMote({"run", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // An int8 model reading 49 frames x 13 MFCC: FULLY_CONNECTED to 2 classes.
  model::Model m;
  model::Tensor in, w, out;
  in.dtype = w.dtype = out.dtype = model::DType::kInt8;
  in.shape = {1, 637};
  in.quantization.scale = {0.05f};
  in.quantization.zero_point = {-3};
  w.shape = {2, 637};
  w.data.assign(2 * 637, 1);
  w.quantization.scale = {0.01f};
  w.quantization.zero_point = {0};
  out.shape = {1, 2};
  out.quantization.scale = {0.1f};
  out.quantization.zero_point = {0};
  model::Operator fc;
  fc.type = model::OpType::kFullyConnected;
  fc.inputs = {0, 1};
  fc.outputs = {2};
  fc.attributes = model::DefaultAttributes(fc.type);
  m.graphs.push_back({"main", {in, w, out}, {0}, {2}, {fc}});
  const Result<std::string> file = model::WriteTflite(m);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  WriteBytes(p / "kws.tflite", std::vector<uint8_t>(file->begin(), file->end()));
  r = RunMote({"export", "--model", "kws.tflite", "--format", "cpp-lib", "--name", "kws", "-o", "lib", "--json"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["normalization"], "q15 -> int8 tables");
  ASSERT_TRUE(fs::exists(p / "lib" / "kws_normalization.h"));
  EXPECT_NE(ReadText(p / "lib" / "CMakeLists.txt").find("micro/dsp/normalize.cc"), std::string::npos);

  // Features covering the int16 range, through the generated tables (from C).
  std::vector<int16_t> features(637);
  for (size_t i = 0; i < features.size(); ++i) features[i] = static_cast<int16_t>((i * 7919) % 65536 - 32768);
  WriteBytes(dir / "features.bin", ValueBytes(features));
  WriteText(dir / "normalize.c",
            "#include <stdio.h>\n#include \"kws_normalization.h\"\n"
            "int main(int argc, char** argv) {\n"
            "  int16_t in[KWS_FRAMES * KWS_FEATURES]; int8_t out[KWS_FRAMES * KWS_FEATURES];\n"
            "  FILE* f = fopen(argv[1], \"rb\"); if (!f || fread(in, 2, KWS_FRAMES * KWS_FEATURES, f) != "
            "KWS_FRAMES * KWS_FEATURES) return 1; fclose(f);\n"
            "  kws_normalize(in, KWS_FRAMES, out);\n"
            "  f = fopen(argv[2], \"wb\"); if (!f) return 1; fwrite(out, 1, sizeof out, f); fclose(f);\n"
            "  (void)argc; return 0;\n}\n");
  const std::string includes = " -I'" + (p / "lib").string() + "' -I'" + std::string(MOTE_SOURCE_DIR) + "'";
  const std::string build = std::string(MOTE_HOST_CXX) + " -std=c++17 -O1 -Wall -Werror" + includes + " -c '" +
                            (p / "lib" / "kws_normalization.cc").string() + "' -o '" + (dir / "n.o").string() +
                            "' && " + MOTE_HOST_CC + " -std=c11 -Wall -Werror" + includes + " -c '" +
                            (dir / "normalize.c").string() + "' -o '" + (dir / "main.o").string() + "' && " +
                            MOTE_HOST_CXX + " '" + (dir / "main.o").string() + "' '" + (dir / "n.o").string() +
                            "' '" + MOTE_MICRO_LIBRARY + "' -o '" + (dir / "normalize").string() + "' && '" +
                            (dir / "normalize").string() + "' '" + (dir / "features.bin").string() + "' '" +
                            (dir / "out.bin").string() + "'";
  std::string log;
  ASSERT_EQ(Shell(build, dir / "build.log", &log), 0) << log;

  const std::string key = ReadText(p / ".mote" / "stages" / "features" / "latest");
  auto set = FeatureSet::Open(p / ".mote" / "stages" / "features" / key.substr(0, key.find('\n')));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ((*set)->normalization().features(), 13u);
  auto tables = (*set)->normalization().FoldForInt8Input(static_cast<double>(dsp::kFeatureStep), 0.05, -3);
  ASSERT_TRUE(tables.ok());
  std::vector<int8_t> want(features.size());
  dsp::NormalizeQ15ToInt8(tables->View(), features.data(), 49, want.data());
  const std::vector<uint8_t> got = ReadBytes(dir / "out.bin");
  EXPECT_EQ(got, ValueBytes(want));
  // Not a constant map: the features spread over the int8 range.
  EXPECT_GT(*std::max_element(want.begin(), want.end()) - *std::min_element(want.begin(), want.end()), 100);
}

}  // namespace
}  // namespace mote::testing
