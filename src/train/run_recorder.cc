#include "train/run_recorder.h"

#include <unistd.h>

#include <vector>

#include "core/file_util.h"

namespace mote::train {

namespace fs = std::filesystem;

namespace {

// Folders being written for a run: removed on destruction unless kept.
class FolderGuard {
 public:
  ~FolderGuard() {
    if (keep_) return;
    std::error_code ec;
    for (const fs::path& p : folders_) fs::remove_all(p, ec);
  }
  void Add(const fs::path& p) { folders_.push_back(p); }
  void Keep() { keep_ = true; }

 private:
  std::vector<fs::path> folders_;
  bool keep_ = false;
};

// A fresh empty folder beside `final`, to be renamed to it.
Result<fs::path> TemporaryFolder(const fs::path& final, FolderGuard* guard) {
  const fs::path tmp = final.parent_path() / (".tmp-" + final.filename().string() + "-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  guard->Add(tmp);
  fs::create_directories(tmp, ec);
  if (ec) return Status::IoError(tmp.string() + ": " + ec.message());
  return tmp;
}

Status Rename(const fs::path& from, const fs::path& to, FolderGuard* guard) {
  std::error_code ec;
  fs::remove_all(to, ec);  // left by a run that was rolled back: no row owns it
  guard->Add(to);
  fs::rename(from, to, ec);
  if (ec) return Status::IoError(to.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<RunRecord> RecordRun(Project& project, RunRecord run, const RunFiles& files) {
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  RunStore runs(store->db());
  MOTE_ASSIGN_OR_RETURN(auto pending, runs.Begin(run, files.model_name));
  run.id = pending->id();
  run.model_path = (RunDir(run.id) / files.model_name).string();
  run.report_path = RunReportDir(run.id).string();
  const fs::path run_dir = project.root() / RunDir(run.id);
  const fs::path report_dir = project.root() / RunReportDir(run.id);

  FolderGuard guard;
  MOTE_ASSIGN_OR_RETURN(fs::path run_tmp, TemporaryFolder(run_dir, &guard));
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(run_tmp / files.model_name, files.model));
  for (const auto& [name, bytes] : files.state_files) MOTE_RETURN_IF_ERROR(WriteFileAtomically(run_tmp / name, bytes));
  if (!run.baseline.is_null()) {
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(run_tmp / "baseline.json", run.baseline.dump() + "\n"));
  }
  MOTE_ASSIGN_OR_RETURN(fs::path report_tmp, TemporaryFolder(report_dir, &guard));
  if (files.write_report) MOTE_RETURN_IF_ERROR(files.write_report(report_tmp, run));
  MOTE_RETURN_IF_ERROR(Rename(run_tmp, run_dir, &guard));
  MOTE_RETURN_IF_ERROR(Rename(report_tmp, report_dir, &guard));
  MOTE_RETURN_IF_ERROR(pending->Commit());
  guard.Keep();
  return run;
}

}  // namespace mote::train
