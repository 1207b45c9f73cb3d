// `mote data import`: finds the importer for each file, parses everything and
// stores it in one transaction. Either every sample of every file is stored
// (duplicates skipped and counted) or, on the first error or an interrupt,
// none is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/data_config.h"
#include "data/dataset_store.h"
#include "data/import/importer.h"

namespace mote {

struct ImportRequest {
  std::vector<std::filesystem::path> paths;  // files, or folders read recursively
  ImportOptions options;
  LabelFrom label_from = LabelFrom::kFile;   // when options.label is unset
  std::string format;                        // importer name; empty: detect
  double test_ratio = 0.2;
  std::string command;                       // recorded in the import history
  // Sources are recorded relative to this folder (the project root) when the
  // file lies below it, so a project can move without its history breaking.
  std::filesystem::path source_base;
  bool show_progress = true;
};

struct ImportSummary {
  int64_t files = 0, added = 0, duplicates = 0;
  std::map<std::string, int64_t> added_per_label;
  double seconds = 0;
};

Result<ImportSummary> ImportFiles(DatasetStore& store, const ImportRequest& request);
// Several requests (each with its own label rules) as one transaction; the
// first request's test_ratio, command and show_progress apply.
Result<ImportSummary> ImportFiles(DatasetStore& store, std::span<const ImportRequest> requests);

// `source` ("path" or "path#record") with its path made relative to `base`
// when it lies below it; unchanged otherwise.
std::string RelativeSource(const std::string& source, const std::filesystem::path& base);

// The label for a sample given the request's rules; empty if none applies.
std::string ResolveLabel(const ImportedSample& sample, const ImportOptions& options, LabelFrom from);

}  // namespace mote
