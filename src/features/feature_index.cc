#include "features/feature_index.h"

#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace mote {

namespace {
const std::vector<std::string> kColumns = {"sample_id", "window", "label", "split", "padded"};
}  // namespace

Status WriteFeatureIndex(const std::filesystem::path& path, const std::vector<FeatureRow>& rows) {
  nlohmann::json list = nlohmann::json::array();
  for (const FeatureRow& r : rows) list.push_back({r.sample_id, r.window, r.label, SplitName(r.split), r.padded});
  nlohmann::json j = {{"columns", kColumns}, {"rows", std::move(list)}};
  return WriteFileAtomically(path, j.dump());
}

Result<std::vector<FeatureRow>> ReadFeatureIndex(const std::filesystem::path& path) {
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  const std::string name = path.string();
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("columns", nlohmann::json()) != nlohmann::json(kColumns) ||
      !j.contains("rows") || !j["rows"].is_array())
    return Status::Corruption(name + ": not a feature index (columns " + nlohmann::json(kColumns).dump() + ")");
  std::vector<FeatureRow> rows;
  rows.reserve(j["rows"].size());
  for (size_t i = 0; i < j["rows"].size(); ++i) {
    const nlohmann::json& r = j["rows"][i];
    FeatureRow row;
    std::optional<Split> split;
    try {
      row.sample_id = r.at(0).get<int64_t>();
      row.window = r.at(1).get<uint32_t>();
      row.label = r.at(2).get<std::string>();
      split = SplitFromName(r.at(3).get<std::string>());
      row.padded = r.at(4).get<bool>();
    } catch (const nlohmann::json::exception& e) {
      return Status::Corruption(name + ": rows[" + std::to_string(i) + "]: " + e.what());
    }
    if (!split) return Status::Corruption(name + ": rows[" + std::to_string(i) + "]: unknown split");
    row.split = *split;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace mote
