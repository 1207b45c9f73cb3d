// Training runs recorded in the project store (.mote/store.db, tables runs
// run_epochs and run_baselines; docs/formats.md): what was trained from what, with which
// parameters and code, how it went epoch by epoch, how long it took, and
// where its model file and report are. As MLflow records a run, but in the
// project's own SQLite file, beside the data it was trained on.
//
// A run is recorded in one transaction together with its files: Begin()
// reserves the id (the write lock is held from then on), the caller writes
// the run's folders (RunModelPath, RunReportDir) and calls Commit(). A
// PendingRun destroyed without Commit() rolls back, so a failure at any
// point records nothing; the caller removes the folders it wrote.
//
// Used from one thread, like the Db it wraps.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sqlite.h"
#include "core/status.h"
#include "train/trainer.h"

namespace mote::train {

struct RunRecord {
  int64_t id = 0;  // set by Begin()
  std::string started_at, finished_at;  // ISO 8601, UTC
  double seconds = 0;                   // wall time of the whole stage
  std::string stage_key;                // the train stage's cache key
  nlohmann::json parameters;            // {"model": ..., "train": ..., ...}
  std::string data_digest;              // the working set's digest when trained
  std::string data_snapshot;            // a snapshot with that digest ("" if none)
  std::string features_digest, features_key;  // the features stage output it read
  std::string mote_version, git_commit;
  std::string model_path, report_path;  // relative to the project root; set by Begin()
  std::string model_sha256;             // hex, of the model file
  double test_loss = 0, test_accuracy = 0;
  nlohmann::json metrics;               // the stage's metrics.json
  std::vector<EpochMetrics> epochs;
  // The training baseline for monitoring (training_baseline.h); null when
  // the run has none (runs recorded before schema 3).
  nlohmann::json baseline;
};

// An epoch's metrics as JSON: {epoch, loss, accuracy, val_loss,
// val_accuracy, lr, seconds, samples_per_second} (metrics.json's and the
// report's form).
nlohmann::json EpochJson(const EpochMetrics& m);

// Where a run's files go, relative to the project root: the model and the
// run's state under .mote/runs/<id>/ (written by mote only), the report
// under reports/runs/<id>/ (for people).
std::filesystem::path RunDir(int64_t id);
std::filesystem::path RunReportDir(int64_t id);

// The model file of a run that trained a network, and of a K-means anomaly
// run (train: method: kmeans), which has centroids and spreads instead.
inline constexpr char kNetworkModelFile[] = "model.tflite";
inline constexpr char kKMeansModelFile[] = "kmeans.json";

// Whether `run` trained a network: its model file is a .tflite that `mote
// eval`, `quantize`, `export` and `train --from` can take.
bool TrainedNetwork(const RunRecord& run);

// A run inserted but not yet committed (see above).
class PendingRun {
 public:
  int64_t id() const { return id_; }
  Status Commit() { return txn_->Commit(); }

 private:
  friend class RunStore;
  PendingRun(std::unique_ptr<Transaction> txn, int64_t id) : txn_(std::move(txn)), id_(id) {}
  std::unique_ptr<Transaction> txn_;
  int64_t id_;
};

class RunStore {
 public:
  // `db` (the project store's, schema 3 or later) must outlive this object.
  explicit RunStore(Db& db) : db_(db) {}

  // Starts a transaction and inserts `run` (with its epochs) under the next
  // id; `run.id`, `model_path` and `report_path` are ignored and set from it
  // (the model path with `model_file`, kNetworkModelFile or
  // kKMeansModelFile). A non-null `run.baseline` goes into run_baselines
  // with its "version".
  Result<std::unique_ptr<PendingRun>> Begin(const RunRecord& run, std::string_view model_file = kNetworkModelFile);

  // NotFound "no run <id>" when absent.
  Result<RunRecord> Get(int64_t id);
  // The newest run, or the newest trained at `stage_key`; nullopt if none.
  Result<std::optional<RunRecord>> Latest();
  Result<std::optional<RunRecord>> LatestForStageKey(const std::string& stage_key);
  // Every run, oldest first, without epochs.
  Result<std::vector<RunRecord>> List();

 private:
  Result<std::vector<RunRecord>> Query(const std::string& where_order, const std::vector<std::string>& args,
                                       bool with_epochs);
  Db& db_;
};

}  // namespace mote::train
