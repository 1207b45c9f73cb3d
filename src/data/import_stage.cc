// The `import` stage of `mote run`: imports every source of mote.yaml's
// data.sources in one transaction. Its fingerprint covers the sources'
// settings and the content of every file they match, so editing, adding or
// removing a file re-runs it; importing is idempotent (duplicates skipped).
#include <glob.h>

#include <algorithm>

#include "core/hash.h"
#include "data/import/import_files.h"
#include "pipeline/stage.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

// Files a source names: a folder (recursively), a file, or a glob.
Result<std::vector<fs::path>> SourcePaths(const Project& project, const DataSource& src) {
  fs::path pattern = project.root() / src.files;
  std::error_code ec;
  if (fs::exists(pattern, ec)) return std::vector<fs::path>{pattern};
  glob_t g{};
  int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
  std::vector<fs::path> out;
  for (size_t i = 0; rc == 0 && i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  ::globfree(&g);
  if (out.empty()) return Status::NotFound(src.files + ": matches no file (data.sources in mote.yaml)");
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<fs::path>> FilesUnder(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_regular_file()) files.push_back(it->path());
    if (ec) return Status::IoError(p.string() + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ImportStage : public Stage {
 public:
  std::string_view name() const override { return "import"; }
  std::string_view description() const override { return "import data.sources into the dataset store"; }
  bool Enabled(const Project& project) const override { return !project.data().sources.empty(); }

  Result<std::string> Fingerprint(const StageContext& ctx) const override {
    const Project& p = ctx.project;
    Sha256 h;
    h.UpdateField(std::to_string(p.data().test_ratio)).UpdateField(std::to_string(p.data().audio_rate_hz));
    for (const DataSource& src : p.data().sources) {
      h.UpdateField(src.files).UpdateField(src.label.value_or("")).UpdateField(std::to_string(int(src.label_from)));
      h.UpdateField(src.label_column).UpdateField(src.split ? SplitName(*src.split) : "auto");
      h.UpdateField(std::to_string(src.frequency_hz));
      for (const auto& c : src.class_names) h.UpdateField(c);
      MOTE_ASSIGN_OR_RETURN(auto paths, SourcePaths(p, src));
      MOTE_ASSIGN_OR_RETURN(auto files, FilesUnder(paths));
      for (const fs::path& f : files) {
        MOTE_ASSIGN_OR_RETURN(Digest d, Sha256OfFile(f));
        h.UpdateField(fs::relative(f, p.root()).string()).Update(d);
      }
    }
    return ToHex(h.Finish());
  }

  Result<std::string> Run(StageContext& ctx) const override {
    Project& p = ctx.project;
    std::vector<ImportRequest> requests;
    for (const DataSource& src : p.data().sources) {
      ImportRequest req;
      MOTE_ASSIGN_OR_RETURN(req.paths, SourcePaths(p, src));
      req.options.label = src.label;
      req.options.label_column = src.label_column;
      req.options.frequency_hz = src.frequency_hz;
      req.options.audio_rate_hz = p.data().audio_rate_hz;
      req.options.class_names = src.class_names;
      req.options.split = src.split;
      req.label_from = src.label_from;
      req.test_ratio = p.data().test_ratio;
      req.command = "run: import";
      req.source_base = p.root();
      req.show_progress = ctx.show_progress;
      requests.push_back(std::move(req));
    }
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, p.store());
    MOTE_ASSIGN_OR_RETURN(ImportSummary s, ImportFiles(*store, requests));
    if (ctx.show_progress)
      std::fprintf(stderr, "    %lld samples added, %lld duplicates skipped, from %lld files\n",
                   static_cast<long long>(s.added), static_cast<long long>(s.duplicates),
                   static_cast<long long>(s.files));
    return store->WorkingSetDigest();
  }
};

}  // namespace
MOTE_REGISTER_STAGE(ImportStage);
}  // namespace mote
