#include "train/run_store.h"

#include <fmt/format.h>

namespace mote::train {

namespace {

using json = nlohmann::json;

constexpr char kRunColumns[] =
    "id, started_at, finished_at, seconds, stage_key, parameters, data_digest, data_snapshot, features_digest, "
    "features_key, mote_version, git_commit, model_path, model_sha256, report_path, test_loss, test_accuracy, "
    "metrics";
// A run's baseline, NULL when it has none, read with its row.
constexpr char kBaselineColumn[] = "(SELECT baseline FROM run_baselines WHERE run_id = runs.id)";

// A JSON column written by Begin(); null if unreadable (never expected).
json ParseColumn(const std::string& text) { return json::parse(text, nullptr, false); }

}  // namespace

json EpochJson(const EpochMetrics& m) {
  return {{"epoch", m.epoch},     {"loss", m.train_loss},         {"accuracy", m.train_accuracy},
          {"val_loss", m.val_loss}, {"val_accuracy", m.val_accuracy}, {"lr", m.learning_rate},
          {"seconds", m.seconds}, {"samples_per_second", m.samples_per_second}};
}

std::filesystem::path RunDir(int64_t id) { return std::filesystem::path(".mote") / "runs" / std::to_string(id); }

bool TrainedNetwork(const RunRecord& run) {
  return std::filesystem::path(run.model_path).filename() == kNetworkModelFile;
}

std::filesystem::path RunReportDir(int64_t id) { return std::filesystem::path("reports") / "runs" / std::to_string(id); }

Result<std::unique_ptr<PendingRun>> RunStore::Begin(const RunRecord& run, std::string_view model_file) {
  MOTE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db_));
  // Under the write lock the next id is ours; a rolled-back run's id is reused.
  MOTE_ASSIGN_OR_RETURN(Stmt next, db_.Prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM runs"));
  MOTE_ASSIGN_OR_RETURN(bool row, next.Step());
  if (!row) return Status::Internal("no next run id");
  const int64_t id = next.Int(0);
  MOTE_ASSIGN_OR_RETURN(Stmt put, db_.Prepare(fmt::format("INSERT INTO runs({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                                          "?, ?, ?, ?, ?, ?, ?, ?)",
                                                          kRunColumns)));
  put.Bind(1, id)
      .Bind(2, run.started_at)
      .Bind(3, run.finished_at)
      .Bind(4, run.seconds)
      .Bind(5, run.stage_key)
      .Bind(6, run.parameters.dump())
      .Bind(7, run.data_digest)
      .Bind(8, run.data_snapshot)
      .Bind(9, run.features_digest)
      .Bind(10, run.features_key)
      .Bind(11, run.mote_version)
      .Bind(12, run.git_commit)
      .Bind(13, (RunDir(id) / model_file).string())
      .Bind(14, run.model_sha256)
      .Bind(15, RunReportDir(id).string())
      .Bind(16, run.test_loss)
      .Bind(17, run.test_accuracy)
      .Bind(18, run.metrics.dump());
  MOTE_RETURN_IF_ERROR(put.Run());
  MOTE_ASSIGN_OR_RETURN(Stmt epoch, db_.Prepare("INSERT INTO run_epochs(run_id, epoch, loss, accuracy, val_loss, "
                                                "val_accuracy, lr, seconds, samples_per_second) "
                                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const EpochMetrics& m : run.epochs) {
    epoch.Reset();
    epoch.Bind(1, id)
        .Bind(2, m.epoch)
        .Bind(3, m.train_loss)
        .Bind(4, m.train_accuracy)
        .Bind(5, m.val_loss)
        .Bind(6, m.val_accuracy)
        .Bind(7, m.learning_rate)
        .Bind(8, m.seconds)
        .Bind(9, m.samples_per_second);
    MOTE_RETURN_IF_ERROR(epoch.Run());
  }
  if (!run.baseline.is_null()) {
    MOTE_ASSIGN_OR_RETURN(Stmt baseline, db_.Prepare("INSERT INTO run_baselines(run_id, version, baseline) "
                                                     "VALUES (?, ?, ?)"));
    MOTE_RETURN_IF_ERROR(
        baseline.Bind(1, id).Bind(2, run.baseline.value("version", int64_t{0})).Bind(3, run.baseline.dump()).Run());
  }
  return std::unique_ptr<PendingRun>(new PendingRun(std::move(txn), id));
}

