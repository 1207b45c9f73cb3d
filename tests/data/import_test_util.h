// Helpers for the importer tests: a fresh project, a fingerprint of its store
// (to show that a failed import changed nothing), running `mote data import`
// and calling an importer directly.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/import/importer.h"
#include "test_util.h"

namespace mote::testing {

// Runs `mote init DIR --template image` in a fresh folder under `tmp`; returns
// the project root. `data_yaml_extra` lines are added under `data:` (e.g.
// "  audio_rate_hz: 16000").
std::filesystem::path MakeProject(const TempDir& tmp, const std::string& data_yaml_extra = "");

// Everything a failed import must leave alone: the working set's digest and
// the row counts of samples, blobs and the import history, read from the
// store directly (stricter than comparing `mote data stats --json`).
std::string StoreFingerprint(const std::filesystem::path& project);

// `mote -C project data import args...`.
RunResult RunImport(const std::filesystem::path& project, const std::vector<std::string>& args);

// Runs an import that must fail: exit code 1, exactly one line on stderr that
// contains every string in `expected`, and the store unchanged. Reports
// failures through gtest (use with ASSERT_NO_FATAL_FAILURE or just call).
void ExpectImportFails(const std::filesystem::path& project, const std::vector<std::string>& args,
                       const std::vector<std::string>& expected);

// Runs the importer `name` on `files` and collects what it passes to the sink.
Result<std::vector<ImportedSample>> ReadWith(std::string_view name, const std::vector<std::filesystem::path>& files,
                                             const ImportOptions& options = {});

}  // namespace mote::testing
