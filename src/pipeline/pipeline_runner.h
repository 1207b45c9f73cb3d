// Runs the pipeline: each stage in dependency order, skipping those whose key
// already has an output (see stage.h). A stage's output folder is written
// under a temporary name and renamed into place when the stage succeeds, so
// an interrupted run leaves no half-made output that a later run would trust.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/stage.h"

namespace mote {

struct PipelineOptions {
  std::vector<std::string> force;  // re-run these stages (and what reads them)
  std::string until;               // stop after this stage (empty: run all)
  bool dry_run = false;            // say what would run, run nothing
  bool show_progress = true;
  // Stages asked to continue from their checkpoint (StageContext::resume).
  std::vector<std::string> resume{};
  // Stages asked to start from another training's weights (StageContext::start_from).
  std::map<std::string, StartFrom> start_from{};
};

struct StageOutcome {
  std::string stage;
  enum class What { kRan, kSkipped, kDisabled, kWouldRun, kNotReached } what;
  std::string key;      // hex; empty when disabled
  std::string digest;   // output digest; empty unless ran or skipped
  std::string reason;   // why it ran or was skipped, for the user
  double seconds = 0;
};

// Prints one line per stage to stderr as it goes (unless !show_progress) and
// returns every stage's outcome. Stops at the first failing stage and returns
// its error prefixed with the stage's name.
Result<std::vector<StageOutcome>> RunPipeline(Project& project, const PipelineOptions& options);

}  // namespace mote
