// Which windows of the recordings look most anomalous: the anomaly score
// of every row of a features output (every window of every sample, train
// and test alike), ranked, for data without labels where an ROC AUC cannot
// be had (an ECG with no beat annotations). A report folder, for people:
//   scores.csv        every window: row, sample_id, source, label, split,
//                     window, start_s, end_s, score
//   signal_<id>.svg   the recordings that hold the top windows (at most
//                     kPlottedRecordings, series only): the signal's first
//                     axis with the top windows marked by rank
//   scores_<id>.svg   their windows' scores over time
//   window_<rank>.svg the top kZoomedWindows windows' signal, close up
//   roc.svg           when the test split holds normal and other windows:
//                     the ROC curve of normal against the rest (roc_curve.h)
//   index.html        the ranking table, the test split's ROC AUC when
//                     there is one, and the pictures
// Every file is written atomically. Not thread-safe (reads `features`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "core/status.h"
#include "data/dataset_store.h"
#include "features/feature_set.h"

namespace mote::train {

// Where `mote train` with method: kmeans writes it: this folder of the
// run's report (reports/runs/<id>/windows).
inline constexpr char kWindowReportDir[] = "windows";
inline constexpr int kRankedWindows = 10;
inline constexpr int kPlottedRecordings = 3;
inline constexpr int kZoomedWindows = 5;

// Writes the report into `dir` (created if missing). `scores` has one
// score per row of `features`, higher meaning more anomalous; `method`
// names the scorer for the page ("kmeans"); rows labelled `normal_label`
// are normal, the others anomalous (for the ROC curve). Samples are read
// from `store` for the plots. InvalidArgument when scores and rows differ
// in number.
Status WriteWindowScoreReport(const std::filesystem::path& dir, const FeatureSet& features, DatasetStore& store,
                              std::span<const double> scores, const std::string& method,
                              const std::string& normal_label);

}  // namespace mote::train
