// The dataset store: every sample's values by content hash and its metadata,
// in one SQLite database (<project>/.mote/store.db). It is the only writer of
// dataset state; every change is one transaction, so an interrupted command
// (SIGINT, SIGKILL, power loss) leaves the store as it was before it.
//
// The working set is every sample not excluded. A snapshot freezes the working
// set (membership, labels, splits) under a name; snapshots never change.
//
// A DatasetStore is used from one thread. Several processes may open the same
// store: SQLite serialises writers (busy timeout 10 s).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/sqlite.h"
#include "core/status.h"
#include "data/import/importer.h"
#include "data/sample.h"
#include "data/sample_filter.h"

namespace mote {

// Assigns a split from the content hash: the first 8 bytes of the digest, read
// as a fraction of 2^64, below `test_ratio` means test. Stable forever for a
// given sample, whatever else is imported.
Split SplitForHash(const std::string& hex_hash, double test_ratio);

// Counts for one label, or for everything.
struct LabelStats {
  int64_t train = 0, test = 0, excluded = 0;
  double duration_ms = 0;  // of the non-excluded samples
  int64_t total() const { return train + test; }
};

struct DatasetStats {
  std::map<std::string, LabelStats> labels;
  LabelStats all;
  // Largest label count divided by the smallest (1 = perfectly balanced).
  double imbalance_ratio = 0;
};

struct SnapshotInfo {
  std::string name;
  std::string created_at;
  std::string digest;  // hex SHA-256 of the sorted (hash, label, split) list
  std::string note;
  int64_t samples = 0;
};

struct SnapshotDiff {
  struct Change {
    int64_t id;
    std::string hash;
    std::string from;  // label (or split) in A; empty when added
    std::string to;    // label (or split) in B; empty when removed
  };
  std::vector<Change> added, removed, relabelled, moved;
};

// One all-or-nothing import. Samples added through it become visible only at
// Commit(); destroying it without Commit() rolls everything back.
class ImportSession {
 public:
  virtual ~ImportSession() = default;
  // Stores the sample under `label`. Returns false (and stores nothing) when a
  // sample with the same content is already in the store or in this session.
  virtual Result<bool> Add(const ImportedSample& sample, const std::string& label) = 0;
  virtual Status Commit() = 0;
  virtual int64_t added() const = 0;
  virtual int64_t duplicates() const = 0;
};

class DatasetStore {
 public:
  // Opens or creates the store at `db_path` and brings its schema up to date.
  static Result<std::unique_ptr<DatasetStore>> Open(const std::filesystem::path& db_path);

  // Starts an import; `test_ratio` in [0, 1) places samples without an
  // explicit split; `command` is recorded in the import history.
  Result<std::unique_ptr<ImportSession>> BeginImport(double test_ratio, const std::string& command);

  // Samples matching `filter` (or the members of `snapshot`), by id.
  Result<std::vector<SampleInfo>> List(const SampleFilter& filter,
                                       const std::optional<std::string>& snapshot = std::nullopt);
  Result<SampleData> Load(const std::string& hash);
  // Calls `fn` for each matching sample with its values, in id order; stops at
  // the first non-ok Status and returns it.
  Status ForEach(const SampleFilter& filter,
                 const std::function<Status(const SampleInfo&, const SampleData&)>& fn);

  // Each returns how many samples changed. An empty filter is refused (Usage)
  // so that a missing flag never relabels or excludes everything.
  Result<int64_t> Relabel(const SampleFilter& filter, const std::string& new_label);
  Result<int64_t> Exclude(const SampleFilter& filter, const std::string& reason);
  Result<int64_t> Include(const SampleFilter& filter);

  // Snapshot names: letters, digits, '.', '_', '-'; at most 64 characters.
  Result<SnapshotInfo> CreateSnapshot(const std::string& name, const std::string& note);
  Result<std::vector<SnapshotInfo>> Snapshots();
  // A and B are snapshot names, or "@" for the current working set.
  Result<SnapshotDiff> Diff(const std::string& a, const std::string& b);

  // Statistics of the working set, or of a snapshot.
  Result<DatasetStats> Stats(const std::optional<std::string>& snapshot = std::nullopt);
  // Hex SHA-256 of the working set's sorted (hash, label, split) list: changes
  // exactly when an import, relabel, exclude or include changes the data.
  Result<std::string> WorkingSetDigest();

  Db& db() { return *db_; }

 private:
  explicit DatasetStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  Status Migrate();
  Status Record(const std::string& action, const std::string& detail);
  Result<int64_t> Update(const SampleFilter& filter, const std::string& set_sql,
                         const std::vector<std::string>& args, const std::string& action);
  std::unique_ptr<Db> db_;
};

}  // namespace mote
