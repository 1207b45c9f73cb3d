// The report folder of a training run (reports/runs/<id>/), for people:
//   loss.svg       train and validation loss per epoch (runs with epochs:
//                  not K-means, whose report links its windows/ instead)
//   accuracy.svg   train and validation accuracy per epoch (classifiers)
//   confusion.svg  the test split's confusion matrix as a heatmap (its
//                  cells a PNG, src/report/png.h), rows the true classes
//   report.json    the numbers behind them: the run, its epochs, the
//                  test metrics (classification_metrics.h's JSON) and an
//                  anomaly run's ROC AUC (anomaly_evaluation.h's JSON)
//   index.html     all of it on one page: the run's parameters, data,
//                  code version and duration, the curves, the training
//                  baseline when the run has one (baseline_report.h, with
//                  its pictures), the confusion matrix with its counts,
//                  and per-class precision, recall, F1 and support
// Every file is written atomically. Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <optional>

#include "core/status.h"
#include "train/classification_metrics.h"
#include "train/run_store.h"

namespace mote::train {

// Writes the report of `run` (with its epochs) into `dir`, which must
// exist. `test` holds the test split's metrics for a classifier; nullopt
// for a reconstruction model (no accuracy, no confusion matrix).
Status WriteRunReport(const std::filesystem::path& dir, const RunRecord& run,
                      const std::optional<ClassificationMetrics>& test);

}  // namespace mote::train
