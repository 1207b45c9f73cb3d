#include "data/dataset_store.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/hash.h"

namespace mote {

using json = nlohmann::json;

namespace {

// 2: training runs (runs, run_epochs; src/train/run_store.h).
// 3: their training baselines (run_baselines; src/train/training_baseline.h).
// Every table is created IF NOT EXISTS, so an older store migrates by
// running the whole schema in one transaction.
constexpr int kSchemaVersion = 3;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS blobs(
  hash TEXT PRIMARY KEY,
  data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS imports(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  command TEXT NOT NULL,
  added INTEGER NOT NULL,
  duplicates INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS samples(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hash TEXT NOT NULL UNIQUE REFERENCES blobs(hash),
  label TEXT NOT NULL,
  split TEXT NOT NULL CHECK(split IN ('train','test')),
  excluded INTEGER NOT NULL DEFAULT 0,
  exclude_reason TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  axes TEXT NOT NULL,
  sample_rate_hz REAL NOT NULL,
  dtype TEXT NOT NULL,
  shape TEXT NOT NULL,
  created_at TEXT NOT NULL,
  import_id INTEGER REFERENCES imports(id));
CREATE INDEX IF NOT EXISTS samples_label ON samples(label);
CREATE TABLE IF NOT EXISTS snapshots(
  name TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  digest TEXT NOT NULL,
  note TEXT NOT NULL,
  samples INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot_members(
  snapshot TEXT NOT NULL REFERENCES snapshots(name),
  sample_id INTEGER NOT NULL REFERENCES samples(id),
  label TEXT NOT NULL,
  split TEXT NOT NULL,
  PRIMARY KEY(snapshot, sample_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  seconds REAL NOT NULL,
  stage_key TEXT NOT NULL,
  parameters TEXT NOT NULL,
  data_digest TEXT NOT NULL,
  data_snapshot TEXT NOT NULL,
  features_digest TEXT NOT NULL,
  features_key TEXT NOT NULL,
  mote_version TEXT NOT NULL,
  git_commit TEXT NOT NULL,
  model_path TEXT NOT NULL,
  model_sha256 TEXT NOT NULL,
  report_path TEXT NOT NULL,
  test_loss REAL NOT NULL,
  test_accuracy REAL NOT NULL,
  metrics TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS runs_stage_key ON runs(stage_key);
CREATE TABLE IF NOT EXISTS run_epochs(
  run_id INTEGER NOT NULL REFERENCES runs(id),
  epoch INTEGER NOT NULL,
  loss REAL NOT NULL,
  accuracy REAL NOT NULL,
  val_loss REAL NOT NULL,
  val_accuracy REAL NOT NULL,
  lr REAL NOT NULL,
  seconds REAL NOT NULL,
  samples_per_second REAL NOT NULL,
  PRIMARY KEY(run_id, epoch)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS run_baselines(
  run_id INTEGER PRIMARY KEY REFERENCES runs(id),
  version INTEGER NOT NULL,
  baseline TEXT NOT NULL);
)sql";

std::string ShapeJson(const std::vector<uint32_t>& shape) { return json(shape).dump(); }

std::string AxesJson(const std::vector<Axis>& axes) {
  json j = json::array();
  for (const Axis& a : axes) j.push_back({{"name", a.name}, {"units", a.units}});
  return j.dump();
}

using Bind = std::variant<int64_t, std::string>;

// WHERE clause (without the keyword) and its bindings for a filter. Samples
// are table "s"; label and split are read from `labels_from` ("s", or "m" for
// a snapshot's members, whose labels are those of the snapshot's time).
std::string WhereClause(const SampleFilter& f, std::vector<Bind>* binds, const std::string& labels_from = "s") {
  std::vector<std::string> terms;
  if (f.only_excluded) terms.push_back("s.excluded = 1");
  else if (!f.with_excluded) terms.push_back("s.excluded = 0");
  if (!f.ids.empty()) {
    std::string in = "s.id IN (";
    for (size_t i = 0; i < f.ids.size(); ++i) {
      in += i ? ",?" : "?";
      binds->push_back(f.ids[i]);
    }
    terms.push_back(in + ")");
  }
  if (!f.labels.empty()) {
    std::string in = labels_from + ".label IN (";
    for (size_t i = 0; i < f.labels.size(); ++i) {
      in += i ? ",?" : "?";
      binds->push_back(f.labels[i]);
    }
    terms.push_back(in + ")");
  }
  if (f.split) {
    terms.push_back(labels_from + ".split = ?");
    binds->push_back(std::string(SplitName(*f.split)));
  }
  if (!f.source_glob.empty()) {
    terms.push_back("s.source GLOB ?");
    binds->push_back(f.source_glob);
  }
  if (!f.hash_prefix.empty()) {
    terms.push_back("substr(s.hash, 1, ?) = ?");
    binds->push_back(static_cast<int64_t>(f.hash_prefix.size()));
    binds->push_back(f.hash_prefix);
  }
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : " AND ") + t;
  return out.empty() ? "1" : out;
}

void BindAll(Stmt& st, const std::vector<Bind>& binds, int first = 1) {
  for (size_t i = 0; i < binds.size(); ++i) {
    int idx = first + static_cast<int>(i);
    if (auto* v = std::get_if<int64_t>(&binds[i])) st.Bind(idx, *v);
    else st.Bind(idx, std::get<std::string>(binds[i]));
  }
}

constexpr const char* kSampleColumns =
    "s.id, s.hash, s.label, s.split, s.excluded, s.exclude_reason, s.source, s.axes, "
    "s.sample_rate_hz, s.dtype, s.shape, s.created_at";

SampleInfo ReadInfo(const Stmt& st) {
  SampleInfo info;
  info.id = st.Int(0);
  info.hash = st.Text(1);
  info.label = st.Text(2);
  info.split = SplitFromName(st.Text(3)).value_or(Split::kTrain);
  info.excluded = st.Int(4) != 0;
  info.exclude_reason = st.Text(5);
  info.source = st.Text(6);
  for (const auto& a : json::parse(st.Text(7), nullptr, false))
    if (a.is_object()) info.axes.push_back({a.value("name", ""), a.value("units", "")});
  info.sample_rate_hz = st.Double(8);
  info.dtype = DTypeFromName(st.Text(9)).value_or(DType::kF32);
  json shape = json::parse(st.Text(10), nullptr, false);
  if (shape.is_array())
    for (const auto& d : shape) info.shape.push_back(d.get<uint32_t>());
  info.created_at = st.Text(11);
  return info;
}

bool ValidSnapshotName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name == "@") return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'; });
}

// Page cache for an import, in KiB (SQLite's negative cache_size). Blobs and
// samples are indexed by content hash, so every insert touches a random leaf
// of each index; with SQLite's default 2 MB cache, a large import spills and
// re-reads those pages all the time (Fashion-MNIST: 160k page reads, against
// 25k with this cache). The memory is used only as an import grows.
constexpr int kImportCacheKiB = 64 * 1024;

bool SameAxes(const std::vector<Axis>& a, const std::vector<Axis>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Axis& x, const Axis& y) { return x.name == y.name && x.units == y.units; });
}

class SqliteImportSession : public ImportSession {
 public:
  SqliteImportSession(Db& db, std::unique_ptr<Transaction> txn, double test_ratio, int64_t import_id,
                      Stmt find, Stmt put_blob, Stmt put_sample, int64_t saved_cache_size)
      : db_(db), txn_(std::move(txn)), test_ratio_(test_ratio), import_id_(import_id),
        find_(std::move(find)), put_blob_(std::move(put_blob)), put_sample_(std::move(put_sample)),
        saved_cache_size_(saved_cache_size) {}

