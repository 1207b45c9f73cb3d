// What fine-tuning bought: a fine-tuned run (`mote train --from`) against
// the newest recorded run trained from scratch on the same features with the
// same model: and train: sections (`mote train`, or `--compare-scratch`,
// which trains or finds that run first). Nothing is estimated: both sides
// are recorded trainings.
//
// The figures: each run's epochs, training time (the sum of its epochs'
// seconds) and test accuracy (test loss for a reconstruction model), and the
// time each took to reach the same quality - the first epoch at which its
// validation accuracy (train accuracy without a validation split; loss for
// a reconstruction model) reached the worse of the two runs' best values,
// a level both runs attain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "train/run_store.h"

namespace mote::train {

// The newest run of `runs` without a `from` parameter whose features and
// model:/train: parameters are `features_digest`, `model` and `train`;
// nullopt when there is none. `runs` is RunStore::List()'s.
std::optional<int64_t> FindScratchRun(const std::vector<RunRecord>& runs, const std::string& features_digest,
                                      const nlohmann::json& model, const nlohmann::json& train);

// A run's side of the comparison.
struct TrainingCurve {
  std::vector<EpochMetrics> epochs{};
  double test_score = 0;  // accuracy, or the test loss for reconstruction
  bool has_validation = false;
};

// {"scratch_run", "metric", "target", "fine_tuned": {...}, "scratch": {...}}
// with per side {"epochs", "seconds", "test_accuracy" or "test_loss",
// "epochs_to_target", "seconds_to_target"}.
nlohmann::json CompareWithScratch(const TrainingCurve& fine_tuned, int64_t scratch_run, const TrainingCurve& scratch,
                                  bool reconstruction);

// The metrics.json "fine_tune" block (the source, frozen layers, classes
// and the comparison, see train_stage.cc) as lines for `mote train`'s
// summary, and as an HTML section for the run's report.
std::vector<std::string> FineTuneLines(const nlohmann::json& fine_tune);
std::string FineTuneHtml(const nlohmann::json& fine_tune);

}  // namespace mote::train
