// `mote model inspect` and `mote export`, run as the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "core/subprocess.h"
#include "model/model_test_util.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "test_util.h"
#include "tflite_schema_generated.h"

namespace mote {
namespace {

using nlohmann::json;
using testing::RunMote;
using testing::SharedModelsDir;
using testing::TempDir;

std::filesystem::path WriteSmallCnn(const TempDir& dir) {
  auto bytes = model::WriteTflite(testing::SmallCnn(true));
  EXPECT_TRUE(bytes.ok());
  testing::WriteBytes(dir / "cnn.tflite", std::vector<uint8_t>(bytes->begin(), bytes->end()));
  return dir / "cnn.tflite";
}

TEST(ModelInspectCli, PersonDetectTableAndJson) {
  if (SharedModelsDir().empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  const std::string file = (SharedModelsDir() / "person_detect.tflite").string();
  const auto text = RunMote({"model", "inspect", file}, dir.path());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("CONV_2D"), std::string::npos);
  EXPECT_NE(text.out.find("per-channel x8 (axis 3)"), std::string::npos);
  EXPECT_NE(text.out.find("unsupported operators: none"), std::string::npos);

  const auto r = RunMote({"model", "inspect", file, "--json"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  const json& g = j["graphs"][0];
  EXPECT_EQ(g["operators"].size(), 31u);
  EXPECT_EQ(g["operators"][0]["op"], "DEPTHWISE_CONV_2D");
  EXPECT_EQ(g["operators"][0]["macs"], 48 * 48 * 8 * 9);
  EXPECT_EQ(g["operators"][0]["attributes"]["stride"], json({2, 2}));
  // The total is the sum over operators, and every weight byte is counted.
  int64_t macs = 0;
  for (const json& op : g["operators"]) macs += op["macs"].get<int64_t>();
  EXPECT_EQ(j["macs"], macs);
  EXPECT_GT(macs, 7'000'000);
  int64_t weights = 0;
  for (const json& t : g["tensors"])
    if (t["kind"] == "constant") weights += t["bytes"].get<int64_t>();
  EXPECT_EQ(j["weight_bytes"], weights);
  // The activation plan holds at least the largest pair of tensors that are
  // alive together (the input and output of the first convolution) and no
  // more than all activations laid end to end.
  int64_t all = 0;
  for (const json& t : g["tensors"])
    if (t["kind"] != "constant") all += t["bytes"].get<int64_t>();
  EXPECT_GE(j["activation_bytes"].get<int64_t>(), 48 * 48 * 8 + 48 * 48 * 16);
  EXPECT_LT(j["activation_bytes"].get<int64_t>(), all);
  EXPECT_TRUE(j["unsupported"].empty());
}

TEST(ModelInspectCli, EverySharedModelInspects) {
  const auto files = testing::SharedTfliteFiles();
  if (files.empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  TempDir dir;
  for (const auto& f : files) {
    const auto r = RunMote({"model", "inspect", f.string(), "--json"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << f << ": " << r.err;
    EXPECT_GT(json::parse(r.out)["graphs"][0]["operators"].size(), 0u) << f;
  }
}

TEST(ModelInspectCli, ListsUnsupportedOperators) {
  TempDir dir;
  auto bytes = model::WriteTflite(testing::SmallCnn(false));
  ASSERT_TRUE(bytes.ok());
  // The file's second operator code (MAX_POOL_2D) becomes GATHER.
  std::string patched = *bytes;
  auto* code = tflite::GetMutableModel(patched.data())->mutable_operator_codes()->GetMutableObject(1);
  ASSERT_TRUE(code->mutate_builtin_code(tflite::BuiltinOperator_GATHER));
  ASSERT_TRUE(code->mutate_deprecated_builtin_code(tflite::BuiltinOperator_GATHER));
  testing::WriteBytes(dir / "gather.tflite", std::vector<uint8_t>(patched.begin(), patched.end()));
  const auto r = RunMote({"model", "inspect", "gather.tflite"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("unsupported operators: GATHER (graph 0 operator 1)"), std::string::npos) << r.out;
  const auto e = RunMote({"export", "--model", "gather.tflite", "--format", "c-array", "-o", "out"}, dir.path());
  EXPECT_EQ(e.exit_code, 1);
  EXPECT_NE(e.err.find("gather.tflite: subgraph 0 operator 1: GATHER is not supported; supported: ADD"),
            std::string::npos)
      << e.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(ExportCli, CArrayCompilesToTheFileBytesSixteenByteAligned) {
  TempDir dir;
  const auto model = WriteSmallCnn(dir);
  const auto r = RunMote({"export", "--model", "cnn.tflite", "--format", "c-array", "-o", "fw", "--json"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["symbol"], "cnn");
  ASSERT_TRUE(std::filesystem::exists(dir / "fw" / "cnn.h"));
  ASSERT_TRUE(std::filesystem::exists(dir / "fw" / "cnn.cc"));
  // Compile the array with a program that checks its bytes and alignment.
  auto expected = ReadFile(model);
  ASSERT_TRUE(expected.ok());
  testing::WriteText(dir / "fw" / "check.cc",
                     "#include <cstdint>\n#include <cstdio>\n#include <cstring>\n#include \"cnn.h\"\n"
                     "int main(int, char** argv) {\n"
                     "  FILE* f = std::fopen(argv[1], \"rb\");\n"
                     "  if (!f) return 1;\n"
                     "  static unsigned char want[1 << 20];\n"
                     "  const size_t n = std::fread(want, 1, sizeof want, f);\n"
                     "  if (n != cnn_len) return 2;\n"
                     "  if (std::memcmp(want, cnn, n) != 0) return 3;\n"
                     "  if (reinterpret_cast<uintptr_t>(cnn) % 16 != 0) return 4;\n"
                     "  return 0;\n}\n");
  const Status built = RunProgram({"c++", "-std=c++17", "-o", (dir / "fw" / "check").string(),
                                   (dir / "fw" / "check.cc").string(), (dir / "fw" / "cnn.cc").string()});
  ASSERT_TRUE(built.ok()) << built.ToString();
  const Status ran = RunProgram({(dir / "fw" / "check").string(), model.string()});
  EXPECT_TRUE(ran.ok()) << ran.ToString();
  EXPECT_EQ(j["bytes"], expected->size());
}

TEST(ExportCli, TfliteCarriesMoteMetadata) {
  TempDir dir;
  WriteSmallCnn(dir);
  const auto r = RunMote({"export", "--model", "cnn.tflite", "--format", "tflite", "-o", "out.tflite", "--labels",
                          "cat,dog,bird"},
                         dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto m = model::ReadTfliteFile(dir / "out.tflite");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->mote.has_value());
  EXPECT_EQ(m->mote->labels, (std::vector<std::string>{"cat", "dog", "bird"}));
  EXPECT_EQ(m->mote->lineage.size(), 64u);  // SHA-256 of cnn.tflite, in hex
  EXPECT_FALSE(m->mote->mote_version.empty());
  const auto inspect = RunMote({"model", "inspect", "out.tflite"}, dir.path());
  EXPECT_NE(inspect.out.find("labels [cat,dog,bird]"), std::string::npos) << inspect.out;
  // The IR is unchanged apart from the metadata.
  model::Model without = *m;
  without.mote.reset();
  EXPECT_TRUE(without == testing::SmallCnn(true));
}

TEST(ExportCli, BadNameIsAUsageError) {
  TempDir dir;
  WriteSmallCnn(dir);
  const auto r = RunMote({"export", "--model", "cnn.tflite", "--format", "c-array", "-o", "fw", "--name", "9x"},
                         dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--name 9x: not a C identifier"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "fw"));
}

// The error paths: each exits non-zero with a one-line message naming what
// was wrong, and leaves nothing at the output path.
TEST(ExportCli, BadInputFailsWithoutWriting) {
  TempDir dir;
  WriteSmallCnn(dir);
  const auto format = RunMote({"export", "--model", "cnn.tflite", "--format", "onnx", "-o", "out"}, dir.path());
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("--format"), std::string::npos) << format.err;

  const auto missing = RunMote({"export", "--model", "none.tflite", "--format", "tflite", "-o", "out"}, dir.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.tflite"), std::string::npos) << missing.err;

  testing::WriteBytes(dir / "bad.tflite", {1, 2, 3, 4, 5, 6, 7, 8});
  const auto corrupt = RunMote({"export", "--model", "bad.tflite", "--format", "c-array", "-o", "out"}, dir.path());
  EXPECT_EQ(corrupt.exit_code, 1);
  EXPECT_NE(corrupt.err.find("bad.tflite"), std::string::npos) << corrupt.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));

  // An output path that cannot be a file: the folder is left as it was.
  std::filesystem::create_directory(dir / "taken");
  const auto unwritable = RunMote({"export", "--model", "cnn.tflite", "--format", "tflite", "-o", "taken"}, dir.path());
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_NE(unwritable.err.find("taken"), std::string::npos) << unwritable.err;
  EXPECT_TRUE(std::filesystem::is_empty(dir / "taken"));
}

TEST(ModelInspectCli, MissingFileFails) {
  TempDir dir;
  const auto r = RunMote({"model", "inspect", "none.tflite"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("none.tflite"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mote