  ~SqliteImportSession() override {
    txn_.reset();  // roll back first if not committed, while the cache is still large
    (void)db_.Exec("PRAGMA cache_size = " + std::to_string(saved_cache_size_));
  }

  Result<bool> Add(const ImportedSample& s, const std::string& label) override {
    if (label.empty()) return Status::InvalidArgument(s.source + ": empty label");
    if (s.data.shape.empty()) return Status::InvalidArgument(s.source + ": sample has no shape");
    std::vector<uint8_t> blob = EncodeSample(s.data);
    std::string hash = ToHex(Sha256Of(blob));
    // A new blob means a new sample (samples reference their blob), so the
    // lookup in samples is needed only when the blob was already there.
    MOTE_RETURN_IF_ERROR(put_blob_.Bind(1, hash).Bind(2, blob).Run());
    if (db_.changes() == 0) {
      find_.Bind(1, hash);
      MOTE_ASSIGN_OR_RETURN(bool exists, find_.Step());
      find_.Reset();
      if (exists) {
        ++duplicates_;
        return false;
      }
    }
    Split split = s.split ? *s.split : SplitForHash(hash, test_ratio_);
    // Consecutive samples nearly always share their axes; encode them once.
    if (!SameAxes(s.axes, last_axes_)) {
      last_axes_ = s.axes;
      last_axes_json_ = AxesJson(s.axes);
    }
    put_sample_.Bind(1, hash)
        .Bind(2, label)
        .Bind(3, SplitName(split))
        .Bind(4, s.source)
        .Bind(5, last_axes_json_)
        .Bind(6, s.sample_rate_hz)
        .Bind(7, DTypeName(s.data.dtype))
        .Bind(8, ShapeJson(s.data.shape))
        .Bind(9, now_)
        .Bind(10, import_id_);
    MOTE_RETURN_IF_ERROR(put_sample_.Run());
    ++added_;
    return true;
  }

