#include "data/dataset_manifest.h"

#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace mote {

Result<DatasetManifest> ReadDatasetManifest(const std::filesystem::path& path) {
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  const std::string name = path.string();
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("samples") || !j["samples"].is_array())
    return Status::Corruption(name + ": not a dataset manifest");
  DatasetManifest m;
  m.digest = j.value("digest", "");
  for (size_t i = 0; i < j["samples"].size(); ++i) {
    const nlohmann::json& s = j["samples"][i];
    ManifestSample sample;
    std::optional<Split> split;
    try {
      sample.id = s.at("id").get<int64_t>();
      sample.hash = s.at("hash").get<std::string>();
      sample.label = s.at("label").get<std::string>();
      split = SplitFromName(s.at("split").get<std::string>());
    } catch (const nlohmann::json::exception& e) {
      return Status::Corruption(name + ": samples[" + std::to_string(i) + "]: " + e.what());
    }
    if (!split) return Status::Corruption(name + ": samples[" + std::to_string(i) + "]: unknown split");
    sample.split = *split;
    m.samples.push_back(std::move(sample));
  }
  return m;
}

}  // namespace mote
