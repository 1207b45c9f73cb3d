// The train stage's fine-tuning steps (`mote train --from SOURCE --freeze
// N [--compare-scratch]`, docs/training.md "Fine-tuning"): before training,
// the source's weights into the built network (warm_start.h) and the first
// N layers frozen (Model::FreezeLayers); after it, the comparison with a
// recorded scratch run (scratch_comparison.h). What they produce is
// metrics.json's "fine_tune" block:
//   {"from": {"name", "run" (id or null), "weights_sha256"}, "freeze",
//    "frozen_parameters", "new_classes", "dropped_classes",
//    "comparison" (null when no scratch run matches)}
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "pipeline/stage.h"
#include "train/model.h"
#include "train/scratch_comparison.h"

namespace mote::train {

// Warm-starts `model`, whose outputs are `classes` when `classifier`, and
// freezes its first `freeze` layers (the caller resolved --freeze against
// the train: section's freeze). Returns the block without "comparison".
// Errors: LoadWarmStartSource's, ApplyWarmStart's (a mismatched layer), and
// `freeze_error(message)` for a count the network cannot take.
Result<nlohmann::json> StartFineTune(Project& project, const std::string& source, int64_t freeze,
                                     const std::function<Status(const std::string&)>& freeze_error,
                                     const std::vector<std::string>& classes, bool classifier, Model<float>* model);

// Sets `block`'s "comparison" against the newest scratch run recorded on
// `features_digest` with these `parameters` ("model" and "train", the
// fine-tuned run's); null when there is none.
Status AddScratchComparison(Project& project, const std::string& features_digest, const nlohmann::json& parameters,
                            const TrainingCurve& fine_tuned, bool reconstruction, nlohmann::json* block);

}  // namespace mote::train