Result<std::vector<RunRecord>> RunStore::Query(const std::string& where_order, const std::vector<std::string>& args,
                                               bool with_epochs) {
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_.Prepare(fmt::format("SELECT {}, {} FROM runs {}", kRunColumns, kBaselineColumn, where_order)));
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  std::vector<RunRecord> runs;
  while (true) {
    MOTE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    RunRecord r;
    r.id = st.Int(0);
    r.started_at = st.Text(1);
    r.finished_at = st.Text(2);
    r.seconds = st.Double(3);
    r.stage_key = st.Text(4);
    r.parameters = ParseColumn(st.Text(5));
    r.data_digest = st.Text(6);
    r.data_snapshot = st.Text(7);
    r.features_digest = st.Text(8);
    r.features_key = st.Text(9);
    r.mote_version = st.Text(10);
    r.git_commit = st.Text(11);
    r.model_path = st.Text(12);
    r.model_sha256 = st.Text(13);
    r.report_path = st.Text(14);
    r.test_loss = st.Double(15);
    r.test_accuracy = st.Double(16);
    r.metrics = ParseColumn(st.Text(17));
    if (!st.IsNull(18)) r.baseline = ParseColumn(st.Text(18));
    runs.push_back(std::move(r));
  }
  if (!with_epochs) return runs;
  MOTE_ASSIGN_OR_RETURN(Stmt epochs, db_.Prepare("SELECT epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, "
                                                 "samples_per_second FROM run_epochs WHERE run_id = ? ORDER BY epoch"));
  for (RunRecord& r : runs) {
    epochs.Reset();
    epochs.Bind(1, r.id);
    while (true) {
      MOTE_ASSIGN_OR_RETURN(bool row, epochs.Step());
      if (!row) break;
      r.epochs.push_back({.epoch = epochs.Int(0),
                          .train_loss = epochs.Double(1),
                          .train_accuracy = epochs.Double(2),
                          .val_loss = epochs.Double(3),
                          .val_accuracy = epochs.Double(4),
                          .learning_rate = epochs.Double(5),
                          .seconds = epochs.Double(6),
                          .samples_per_second = epochs.Double(7)});
    }
  }
  return runs;
}

Result<RunRecord> RunStore::Get(int64_t id) {
  MOTE_ASSIGN_OR_RETURN(std::vector<RunRecord> runs, Query("WHERE id = ?", {std::to_string(id)}, true));
  if (runs.empty()) return Status::NotFound(fmt::format("no run {}", id));
  return std::move(runs.front());
}

Result<std::optional<RunRecord>> RunStore::Latest() {
  MOTE_ASSIGN_OR_RETURN(std::vector<RunRecord> runs, Query("ORDER BY id DESC LIMIT 1", {}, true));
  if (runs.empty()) return std::optional<RunRecord>();
  return std::optional<RunRecord>(std::move(runs.front()));
}

Result<std::optional<RunRecord>> RunStore::LatestForStageKey(const std::string& stage_key) {
  MOTE_ASSIGN_OR_RETURN(std::vector<RunRecord> runs,
                        Query("WHERE stage_key = ? ORDER BY id DESC LIMIT 1", {stage_key}, true));
  if (runs.empty()) return std::optional<RunRecord>();
  return std::optional<RunRecord>(std::move(runs.front()));
}

Result<std::vector<RunRecord>> RunStore::List() { return Query("ORDER BY id", {}, false); }

}  // namespace mote::train
