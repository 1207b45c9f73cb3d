// `mote export --format cpp-lib` (and `mote bench`) of a K-means anomaly
// run (src/deploy/kmeans_lib.h), on a real vibration project: the generated library,
// compiled with the host compilers and driven from C through the network
// libraries' API (cpp_lib_harness.c.in), and built into the aot runner on
// an emulated Cortex-M4F and Cortex-M33 under QEMU, gives for a window's raw
// DSP output exactly micro/anomaly's score on the host (the same float
// operations, an integer square root), which is the trainer's
// KMeansModel::Score within float rounding. Bad kmeans.json files and
// options are one-line errors that write nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "core/subprocess.h"
#include "deploy/aot_device_runner.h"
#include "deploy/cpp_lib_test_util.h"
#include "deploy/kmeans_lib.h"
#include "deploy/qemu_test_util.h"
#include "features/feature_set.h"
#include "micro/anomaly/kmeans_score.h"
#include "micro/dsp/float_bits.h"
#include "test_util.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

float FloatOf(const std::string& bytes) {
  float v = 0;
  EXPECT_EQ(bytes.size(), sizeof v);
  if (bytes.size() == sizeof v) std::memcpy(&v, bytes.data(), sizeof v);
  return v;
}

// One window of the project: its raw DSP output, its normalized row and label.
struct Window {
  std::vector<float> raw, normalized;
  std::string label;
};

// A vibration project (`mote init --template anomaly`, 8 recordings per
// label) with a K-means run (3 clusters), shared by the tests of this file.
class KMeansLibTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    ASSERT_EQ(RunMote({"init", "p", "--template", "anomaly"}, dir_->path()).exit_code, 0);
    ASSERT_EQ(RunMote({"data", "synth", "vibration", "--count", "8", "-q"}, project()).exit_code, 0);
    testing::AppendToMoteYaml(project(), "train:\n  task: anomaly\n  method: kmeans\n  clusters: 3\n  seed: 2\n");
    const auto trained = RunMote({"train", "-q"}, project());
    ASSERT_EQ(trained.exit_code, 0) << trained.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static fs::path project() { return dir_->path() / "p"; }
  static fs::path model_file() { return project() / ".mote" / "runs" / "1" / "kmeans.json"; }

  // The first normal window and the first of another class.
  static std::vector<Window> NormalAndFault() {
    const fs::path stage = project() / ".mote" / "stages" / "features";
    auto key = ReadFile(stage / "latest");
    EXPECT_TRUE(key.ok());
    if (!key.ok()) return {};
    std::string k = *key;
    while (!k.empty() && k.back() == '\n') k.pop_back();
    auto set = FeatureSet::Open(stage / k);
    EXPECT_TRUE(set.ok()) << set.status().ToString();
    if (!set.ok()) return {};
    std::vector<Window> out;
    bool normal_done = false, fault_done = false;
    for (uint32_t i = 0; i < (*set)->rows() && !(normal_done && fault_done); ++i) {
      const bool normal = (*set)->index()[i].label == "normal";
      if (normal ? normal_done : fault_done) continue;
      (normal ? normal_done : fault_done) = true;
      auto raw = (*set)->ReadRows(i, 1, false);
      auto normalized = (*set)->ReadRows(i, 1, true);
      EXPECT_TRUE(raw.ok() && normalized.ok());
      if (raw.ok() && normalized.ok()) out.push_back({*raw, *normalized, (*set)->index()[i].label});
    }
    EXPECT_EQ(out.size(), 2u);
    return out;
  }

  // micro/anomaly's score of `raw` with the exported tables, on the host.
  static float MicroScore(const std::vector<float>& raw) {
    auto text = ReadFile(model_file());
    EXPECT_TRUE(text.ok());
    auto m = deploy::ParseKMeansFile(*text, model_file().string());
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    if (!m.ok()) return NAN;
    const anomaly::KMeansTables tables{m->clusters, m->dims, m->centroids.data(), m->spread.data(),
                                       m->scale_by_spread, {m->features, m->offset.data(), m->scale.data()}};
    EXPECT_EQ(raw.size(), m->dims);
    return anomaly::KMeansScore(tables, raw.data()).score;
  }

  static testing::TempDir* dir_;
};

testing::TempDir* KMeansLibTest::dir_ = nullptr;

// The tolerance against the trainer's double-precision score: float
// rounding of 45 squared differences, the root and the division, and the
// centroids rounded to float; tests/anomaly/kmeans_score_test.cc bounds it
// by 2 (u ||c|| + (D + 4) u d) / spread, about 1e-5 of the score here
// (D = 45, centroid norms of a few units); 1e-5 relative plus 1e-6.
void ExpectNearHost(float device, double host) {
  EXPECT_NEAR(device, host, 1e-5 * std::abs(host) + 1e-6);
}

