#include "cli/recorded_run.h"

#include <fmt/format.h>

#include "train/run_store.h"

namespace mote {

namespace fs = std::filesystem;

Result<RecordedRun> FindRecordedRun(Project& project, int64_t id) {
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  train::RunStore runs(store->db());
  std::optional<train::RunRecord> run;
  if (id > 0) {
    MOTE_ASSIGN_OR_RETURN(run, runs.Get(id));
  } else {
    MOTE_ASSIGN_OR_RETURN(run, runs.Latest());
  }
  if (!run) return Status::NotFound("no trained model: the project store records no training run; run `mote train` first");
  if (!train::TrainedNetwork(*run)) {
    return Status::InvalidArgument(fmt::format("run {} is a K-means anomaly model ({}), not a network: train one "
                                               "(a classifier or method: autoencoder) or pick one with --run",
                                               run->id, run->model_path));
  }
  RecordedRun r{run->id, project.root() / run->model_path,
                project.state_dir() / "stages" / "features" / run->features_key};
  if (!fs::exists(r.model)) return Status::NotFound(fmt::format("run {}: {} is missing", run->id, run->model_path));
  if (!fs::exists(r.features / "stage.json")) {
    return Status::NotFound(fmt::format("run {}: no features: the features it was trained on ({}) are gone; run "
                                        "`mote train` again",
                                        run->id, r.features.lexically_relative(project.root()).string()));
  }
  return r;
}

fs::path Int8ModelPath(const RecordedRun& run) { return run.model.parent_path() / "model_int8.tflite"; }

}  // namespace mote
