#include "data/import_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/file_util.h"
#include "data/dataset_store.h"

namespace mote::testing {

namespace fs = std::filesystem;

fs::path MakeProject(const TempDir& tmp, const std::string& data_yaml_extra) {
  fs::path root = tmp / "proj";
  RunResult r = RunMote({"init", root.string(), "--template", "image"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (!data_yaml_extra.empty()) {
    Result<std::string> yaml = ReadFile(root / "mote.yaml");
    EXPECT_TRUE(yaml.ok()) << yaml.status().ToString();
    std::string text = yaml.value();
    size_t at = text.find("\ndata:\n");
    EXPECT_NE(at, std::string::npos) << text;
    text.insert(at + 7, data_yaml_extra + "\n");
    WriteText(root / "mote.yaml", text);
  }
  return root;
}

std::string StoreFingerprint(const fs::path& project) {
  fs::create_directories(project / ".mote");
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  if (!store.ok()) return "cannot open store: " + store.status().ToString();
  Result<std::string> digest = (*store)->WorkingSetDigest();
  std::string out = digest.ok() ? digest.value() : digest.status().ToString();
  for (const char* table : {"samples", "blobs", "imports"}) {
    auto st = (*store)->db().Prepare(std::string("SELECT count(*) FROM ") + table);
    if (!st.ok()) return st.status().ToString();
    auto row = st->Step();
    out += std::string(" ") + table + "=" + (row.ok() && row.value() ? std::to_string(st->Int(0)) : "?");
  }
  return out;
}

RunResult RunImport(const fs::path& project, const std::vector<std::string>& args) {
  std::vector<std::string> all = {"-C", project.string(), "data", "import"};
  all.insert(all.end(), args.begin(), args.end());
  return RunMote(all, project);
}

void ExpectImportFails(const fs::path& project, const std::vector<std::string>& args,
                       const std::vector<std::string>& expected) {
  std::string before = StoreFingerprint(project);
  RunResult r = RunImport(project, args);
  EXPECT_EQ(r.exit_code, 1) << "stdout: " << r.out << "\nstderr: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "stderr must be one line: " << r.err;
  for (const std::string& e : expected) EXPECT_NE(r.err.find(e), std::string::npos) << "missing '" << e << "' in: " << r.err;
  EXPECT_EQ(StoreFingerprint(project), before) << "a failed import changed the store";
}

Result<std::vector<ImportedSample>> ReadWith(std::string_view name, const std::vector<fs::path>& files,
                                             const ImportOptions& options) {
  const Importer* importer = FindImporter(name);
  if (!importer) return Status::NotFound("no importer named " + std::string(name));
  std::vector<ImportedSample> out;
  MOTE_RETURN_IF_ERROR(importer->Read(files, options, [&](ImportedSample&& s) {
    out.push_back(std::move(s));
    return Status::Ok();
  }));
  return out;
}

}  // namespace mote::testing
