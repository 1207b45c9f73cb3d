#include "data/import/import_files.h"

#include <algorithm>
#include <chrono>
#include <fstream>

#include "core/interrupt.h"
#include "core/progress.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

Result<std::vector<fs::path>> ExpandPaths(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().filename().string()[0] != '.') found.push_back(it->path());
      }
      if (ec) return Status::IoError(p.string() + ": " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      return Status::NotFound(p.string() + ": no such file or folder");
    }
  }
  if (files.empty()) return Status::InvalidArgument("no files to import");
  return files;
}

Result<std::vector<uint8_t>> ReadHead(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot open for reading");
  std::vector<uint8_t> head(64);
  in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

std::string KnownFormats() {
  std::string names;
  for (const auto& imp : Importers()) names += (names.empty() ? "" : ", ") + std::string(imp->name());
  return names;
}

}  // namespace

std::string RelativeSource(const std::string& source, const fs::path& base) {
  if (base.empty()) return source;
  size_t hash = source.find('#');
  std::error_code ec;
  fs::path file = fs::absolute(source.substr(0, hash), ec).lexically_normal();
  fs::path rel = file.lexically_relative(fs::absolute(base, ec).lexically_normal());
  if (ec || rel.empty() || *rel.begin() == "..") return source;
  return rel.string() + (hash == std::string::npos ? "" : source.substr(hash));
}

std::string ResolveLabel(const ImportedSample& sample, const ImportOptions& options, LabelFrom from) {
  if (options.label) return *options.label;
  fs::path file = sample.source.substr(0, sample.source.find('#'));
  switch (from) {
    case LabelFrom::kFolder: return file.parent_path().filename().string();
    case LabelFrom::kFilename: {
      std::string name = file.filename().string();
      return name.substr(0, name.find('.'));
    }
    case LabelFrom::kFile: return sample.label;
  }
  return sample.label;
}

namespace {

// Files of one request grouped by the importer that reads them, keeping the
// order in which importers registered and, within one importer, the order given.
using ImporterGroups = std::vector<std::pair<const Importer*, std::vector<fs::path>>>;

Result<ImporterGroups> GroupByImporter(const ImportRequest& req, int64_t* file_count) {
  MOTE_ASSIGN_OR_RETURN(std::vector<fs::path> files, ExpandPaths(req.paths));
  *file_count += static_cast<int64_t>(files.size());
  const Importer* forced = nullptr;
  if (!req.format.empty()) {
    forced = FindImporter(req.format);
    if (!forced) return Status::Usage("--format " + req.format + ": unknown (known: " + KnownFormats() + ")");
  }
  ImporterGroups groups;
  for (const fs::path& f : files) {
    const Importer* chosen = forced;
    if (!chosen) {
      MOTE_ASSIGN_OR_RETURN(std::vector<uint8_t> head, ReadHead(f));
      for (const auto& imp : Importers())
        if (imp->Accepts(f, head)) {
          chosen = imp.get();
          break;
        }
    }
    if (!chosen)
      return Status::InvalidArgument(f.string() + ": unrecognised format (known: " + KnownFormats() +
                                     "; force one with --format)");
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == chosen; });
    if (it == groups.end()) groups.push_back({chosen, {f}});
    else it->second.push_back(f);
  }
  return groups;
}

}  // namespace

Result<ImportSummary> ImportFiles(DatasetStore& store, const ImportRequest& req) {
  return ImportFiles(store, std::span<const ImportRequest>(&req, 1));
}

Result<ImportSummary> ImportFiles(DatasetStore& store, std::span<const ImportRequest> requests) {
  if (requests.empty()) return Status::InvalidArgument("no files to import");
  auto start = std::chrono::steady_clock::now();
  const ImportRequest& first = requests.front();
  ImportSummary summary;
  std::vector<ImporterGroups> plans;
  for (const ImportRequest& req : requests) {
    MOTE_ASSIGN_OR_RETURN(ImporterGroups groups, GroupByImporter(req, &summary.files));
    plans.push_back(std::move(groups));
  }

  MOTE_ASSIGN_OR_RETURN(auto session, store.BeginImport(first.test_ratio, first.command));
  Progress progress("import", 0, "samples", first.show_progress);
  int64_t seen = 0;
  for (size_t r = 0; r < requests.size(); ++r) {
    const ImportRequest& req = requests[r];
    SampleSink sink = [&](ImportedSample&& s) -> Status {
      if (Interrupted()) return Status::Cancelled("interrupted; nothing was imported");
      if (req.options.split) s.split = req.options.split;
      std::string label = ResolveLabel(s, req.options, req.label_from);
      s.source = RelativeSource(s.source, req.source_base);
      if (label.empty())
        return Status::InvalidArgument(s.source + ": no label; give --label L, --label-from folder|filename, "
                                       "or --label-column NAME");
      MOTE_ASSIGN_OR_RETURN(bool added, session->Add(s, label));
      if (added) ++summary.added_per_label[label];
      progress.Update(++seen);
      return Status::Ok();
    };
    for (const auto& [importer, group] : plans[r])
      MOTE_RETURN_IF_ERROR(importer->Read(group, req.options, sink));
  }
  if (Interrupted()) return Status::Cancelled("interrupted; nothing was imported");
  MOTE_RETURN_IF_ERROR(session->Commit());
  progress.Finish();
  summary.added = session->added();
  summary.duplicates = session->duplicates();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace mote