TEST_F(KMeansLibTest, TheLibraryScoresRawFeaturesAsTheHostOnTheHost) {
  const std::vector<Window> windows = NormalAndFault();
  ASSERT_EQ(windows.size(), 2u);
  const train::KMeansModel host = testing::ReadRecordedKMeans(project(), 1);
  std::vector<float> scores;
  for (const Window& w : windows) {
    SCOPED_TRACE(w.label);
    testing::TempDir run;
    testing::WriteBytes(run.path() / "input_0.bin",
                        std::vector<uint8_t>(reinterpret_cast<const uint8_t*>(w.raw.data()),
                                             reinterpret_cast<const uint8_t*>(w.raw.data() + w.raw.size())));
    json exported;
    const std::vector<uint8_t> out =
        testing::ExportBuildRun(model_file(), "aot", {run.path() / "input_0.bin"}, run.path(), &exported);
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(exported["kmeans"]["clusters"], 3);
    EXPECT_EQ(exported["kmeans"]["dims"], host.dims);
    EXPECT_EQ(exported["arena_bytes"], (host.dims + 1) * 4);
    EXPECT_EQ(exported["constant_bytes"], (3 * host.dims + 3 + 2 * host.dims) * 4);  // one frame: features = dims
    const float score = FloatOf(std::string(out.begin(), out.end()));
    EXPECT_EQ(dsp::FloatBits(score), dsp::FloatBits(MicroScore(w.raw)));
    ExpectNearHost(score, host.Score(w.normalized));
    scores.push_back(score);
  }
  // A bearing fault is far from every cluster of normal operation.
  EXPECT_GT(scores[1], scores[0]);
}

#define SKIP_WITHOUT_DEVICE_TOOLS()                                                                \
  do {                                                                                             \
    if (std::string(MOTE_HELLO_FIRMWARE).empty())                                                  \
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to build";    \
    if (!testing::QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH";                  \
    if (FindProgram("cmake").empty()) GTEST_SKIP() << "cmake is not on PATH";                      \
  } while (0)

TEST_F(KMeansLibTest, OnDevice_EmulatedBoardsGiveTheHostsBits) {
  SKIP_WITHOUT_DEVICE_TOOLS();
  const std::vector<Window> windows = NormalAndFault();
  ASSERT_EQ(windows.size(), 2u);
  const train::KMeansModel host = testing::ReadRecordedKMeans(project(), 1);
  testing::TempDir dir;
  const auto e = RunMote({"export", "--model", model_file().string(), "--format", "cpp-lib", "--name", "model", "-o",
                          (dir.path() / "lib").string(), "--json"},
                         project());
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const json exported = json::parse(e.out);
  for (size_t target : {size_t{0}, size_t{2}}) {  // Cortex-M4F (mps2-an386), Cortex-M33 (mps2-an505)
    const DeviceTarget& board = DeviceTargets()[target];
    SCOPED_TRACE(std::string(board.board));
    AotBuildOptions build;
    build.target = &board;
    build.build_dir = dir.path() / ("build-" + std::to_string(target));
    build.warnings_as_errors = true;
    Result<std::vector<fs::path>> images = BuildAotRunners(build, {dir.path() / "lib"});
    ASSERT_TRUE(images.ok()) << images.status().ToString();
    // micro/anomaly's code (KMeansScore, SquareRoot) in the image.
    Result<uint32_t> scorer_bytes = NnRuntimeCodeBytes((*images)[0], "anomaly");
    ASSERT_TRUE(scorer_bytes.ok()) << scorer_bytes.status().ToString();
    EXPECT_GT(*scorer_bytes, 0u);
    for (const Window& w : windows) {
      SCOPED_TRACE(w.label);
      NnDeviceOptions options;
      options.target = &board;
      options.label = "kmeans.json";
      Result<NnDeviceRun> run = RunAotRunner(
          options, (*images)[0],
          {std::string(reinterpret_cast<const char*>(w.raw.data()), w.raw.size() * sizeof(float))});
      ASSERT_TRUE(run.ok()) << run.status().ToString();
      ASSERT_EQ(run->outputs.size(), 1u);
      const float score = FloatOf(run->outputs[0]);
      EXPECT_EQ(dsp::FloatBits(score), dsp::FloatBits(MicroScore(w.raw))) << score << " vs " << MicroScore(w.raw);
      ExpectNearHost(score, host.Score(w.normalized));
      EXPECT_EQ(run->arena_bytes, exported["arena_bytes"].get<uint64_t>());
      // The generated constants: the tables the export counted, plus the
      // KMeansTables struct that points at them.
      EXPECT_GE(run->model_bytes, exported["constant_bytes"].get<uint64_t>());
      EXPECT_LE(run->model_bytes, exported["constant_bytes"].get<uint64_t>() + 64);
      EXPECT_GT(run->instructions, 0u);
      std::printf("%-12s %-9s score %.6f  instructions %llu  flash: micro/anomaly %u, generated code %u, "
                  "tables %u\n",
                  std::string(board.board).c_str(), w.label.c_str(), static_cast<double>(score),
                  static_cast<unsigned long long>(run->instructions), *scorer_bytes, run->generated_code_bytes,
                  run->model_bytes);
    }
  }
}

