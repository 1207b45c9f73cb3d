#include "model/mote_metadata.h"

namespace mote::model {

namespace {
constexpr int kFormat = 1;
}  // namespace

std::string SerializeMoteMetadata(const MoteMetadata& m) {
  nlohmann::json j = {{"format", kFormat},
                      {"mote_version", m.mote_version},
                      {"lineage", m.lineage},
                      {"labels", m.labels},
                      {"dsp", m.dsp}};
  return j.dump();
}

Result<MoteMetadata> ParseMoteMetadata(const std::vector<uint8_t>& bytes) {
  const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption("not valid JSON");
  if (!j.is_object()) return Status::Corruption("expected a JSON object");
  if (!j.contains("format") || !j["format"].is_number_integer() || j["format"].get<int64_t>() != kFormat)
    return Status::Unsupported("format: expected 1 (written by a newer mote?)");
  MoteMetadata m;
  auto text = [&](const char* key, std::string& out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_string()) return Status::Corruption(std::string(key) + ": expected a string");
    out = j[key].get<std::string>();
    return Status::Ok();
  };
  MOTE_RETURN_IF_ERROR(text("mote_version", m.mote_version));
  MOTE_RETURN_IF_ERROR(text("lineage", m.lineage));
  if (j.contains("labels")) {
    const nlohmann::json& labels = j["labels"];
    if (!labels.is_array()) return Status::Corruption("labels: expected an array of strings");
    for (const nlohmann::json& l : labels) {
      if (!l.is_string()) return Status::Corruption("labels: expected an array of strings");
      m.labels.push_back(l.get<std::string>());
    }
  }
  if (j.contains("dsp")) m.dsp = j["dsp"];
  return m;
}

}  // namespace mote::model
