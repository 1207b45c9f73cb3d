#include "train/anomaly_evaluation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "train/roc_auc.h"

namespace mote::train {

Result<int32_t> NormalClassIndex(const std::vector<std::string>& classes, const std::string& normal_label) {
  for (size_t i = 0; i < classes.size(); ++i) {
    if (classes[i] == normal_label) return static_cast<int32_t>(i);
  }
  return Status::NotFound(
      fmt::format("'{}' is not one of the classes ({})", normal_label, fmt::join(classes, ", ")));
}

Examples NormalRows(const Examples& examples, int32_t normal) {
  Examples out{examples.shape, {}, {}};
  const int64_t size = ShapeSize(examples.shape);
  for (size_t i = 0; i < examples.labels.size(); ++i) {
    if (examples.labels[i] != normal) continue;
    const auto first = examples.features.begin() + static_cast<int64_t>(i) * size;
    out.features.insert(out.features.end(), first, first + size);
    out.labels.push_back(normal);
  }
  return out;
}

nlohmann::json AnomalyTestJson(const std::string& method, const std::string& normal_label, int32_t normal,
                               const std::vector<double>& scores, const std::vector<int32_t>& labels) {
  std::vector<uint8_t> anomalous(labels.size());
  int64_t anomalies = 0;
  double normal_sum = 0, anomalous_sum = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    anomalous[i] = labels[i] != normal;
    anomalies += anomalous[i];
    (anomalous[i] ? anomalous_sum : normal_sum) += scores[i];
  }
  const int64_t normals = static_cast<int64_t>(labels.size()) - anomalies;
  Result<double> auc = RocAuc(scores, anomalous);
  return {{"method", method},
          {"normal_label", normal_label},
          {"test_normal", normals},
          {"test_anomalous", anomalies},
          {"mean_score_normal", normals ? normal_sum / normals : 0.0},
          {"mean_score_anomalous", anomalies ? anomalous_sum / anomalies : 0.0},
          {"roc_auc", auc.ok() ? nlohmann::json(*auc) : nlohmann::json(nullptr)}};
}

}  // namespace mote::train
