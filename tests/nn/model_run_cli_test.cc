// `mote model run`, run as the real binary: outputs equal to TensorFlow Lite
// Micro's goldens, the RAM and time it prints, and its errors (one line,
// exit 1, nothing written).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "nn/built_model_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path Golden(const std::string& model, const std::string& file) {
  return SharedModelsDir() / "golden" / model / file;
}

TEST(ModelRunCli, HelloWorldInt8MatchesGolden) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  const auto r = RunMote({"model", "run", (SharedModelsDir() / "hello_world_int8.tflite").string(), "--input",
                          Golden("hello_world_int8", "input_0.bin").string(), "--output-dir", "out", "--repeat", "5"},
                         dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadBytes(dir / "out/output_0.bin"), ReadBytes(Golden("hello_world_int8", "output_0.bin")));
  EXPECT_NE(r.out.find("arena: 480 bytes of RAM"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(mean of 5)"), std::string::npos) << r.out;
}

TEST(ModelRunCli, StatefulModelJsonFromFreshState) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  // Ten Invokes: the LSTM's state carries through them, but the outputs
  // written are the first Invoke's, which is TensorFlow Lite Micro's golden.
  const auto r = RunMote({"model", "run", (SharedModelsDir() / "trained_lstm_int8.tflite").string(), "--input",
                          Golden("trained_lstm_int8", "input_0.bin").string(), "--output-dir", "o", "--repeat", "10",
                          "--json"},
                         dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["repeat"], 10);
  EXPECT_GT(j["arena_bytes"].get<int64_t>(), 0);
  EXPECT_GT(j["invoke_us_mean"].get<double>(), 0.0);
  ASSERT_EQ(j["outputs"].size(), 1u);
  EXPECT_EQ(j["outputs"][0]["type"], "int8");
  EXPECT_EQ(j["outputs"][0]["shape"], json({1, 10}));
  EXPECT_EQ(ReadBytes(dir / "o/output_0.bin"), ReadBytes(Golden("trained_lstm_int8", "output_0.bin")));
}

TEST(ModelRunCli, WrongInputSizeNamesFileAndSizesAndWritesNothing) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  WriteBytes(dir / "short.bin", std::vector<uint8_t>(783, 1));
  const auto r = RunMote({"model", "run", (SharedModelsDir() / "trained_lstm_int8.tflite").string(), "--input",
                          "short.bin", "--output-dir", "out"},
                         dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("short.bin: input 0 (int8[1,28,28]) needs 784 bytes, the file has 783"), std::string::npos)
      << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(ModelRunCli, MissingFilesAndWrongInputCount) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  const std::string model = (SharedModelsDir() / "hello_world_int8.tflite").string();
  const std::string input = Golden("hello_world_int8", "input_0.bin").string();
  auto r = RunMote({"model", "run", "absent.tflite", "--input", input, "--output-dir", "out"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("absent.tflite"), std::string::npos) << r.err;
  r = RunMote({"model", "run", model, "--input", "absent.bin", "--output-dir", "out"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("absent.bin"), std::string::npos) << r.err;
  r = RunMote({"model", "run", model, "--input", input, "--input", input, "--output-dir", "out"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the model has 1 input(s), got 2 --input"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(ModelRunCli, UnsupportedOpAndCorruptModelAreOneLineErrors) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  WriteBytes(dir / "x.bin", std::vector<uint8_t>(16, 0));
  WriteBytes(dir / "unsupported.tflite", UnsupportedOpModel());
  auto r = RunMote({"model", "run", "unsupported.tflite", "--input", "x.bin", "--output-dir", "out"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("op 0 (MoteNoSuchOp): unsupported op"), std::string::npos) << r.err;
  std::vector<uint8_t> model = ReadBytes(SharedModelsDir() / "hello_world_int8.tflite");
  model.resize(model.size() / 2);
  WriteBytes(dir / "half.tflite", model);
  r = RunMote({"model", "run", "half.tflite", "--input", "x.bin", "--output-dir", "out"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("half.tflite: "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

}  // namespace
}  // namespace mote::testing
