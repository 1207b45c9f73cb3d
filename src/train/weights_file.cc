#include "train/weights_file.h"

#include <cstring>

#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace mote::train {

using json = nlohmann::json;

WeightsFiles SerializeWeights(const Model<float>& model, const std::vector<std::string>& classes) {
  const std::vector<Tensor<float>> state = model.SaveState();
  const std::vector<std::string> names = model.StateNames();
  json tensors = json::array();
  WeightsFiles files;
  int64_t offset = 0;
  for (size_t i = 0; i < state.size(); ++i) {
    if (state[i].empty()) continue;
    tensors.push_back({{"name", names[i]}, {"shape", state[i].shape()}, {"offset", offset}});
    offset += state[i].size();
    for (float v : state[i].values()) {
      uint32_t u;
      std::memcpy(&u, &v, 4);
      for (int b = 0; b < 4; ++b) files.bin.push_back(static_cast<char>((u >> (8 * b)) & 0xFF));
    }
  }
  json index = {{"tensors", tensors}, {"floats", offset}};
  if (!classes.empty()) index["classes"] = classes;
  files.json = index.dump(2) + "\n";
  return files;
}

Result<StoredWeights> ParseWeights(const std::string& bin, const std::string& text, const std::string& name) {
  const json index = json::parse(text, nullptr, false);
  auto bad = [&name](const std::string& why) { return Status::Corruption(name + ": " + why); };
  if (!index.is_object() || !index.contains("tensors") || !index["tensors"].is_array() ||
      !index.value("floats", json()).is_number_unsigned()) {
    return bad("weights.json is not {\"tensors\": [...], \"floats\": N}");
  }
  const int64_t floats = index["floats"].get<int64_t>();
  if (static_cast<int64_t>(bin.size()) != floats * 4) {
    return bad("weights.bin holds " + std::to_string(bin.size()) + " bytes, weights.json says " +
               std::to_string(floats) + " floats");
  }
  StoredWeights out;
  for (size_t i = 0; i < index["tensors"].size(); ++i) {
    const json& t = index["tensors"][i];
    const std::string where = "tensors[" + std::to_string(i) + "]";
    if (!t.is_object() || !t.value("name", json()).is_string() || !t.value("shape", json()).is_array() ||
        !t.value("offset", json()).is_number_unsigned()) {
      return bad(where + " needs name, shape and offset");
    }
    Shape shape;
    for (const json& d : t["shape"]) {
      if (!d.is_number_unsigned()) return bad(where + ".shape is not a list of sizes");
      shape.push_back(d.get<int64_t>());
    }
    const int64_t first = t["offset"].get<int64_t>(), size = ShapeSize(shape);
    if (first + size > floats) return bad(where + " runs past the end of weights.bin");
    std::vector<float> values(size);
    for (int64_t k = 0; k < size; ++k) {
      uint32_t u = 0;
      for (int b = 0; b < 4; ++b) u |= uint32_t{static_cast<uint8_t>(bin[(first + k) * 4 + b])} << (8 * b);
      std::memcpy(&values[k], &u, 4);
    }
    out.tensors.push_back({t["name"].get<std::string>(), Tensor<float>(std::move(shape), std::move(values))});
  }
  if (index.contains("classes")) {
    if (!index["classes"].is_array()) return bad("classes is not a list of names");
    std::vector<std::string> classes;
    for (const json& c : index["classes"]) {
      if (!c.is_string()) return bad("classes is not a list of names");
      classes.push_back(c.get<std::string>());
    }
    out.classes = std::move(classes);
  }
  return out;
}

Result<StoredWeights> ReadWeights(const std::filesystem::path& dir) {
  for (const char* file : {"weights.bin", "weights.json"}) {
    if (!std::filesystem::exists(dir / file)) return Status::NotFound((dir / file).string() + ": no such file");
  }
  MOTE_ASSIGN_OR_RETURN(std::string bin, ReadFile(dir / "weights.bin"));
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "weights.json"));
  return ParseWeights(bin, text, (dir / "weights.json").string());
}

}  // namespace mote::train
