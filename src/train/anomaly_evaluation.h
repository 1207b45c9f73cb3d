// The pieces of anomaly detection that both methods (kmeans.h,
// autoencoder_scores.h) share in the train stage: which class is normal,
// training on its rows only, and the test split's ROC AUC of normal
// against every other class.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "train/trainer.h"

namespace mote::train {

// The index of `normal_label` in `classes`; NotFound listing the classes.
Result<int32_t> NormalClassIndex(const std::vector<std::string>& classes, const std::string& normal_label);

// The rows of `examples` labelled `normal` (labels kept), in order.
Examples NormalRows(const Examples& examples, int32_t normal);

// The test split's anomaly figures for `scores` (one per row of `labels`,
// higher: more anomalous): {"method", "normal_label", "test_normal",
// "test_anomalous", "mean_score_normal", "mean_score_anomalous",
// "roc_auc"} with roc_auc null when the test split lacks normal or
// anomalous rows (an AUC needs both). Requires scores.size() == labels.size().
nlohmann::json AnomalyTestJson(const std::string& method, const std::string& normal_label, int32_t normal,
                               const std::vector<double>& scores, const std::vector<int32_t>& labels);

}  // namespace mote::train
