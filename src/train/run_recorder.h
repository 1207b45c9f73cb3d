// Recording a finished training in the project: the run's row in the store
// (run_store.h) and its files - the model (and the training baseline as
// baseline.json, when the run has one) under .mote/runs/<id>/ and the
// report under reports/runs/<id>/ - all or nothing. The files are written
// under temporary names, renamed into place while the store's transaction
// holds the run, and removed if anything fails before it commits; so a
// failure records no run and leaves no folder that a run does not own.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "project/project.h"
#include "train/run_store.h"

namespace mote::train {

struct RunFiles {
  std::string model{};  // the model file's bytes (a .tflite unless model_name says otherwise)
  std::string model_name = kNetworkModelFile;
  // Writes the report into `dir` (an empty folder) for `run` (id and paths
  // set); may be empty (no report).
  std::function<Status(const std::filesystem::path& dir, const RunRecord& run)> write_report{};
  // More files for the run's folder beside the model, by name (the
  // weights a later `mote train --from` starts from, weights_file.h).
  std::vector<std::pair<std::string, std::string>> state_files{};
};

// Records `run` (its id, model_path and report_path are set here) and
// writes `files`. Returns the run as recorded.
Result<RunRecord> RecordRun(Project& project, RunRecord run, const RunFiles& files);

}  // namespace mote::train
