#include "train/warm_start.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "core/hash.h"
#include "train/run_store.h"

namespace mote::train {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

Result<std::string> FilesDigest(const fs::path& dir) {
  Sha256 h;
  for (const char* file : {"weights.bin", "weights.json"}) {
    MOTE_ASSIGN_OR_RETURN(Digest d, Sha256OfFile(dir / file));
    h.UpdateField(file).UpdateField(ToHex(d));
  }
  return ToHex(h.Finish());
}

Result<WarmStartSource> FromFolder(const fs::path& dir, std::string name) {
  WarmStartSource s;
  s.name = std::move(name);
  MOTE_ASSIGN_OR_RETURN(s.weights, ReadWeights(dir));
  MOTE_ASSIGN_OR_RETURN(s.digest, FilesDigest(dir));
  return s;
}

std::optional<std::vector<std::string>> ClassesOf(const json& j) {
  if (!j.is_array()) return std::nullopt;
  std::vector<std::string> classes;
  for (const json& c : j) {
    if (!c.is_string()) return std::nullopt;
    classes.push_back(c.get<std::string>());
  }
  return classes;
}

// A recorded run: its own weights, or (runs recorded before they kept
// weights) its stage output while that still holds the run's very model.
Result<WarmStartSource> FromRun(Project& project, int64_t id) {
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  MOTE_ASSIGN_OR_RETURN(RunRecord run, RunStore(store->db()).Get(id));
  const std::string name = fmt::format("run {}", id);
  if (!TrainedNetwork(run)) {
    return Status::InvalidArgument(name + " is a K-means anomaly model (" + run.model_path +
                                   "): it has no network weights to start from");
  }
  fs::path dir = project.root() / RunDir(id);
  if (!fs::exists(dir / "weights.json")) {
    dir = project.state_dir() / "stages" / "train" / run.stage_key;
    Result<Digest> model = Sha256OfFile(dir / "model.tflite");
    if (!model.ok() || ToHex(*model) != run.model_sha256 || !fs::exists(dir / "weights.json")) {
      return Status::NotFound(name + " has no weights to start from: it was recorded before runs kept them and " +
                              "its train stage output has since changed; train it again");
    }
  }
  MOTE_ASSIGN_OR_RETURN(WarmStartSource s, FromFolder(dir, name));
  s.run_id = id;
  if (!s.weights.classes) s.weights.classes = ClassesOf(run.parameters.value("classes", json()));
  return s;
}

// The rows of `to` (dim 0 = `classes`) from the rows of `from` (dim 0 =
// `old_classes`) by class name; rows of new classes keep their values.
void CopyRowsByClass(const Tensor<float>& from, const std::vector<std::string>& old_classes,
                     const std::vector<std::string>& classes, Tensor<float>* to) {
  const int64_t row = from.size() / from.dim(0);
  for (size_t i = 0; i < classes.size(); ++i) {
    const auto old = std::find(old_classes.begin(), old_classes.end(), classes[i]);
    if (old == old_classes.end()) continue;
    const int64_t j = old - old_classes.begin();
    std::copy(from.data() + j * row, from.data() + (j + 1) * row, to->data() + i * row);
  }
}

std::string LayerOf(const std::string& tensor) { return tensor.substr(0, tensor.find('/')); }
std::string WhatOf(const std::string& tensor) { return tensor.substr(tensor.find('/') + 1); }

}  // namespace

Result<WarmStartSource> LoadWarmStartSource(Project& project, const std::string& source) {
  if (!source.empty() && std::all_of(source.begin(), source.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return FromRun(project, std::stoll(source));
  }
  fs::path dir = source;
  if (dir.filename() == "weights.json") dir = dir.parent_path();
  if (!fs::is_directory(dir)) {
    return Status::NotFound(source + ": neither a run id nor a folder holding weights.json and weights.bin");
  }
  MOTE_ASSIGN_OR_RETURN(WarmStartSource s, FromFolder(dir, source));
  if (!s.weights.classes && fs::exists(dir / "metrics.json")) {
    MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "metrics.json"));
    s.weights.classes = ClassesOf(json::parse(text, nullptr, false).value("classes", json()));
  }
  return s;
}

Result<WarmStart> ApplyWarmStart(const WarmStartSource& source, const std::vector<std::string>& classes,
                                 bool classifier, Model<float>* model) {
  // The head: the last layer with a kernel, whose rows are the classes.
  std::string head;
  for (const auto& layer : model->layers()) {
    if (layer.kernel) head = layer.spec.name;
  }
  const std::vector<std::string>& old_classes = source.weights.classes.value_or(classes);
  const bool remap_head = classifier && old_classes != classes;
  WarmStart out;
  if (classifier) {
    for (const std::string& c : classes) {
      if (std::find(old_classes.begin(), old_classes.end(), c) == old_classes.end()) out.new_classes.push_back(c);
    }
    for (const std::string& c : old_classes) {
      if (std::find(classes.begin(), classes.end(), c) == classes.end()) out.dropped_classes.push_back(c);
    }
  }

  std::map<std::string, const Tensor<float>*> stored;
  for (const NamedTensor& t : source.weights.tensors) stored[t.name] = &t.value;
  std::vector<Tensor<float>> state = model->SaveState();
  const std::vector<std::string> names = model->StateNames();
  for (size_t i = 0; i < state.size(); ++i) {
    if (state[i].empty()) continue;
    const std::string& name = names[i];
    const auto it = stored.find(name);
    if (it == stored.end()) {
      return Status::InvalidArgument(fmt::format("{}: layer '{}': {} has no {} (this network's is {})", source.name,
                                                 LayerOf(name), source.name, WhatOf(name),
                                                 ShapeString(state[i].shape())));
    }
    const Tensor<float>& from = *it->second;
    stored.erase(it);
    const bool head_rows = remap_head && LayerOf(name) == head && from.rank() >= 1 &&
                           from.dim(0) == static_cast<int64_t>(old_classes.size()) &&
                           state[i].dim(0) == static_cast<int64_t>(classes.size()) &&
                           Shape(from.shape().begin() + 1, from.shape().end()) ==
                               Shape(state[i].shape().begin() + 1, state[i].shape().end());
    if (head_rows) {
      CopyRowsByClass(from, old_classes, classes, &state[i]);
    } else if (from.shape() == state[i].shape()) {
      state[i] = from;
    } else {
      std::string why;
      if (classifier && LayerOf(name) == head && !source.weights.classes) {
        why = fmt::format(" ({} does not name its classes, so its head cannot follow the new ones)", source.name);
      }
      return Status::InvalidArgument(fmt::format("{}: layer '{}': {} is {} there, {} in this network{}", source.name,
                                                 LayerOf(name), WhatOf(name), ShapeString(from.shape()),
                                                 ShapeString(state[i].shape()), why));
    }
  }
  if (!stored.empty()) {
    const auto& [name, tensor] = *stored.begin();
    return Status::InvalidArgument(fmt::format("{}: layer '{}': {} has {} {}, this network has no such tensor",
                                               source.name, LayerOf(name), source.name, WhatOf(name),
                                               ShapeString(tensor->shape())));
  }
  model->RestoreState(state);
  return out;
}

}  // namespace mote::train