  Status Commit() override {
    MOTE_ASSIGN_OR_RETURN(Stmt st, db_.Prepare("UPDATE imports SET added = ?, duplicates = ? WHERE id = ?"));
    MOTE_RETURN_IF_ERROR(st.Bind(1, added_).Bind(2, duplicates_).Bind(3, import_id_).Run());
    return txn_->Commit();
  }
  int64_t added() const override { return added_; }
  int64_t duplicates() const override { return duplicates_; }

 private:
  Db& db_;
  std::unique_ptr<Transaction> txn_;
  double test_ratio_;
  int64_t import_id_;
  Stmt find_, put_blob_, put_sample_;
  int64_t saved_cache_size_;
  std::vector<Axis> last_axes_;
  std::string last_axes_json_ = AxesJson({});
  std::string now_ = NowIso8601();
  int64_t added_ = 0, duplicates_ = 0;
};

}  // namespace

Split SplitForHash(const std::string& hex_hash, double test_ratio) {
  uint64_t v = 0;
  for (size_t i = 0; i < 16 && i < hex_hash.size(); ++i) {
    char c = hex_hash[i];
    v = v << 4 | static_cast<uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  double fraction = static_cast<double>(v) / 18446744073709551616.0;  // 2^64
  return fraction < test_ratio ? Split::kTest : Split::kTrain;
}

Result<std::unique_ptr<DatasetStore>> DatasetStore::Open(const std::filesystem::path& db_path) {
  MOTE_ASSIGN_OR_RETURN(auto db, Db::Open(db_path));
  std::unique_ptr<DatasetStore> store(new DatasetStore(std::move(db)));
  MOTE_RETURN_IF_ERROR(store->Migrate());
  return store;
}

Status DatasetStore::Migrate() {
  MOTE_ASSIGN_OR_RETURN(Stmt v, db_->Prepare("PRAGMA user_version"));
  MOTE_ASSIGN_OR_RETURN(bool row, v.Step());
  int64_t version = row ? v.Int(0) : 0;
  if (version > kSchemaVersion)
    return Status::Unsupported(db_->path().string() + ": store schema " + std::to_string(version) +
                               " is newer than this mote (" + std::to_string(kSchemaVersion) + "); upgrade mote");
  if (version == kSchemaVersion) return Status::Ok();
  MOTE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  MOTE_RETURN_IF_ERROR(db_->Exec(kSchema));
  MOTE_RETURN_IF_ERROR(db_->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
  return txn->Commit();
}

Status DatasetStore::Record(const std::string& action, const std::string& detail) {
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("INSERT INTO history(at, action, detail) VALUES (?, ?, ?)"));
  return st.Bind(1, NowIso8601()).Bind(2, action).Bind(3, detail).Run();
}

Result<std::unique_ptr<ImportSession>> DatasetStore::BeginImport(double test_ratio, const std::string& command) {
  if (!(test_ratio >= 0 && test_ratio < 1))
    return Status::InvalidArgument("test ratio must be in [0, 1), got " + std::to_string(test_ratio));
  MOTE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  MOTE_ASSIGN_OR_RETURN(Stmt rec, db_->Prepare("INSERT INTO imports(at, command, added, duplicates) VALUES (?, ?, 0, 0)"));
  MOTE_RETURN_IF_ERROR(rec.Bind(1, NowIso8601()).Bind(2, command).Run());
  int64_t import_id = db_->last_insert_rowid();
  MOTE_ASSIGN_OR_RETURN(Stmt find, db_->Prepare("SELECT 1 FROM samples WHERE hash = ?"));
  MOTE_ASSIGN_OR_RETURN(Stmt put_blob, db_->Prepare("INSERT OR IGNORE INTO blobs(hash, data) VALUES (?, ?)"));
  MOTE_ASSIGN_OR_RETURN(Stmt put_sample, db_->Prepare(
      "INSERT INTO samples(hash, label, split, source, axes, sample_rate_hz, dtype, shape, created_at, import_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  MOTE_ASSIGN_OR_RETURN(Stmt cache, db_->Prepare("PRAGMA cache_size"));
  MOTE_ASSIGN_OR_RETURN(bool has_cache_size, cache.Step());
  int64_t saved_cache_size = has_cache_size ? cache.Int(0) : -2000;
  MOTE_RETURN_IF_ERROR(db_->Exec("PRAGMA cache_size = -" + std::to_string(kImportCacheKiB)));
  return std::unique_ptr<ImportSession>(new SqliteImportSession(
      *db_, std::move(txn), test_ratio, import_id, std::move(find), std::move(put_blob), std::move(put_sample),
      saved_cache_size));
}

Result<std::vector<SampleInfo>> DatasetStore::List(const SampleFilter& filter,
                                                   const std::optional<std::string>& snapshot) {
  std::vector<Bind> binds;
  std::string sql;
  if (snapshot) {
    // A snapshot's members with the labels and splits they had when it was taken.
    SampleFilter f = filter;
    f.with_excluded = true;
    binds.push_back(*snapshot);
    sql = std::string("SELECT s.id, s.hash, m.label, m.split, 0, '', s.source, s.axes, s.sample_rate_hz, "
                      "s.dtype, s.shape, s.created_at FROM snapshot_members m JOIN samples s ON s.id = m.sample_id "
                      "WHERE m.snapshot = ? AND ") + WhereClause(f, &binds, "m") + " ORDER BY s.id";
    MOTE_ASSIGN_OR_RETURN(Stmt exists, db_->Prepare("SELECT 1 FROM snapshots WHERE name = ?"));
    MOTE_ASSIGN_OR_RETURN(bool found, exists.Bind(1, *snapshot).Step());
    if (!found) return Status::NotFound("no snapshot named '" + *snapshot + "'");
  } else {
    sql = std::string("SELECT ") + kSampleColumns + " FROM samples s WHERE " + WhereClause(filter, &binds) +
          " ORDER BY s.id";
  }
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_->Prepare(sql));
  BindAll(st, binds);
  std::vector<SampleInfo> out;
  while (true) {
    MOTE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadInfo(st));
  }
  return out;
}

Result<SampleData> DatasetStore::Load(const std::string& hash) {
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("SELECT data FROM blobs WHERE hash = ?"));
  MOTE_ASSIGN_OR_RETURN(bool row, st.Bind(1, hash).Step());
  if (!row) return Status::NotFound("no sample with hash " + hash);
  auto blob = st.Blob(0);
  if (ToHex(Sha256Of(blob)) != hash)
    return Status::Corruption(db_->path().string() + ": sample " + hash.substr(0, 12) + " does not match its hash");
  return DecodeSample(blob);
}

Status DatasetStore::ForEach(const SampleFilter& filter,
                             const std::function<Status(const SampleInfo&, const SampleData&)>& fn) {
  MOTE_ASSIGN_OR_RETURN(std::vector<SampleInfo> infos, List(filter));
  for (const SampleInfo& info : infos) {
    MOTE_ASSIGN_OR_RETURN(SampleData data, Load(info.hash));
    MOTE_RETURN_IF_ERROR(fn(info, data));
  }
  return Status::Ok();
}

Result<int64_t> DatasetStore::Update(const SampleFilter& filter, const std::string& set_sql,
                                     const std::vector<std::string>& args, const std::string& action) {
  if (filter.empty()) return Status::Usage(action + ": select samples with --id, --label, --query, ...");
  MOTE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  std::vector<Bind> binds;
  std::string where = WhereClause(filter, &binds);
  // The WHERE clause refers to the table as "s".
  std::string sql = "UPDATE samples AS s SET " + set_sql + " WHERE " + where;
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_->Prepare(sql));
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  BindAll(st, binds, static_cast<int>(args.size()) + 1);
  MOTE_RETURN_IF_ERROR(st.Run());
  int64_t n = db_->changes();
  json detail = {{"count", n}, {"set", args}};
  MOTE_RETURN_IF_ERROR(Record(action, detail.dump()));
  MOTE_RETURN_IF_ERROR(txn->Commit());
  return n;
}