TEST_F(KMeansLibTest, OnDevice_MoteBenchRunsAKMeansModelOnTheCortexM55) {
  SKIP_WITHOUT_DEVICE_TOOLS();
  const std::vector<Window> windows = NormalAndFault();
  ASSERT_EQ(windows.size(), 2u);
  testing::TempDir dir;
  const Window& fault = windows[1];
  testing::WriteBytes(dir.path() / "window.bin",
                      std::vector<uint8_t>(reinterpret_cast<const uint8_t*>(fault.raw.data()),
                                           reinterpret_cast<const uint8_t*>(fault.raw.data() + fault.raw.size())));
  const auto r = RunMote({"bench", model_file().string(), "--target", "qemu-mps3-an547", "--input",
                          (dir.path() / "window.bin").string(), "--json"},
                         project());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json b = json::parse(r.out);
  EXPECT_EQ(b["runtime"], "aot");
  EXPECT_EQ(b["inputs"], "files");
  EXPECT_GT(b["instructions"].get<uint64_t>(), 0u);
  EXPECT_EQ(b["ram_bytes"], (fault.raw.size() + 1) * 4);
  EXPECT_GT(b["runtime_code_bytes"].get<uint64_t>(), 0u);  // the scorer
  EXPECT_GE(b["model_bytes"].get<uint64_t>(), (3 * fault.raw.size() + 3 + 2 * fault.raw.size()) * 4);
  // A window of the wrong size is refused before anything is built.
  testing::WriteBytes(dir.path() / "short.bin", std::vector<uint8_t>(8, 0));
  const auto bad = RunMote({"bench", model_file().string(), "--target", "qemu-mps3-an547", "--input",
                            (dir.path() / "short.bin").string()},
                           project());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "mote: error: " + (dir.path() / "short.bin").string() + ": 8 bytes, but input 0 of the model takes " +
                         std::to_string(fault.raw.size() * 4) + "\n");
}

TEST_F(KMeansLibTest, BadModelFilesAndOptionsAreOneLineErrorsWritingNothing) {
  auto text = ReadFile(model_file());
  ASSERT_TRUE(text.ok());
  const json good = json::parse(*text);
  struct Case {
    std::string name;
    std::function<void(json&)> spoil;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"dims", [](json& j) { j["dims"] = j["dims"].get<int64_t>() + 1; },
       "centroids: 135 values, not 3 clusters x 46 dims"},
      {"centroid", [](json& j) { j["centroids"][7] = "x"; }, "centroids[7]: not a number within float's range"},
      {"spread", [](json& j) { j["spread"][1] = 0; }, "spread[1]: not positive"},
      {"norm", [](json& j) { j["normalization"]["scale"].erase(0); },
       "normalization: 45 offsets and 44 scales are not the features of whole frames of dims 45"},
      {"flag", [](json& j) { j.erase("scale_by_spread"); }, "scale_by_spread: missing or not true/false"},
  };
  testing::TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    json spoiled = good;
    c.spoil(spoiled);
    const fs::path file = dir.path() / (c.name + ".json");
    ASSERT_TRUE(WriteFileAtomically(file, spoiled.dump()).ok());
    const auto r = RunMote({"export", "--model", file.string(), "--format", "cpp-lib", "-o",
                            (dir.path() / "lib").string()},
                           project());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "mote: error: " + file.string() + ": " + c.error + "\n");
    EXPECT_FALSE(fs::exists(dir.path() / "lib"));
  }
  const fs::path not_json = dir.path() / "broken.json";
  ASSERT_TRUE(WriteFileAtomically(not_json, "{\"dims\": ").ok());
  auto r = RunMote({"export", "--model", not_json.string(), "--format", "cpp-lib", "-o", (dir.path() / "lib").string()},
                   project());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: " + not_json.string() + ": not JSON (expected a K-means run's kmeans.json)\n");
  // Options that do not apply to a K-means model.
  r = RunMote({"export", "--model", model_file().string(), "--format", "cpp-lib", "--runtime", "interpreter", "-o",
               (dir.path() / "lib").string()},
              project());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err, "mote: error: --runtime interpreter: a K-means model has generated code only (aot)\n");
  r = RunMote({"export", "--model", model_file().string(), "--format", "tflite", "-o", (dir.path() / "m.tflite").string()},
              project());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err, "mote: error: --model " + model_file().string() +
                       ": a K-means model (kmeans.json) exports as --format cpp-lib only\n");
  EXPECT_FALSE(fs::exists(dir.path() / "lib"));
  EXPECT_FALSE(fs::exists(dir.path() / "m.tflite"));
}

}  // namespace
}  // namespace mote
