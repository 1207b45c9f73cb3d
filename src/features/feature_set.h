// FeatureSet: read access to a features stage output (feature_set_builder.h):
// the metadata, the row index, the normalization and the feature matrix.
// Training, evaluation, `mote features` and the exporter read features
// through it. Not thread-safe (one file position).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "features/feature_file.h"
#include "features/feature_index.h"
#include "features/feature_normalization.h"
#include "features/input_spec.h"
#include "micro/dsp/feature_shape.h"

namespace mote {

// stats.json, typed: per-feature statistics over every row (NaN where a
// value was not finite), counts and the time the computation took.
struct FeatureSummary {
  std::vector<double> mean, std, min, max;  // [features]
  int64_t samples = 0, padded_samples = 0;
  double seconds = 0, samples_per_second = 0;
  struct LabelCounts {
    int64_t train_samples = 0, test_samples = 0, rows = 0;
  };
  std::map<std::string, LabelCounts> labels;
};

class FeatureSet {
 public:
  // Corruption naming the file when one is missing or malformed, or when
  // features.bin and index.json disagree on the row count.
  static Result<std::unique_ptr<FeatureSet>> Open(const std::filesystem::path& dir);

  const std::filesystem::path& dir() const { return dir_; }
  dsp::FeatureShape shape() const { return file_->shape(); }
  uint32_t rows() const { return file_->rows(); }
  const std::vector<FeatureRow>& index() const { return index_; }
  const std::vector<std::string>& feature_names() const { return names_; }
  const InputSpec& input() const { return input_; }
  const FeatureNormalization& normalization() const { return normalization_; }
  // features.json's "dsp": the parsed dsp: section; always has string
  // "block", "numeric" and "normalize".
  const nlohmann::json& dsp() const { return meta_["dsp"]; }
  // features.json and stats.json as written.
  const nlohmann::json& meta() const { return meta_; }
  const nlohmann::json& stats() const { return stats_; }
  const FeatureSummary& summary() const { return summary_; }

  // Rows [first, first + count), each shape().size() values; normalized
  // with normalization() when `normalized`.
  Result<std::vector<float>> ReadRows(uint32_t first, uint32_t count, bool normalized);

 private:
  FeatureSet() = default;
  std::filesystem::path dir_;
  std::unique_ptr<FeatureFileReader> file_;
  std::vector<FeatureRow> index_;
  std::vector<std::string> names_;
  InputSpec input_;
  FeatureNormalization normalization_;
  nlohmann::json meta_, stats_;
  FeatureSummary summary_;
};

}  // namespace mote