Result<int64_t> DatasetStore::Relabel(const SampleFilter& filter, const std::string& new_label) {
  if (new_label.empty()) return Status::Usage("relabel: the new label is empty");
  return Update(filter, "label = ?", {new_label}, "relabel");
}

Result<int64_t> DatasetStore::Exclude(const SampleFilter& filter, const std::string& reason) {
  return Update(filter, "excluded = 1, exclude_reason = ?", {reason}, "exclude");
}

Result<int64_t> DatasetStore::Include(const SampleFilter& filter) {
  SampleFilter f = filter;
  f.with_excluded = true;
  f.only_excluded = true;
  return Update(f, "excluded = 0, exclude_reason = ''", {}, "include");
}

namespace {
// Digest of a (hash, label, split) list sorted by hash.
struct Member {
  std::string hash, label, split;
};
std::string DigestOf(std::vector<Member> members) {
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.hash < b.hash; });
  Sha256 h;
  for (const Member& m : members) h.UpdateField(m.hash).UpdateField(m.label).UpdateField(m.split);
  return ToHex(h.Finish());
}
}  // namespace

Result<std::string> DatasetStore::WorkingSetDigest() {
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_->Prepare("SELECT hash, label, split FROM samples WHERE excluded = 0"));
  std::vector<Member> members;
  while (true) {
    MOTE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    members.push_back({st.Text(0), st.Text(1), st.Text(2)});
  }
  return DigestOf(std::move(members));
}

