#include "features/feature_set.h"

#include <limits>

#include "core/file_util.h"

namespace mote {

namespace {

Result<nlohmann::json> ReadJson(const std::filesystem::path& path) {
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption(path.string() + ": not a JSON object");
  return j;
}

// stats.json's features.<key> as numbers; JSON null (a NaN written) reads as NaN.
Result<std::vector<double>> Column(const nlohmann::json& stats, const char* key, uint32_t features,
                                   const std::string& file) {
  const nlohmann::json* column = stats.contains("features") ? &stats["features"] : nullptr;
  if (!column || !column->contains(key) || !(*column)[key].is_array() || (*column)[key].size() != features)
    return Status::Corruption(file + ": features." + key + ": expected " + std::to_string(features) + " values");
  std::vector<double> values;
  for (const nlohmann::json& v : (*column)[key])
    values.push_back(v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN());
  return values;
}

}  // namespace

Result<std::unique_ptr<FeatureSet>> FeatureSet::Open(const std::filesystem::path& dir) {
  std::unique_ptr<FeatureSet> set(new FeatureSet());
  set->dir_ = dir;
  MOTE_ASSIGN_OR_RETURN(set->file_, FeatureFileReader::Open(dir / "features.bin"));
  MOTE_ASSIGN_OR_RETURN(set->index_, ReadFeatureIndex(dir / "index.json"));
  if (set->index_.size() != set->file_->rows())
    return Status::Corruption((dir / "index.json").string() + ": " + std::to_string(set->index_.size()) +
                              " rows, but features.bin has " + std::to_string(set->file_->rows()));
  MOTE_ASSIGN_OR_RETURN(set->normalization_, FeatureNormalization::Read(dir));
  if (set->normalization_.features() != set->file_->shape().features)
    return Status::Corruption((dir / "normalization.bin").string() + ": " +
                              std::to_string(set->normalization_.features()) + " features, but features.bin has " +
                              std::to_string(set->file_->shape().features));
  const std::string meta_name = (dir / "features.json").string();
  MOTE_ASSIGN_OR_RETURN(set->meta_, ReadJson(dir / "features.json"));
  MOTE_ASSIGN_OR_RETURN(set->stats_, ReadJson(dir / "stats.json"));
  if (!set->meta_.contains("input")) return Status::Corruption(meta_name + ": input: missing");
  const nlohmann::json& dsp = set->meta_.contains("dsp") ? set->meta_["dsp"] : nlohmann::json();
  for (const char* key : {"block", "numeric", "normalize"})
    if (!dsp.is_object() || !dsp.contains(key) || !dsp[key].is_string())
      return Status::Corruption(meta_name + ": dsp." + key + ": missing");
  MOTE_ASSIGN_OR_RETURN(set->input_, InputSpec::FromJson(set->meta_["input"], meta_name));
  try {
    set->names_ = set->meta_.at("feature_names").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(meta_name + ": feature_names: " + e.what());
  }
  if (set->names_.size() != set->file_->shape().features)
    return Status::Corruption(meta_name + ": feature_names: " + std::to_string(set->names_.size()) +
                              " names for " + std::to_string(set->file_->shape().features) + " features");
  const std::string stats_name = (dir / "stats.json").string();
  const uint32_t n = set->file_->shape().features;
  MOTE_ASSIGN_OR_RETURN(set->summary_.mean, Column(set->stats_, "mean", n, stats_name));
  MOTE_ASSIGN_OR_RETURN(set->summary_.std, Column(set->stats_, "std", n, stats_name));
  MOTE_ASSIGN_OR_RETURN(set->summary_.min, Column(set->stats_, "min", n, stats_name));
  MOTE_ASSIGN_OR_RETURN(set->summary_.max, Column(set->stats_, "max", n, stats_name));
  FeatureSummary& sum = set->summary_;
  try {
    sum.samples = set->stats_.at("samples").get<int64_t>();
    sum.padded_samples = set->stats_.at("padded_samples").get<int64_t>();
    sum.seconds = set->stats_.at("seconds").get<double>();
    sum.samples_per_second = set->stats_.at("samples_per_second").get<double>();
    for (const auto& [label, c] : set->stats_.at("labels").items())
      sum.labels[label] = {c.at("train_samples").get<int64_t>(), c.at("test_samples").get<int64_t>(),
                           c.at("rows").get<int64_t>()};
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(stats_name + ": " + e.what());
  }
  return set;
}

Result<std::vector<float>> FeatureSet::ReadRows(uint32_t first, uint32_t count, bool normalized) {
  std::vector<float> values(size_t{count} * shape().size());
  MOTE_RETURN_IF_ERROR(file_->ReadRows(first, count, values.data()));
  if (normalized) normalization_.Apply(values.data(), count * shape().frames);
  return values;
}

}  // namespace mote
