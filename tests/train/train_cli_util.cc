#include "train/train_cli_util.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "test_util.h"

namespace mote::testing {

std::filesystem::path MakeMotionProject(const std::filesystem::path& dir, int count) {
  const RunResult init = RunMote({"init", "p", "--template", "motion"}, dir);
  EXPECT_EQ(init.exit_code, 0) << init.err;
  const RunResult synth = RunMote({"data", "synth", "motion", "--count", std::to_string(count), "-q"}, dir / "p");
  EXPECT_EQ(synth.exit_code, 0) << synth.err;
  return dir / "p";
}

void AppendToMoteYaml(const std::filesystem::path& project, const std::string& text) {
  auto yaml = ReadFile(project / "mote.yaml");
  ASSERT_TRUE(yaml.ok()) << yaml.status().ToString();
  ASSERT_TRUE(WriteFileAtomically(project / "mote.yaml", *yaml + text).ok());
}

train::KMeansModel ReadRecordedKMeans(const std::filesystem::path& project, int64_t run) {
  train::KMeansModel m;
  auto text = ReadFile(project / ".mote" / "runs" / std::to_string(run) / "kmeans.json");
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  if (!text.ok()) return m;
  const nlohmann::json j = nlohmann::json::parse(*text);
  m.dims = j["dims"].get<int64_t>();
  m.scale_by_spread = j["scale_by_spread"].get<bool>();
  m.centroids = j["centroids"].get<std::vector<double>>();
  m.spread = j["spread"].get<std::vector<double>>();
  return m;
}

}  // namespace mote::testing