Result<SnapshotInfo> DatasetStore::CreateSnapshot(const std::string& name, const std::string& note) {
  if (!ValidSnapshotName(name))
    return Status::Usage("snapshot name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64)");
  MOTE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  MOTE_ASSIGN_OR_RETURN(Stmt exists, db_->Prepare("SELECT 1 FROM snapshots WHERE name = ?"));
  MOTE_ASSIGN_OR_RETURN(bool found, exists.Bind(1, name).Step());
  if (found) return Status::AlreadyExists("snapshot '" + name + "' already exists; snapshots never change");
  SnapshotInfo info;
  info.name = name;
  info.note = note;
  info.created_at = NowIso8601();
  MOTE_ASSIGN_OR_RETURN(info.digest, WorkingSetDigest());
  MOTE_ASSIGN_OR_RETURN(Stmt put, db_->Prepare(
      "INSERT INTO snapshots(name, created_at, digest, note, samples) VALUES (?, ?, ?, ?, 0)"));
  MOTE_RETURN_IF_ERROR(put.Bind(1, name).Bind(2, info.created_at).Bind(3, info.digest).Bind(4, note).Run());
  MOTE_ASSIGN_OR_RETURN(Stmt members, db_->Prepare(
      "INSERT INTO snapshot_members(snapshot, sample_id, label, split) "
      "SELECT ?, id, label, split FROM samples WHERE excluded = 0"));
  MOTE_RETURN_IF_ERROR(members.Bind(1, name).Run());
  info.samples = db_->changes();
  MOTE_ASSIGN_OR_RETURN(Stmt count, db_->Prepare("UPDATE snapshots SET samples = ? WHERE name = ?"));
  MOTE_RETURN_IF_ERROR(count.Bind(1, info.samples).Bind(2, name).Run());
  MOTE_RETURN_IF_ERROR(Record("snapshot", json{{"name", name}, {"samples", info.samples}}.dump()));
  MOTE_RETURN_IF_ERROR(txn->Commit());
  return info;
}

