// The training baseline (training_baseline.h) in a run's report, compactly:
//   confidence.svg          the held-out split's top-class probability
//                           histogram (classifiers), or
//   reconstruction_error.svg  its reconstruction-error histogram
//                           (autoencoders), or
//   anomaly_score.svg       its K-means anomaly-score histogram
//   feature_histograms.svg  one row per histogram channel, its bins as
//                           shares of the channel's values (a heatmap)
// and an HTML section with the class mix and, for at most
// kMaxHistogramChannels features, a per-feature statistics table.
// Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace mote::train {

// Writes the pictures of `baseline` into `dir` (which must exist) and
// returns the HTML section that shows them (an <h2> and what follows).
// InvalidArgument when `baseline` lacks a field of its format (version 1
// or 2) or holds no held-out histogram.
Result<std::string> WriteBaselineReport(const std::filesystem::path& dir, const nlohmann::json& baseline);

}  // namespace mote::train