Result<std::vector<SnapshotInfo>> DatasetStore::Snapshots() {
  MOTE_ASSIGN_OR_RETURN(Stmt st, db_->Prepare(
      "SELECT name, created_at, digest, note, samples FROM snapshots ORDER BY created_at, name"));
  std::vector<SnapshotInfo> out;
  while (true) {
    MOTE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4)});
  }
  return out;
}

Result<SnapshotDiff> DatasetStore::Diff(const std::string& a, const std::string& b) {
  auto members = [&](const std::string& name) -> Result<std::map<int64_t, SampleInfo>> {
    SampleFilter all;
    MOTE_ASSIGN_OR_RETURN(auto list, List(all, name == "@" ? std::nullopt : std::optional(name)));
    std::map<int64_t, SampleInfo> m;
    for (auto& s : list) m.emplace(s.id, std::move(s));
    return m;
  };
  MOTE_ASSIGN_OR_RETURN(auto ma, members(a));
  MOTE_ASSIGN_OR_RETURN(auto mb, members(b));
  SnapshotDiff d;
  for (const auto& [id, s] : mb) {
    auto it = ma.find(id);
    if (it == ma.end()) {
      d.added.push_back({id, s.hash, "", s.label});
      continue;
    }
    if (it->second.label != s.label) d.relabelled.push_back({id, s.hash, it->second.label, s.label});
    if (it->second.split != s.split)
      d.moved.push_back({id, s.hash, std::string(SplitName(it->second.split)), std::string(SplitName(s.split))});
  }
  for (const auto& [id, s] : ma)
    if (!mb.count(id)) d.removed.push_back({id, s.hash, s.label, ""});
  return d;
}

Result<DatasetStats> DatasetStore::Stats(const std::optional<std::string>& snapshot) {
  SampleFilter f;
  f.with_excluded = !snapshot;
  MOTE_ASSIGN_OR_RETURN(auto list, List(f, snapshot));
  DatasetStats st;
  for (const SampleInfo& s : list) {
    LabelStats& l = st.labels[s.label];
    for (LabelStats* t : {&l, &st.all}) {
      if (s.excluded) {
        ++t->excluded;
        continue;
      }
      (s.split == Split::kTrain ? t->train : t->test)++;
      t->duration_ms += s.duration_ms();
    }
  }
  int64_t lo = std::numeric_limits<int64_t>::max(), hi = 0;
  for (const auto& [label, l] : st.labels) {
    if (l.total() == 0) continue;
    lo = std::min(lo, l.total());
    hi = std::max(hi, l.total());
  }
  st.imbalance_ratio = hi > 0 ? static_cast<double>(hi) / static_cast<double>(lo) : 0;
  return st;
}

}  // namespace mote
