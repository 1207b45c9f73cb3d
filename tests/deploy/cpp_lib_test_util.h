// Building and running an exported cpp-lib on the host: `mote export
// --format cpp-lib --name model`, compiled with the host compilers against
// mote_micro and driven from C by tests/deploy/cpp_lib_harness.c.in.
// Shared by cpp_lib_test.cc (networks) and kmeans_lib_test.cc (K-means).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mote::testing {

// The text of `path` ("" when unreadable).
std::string ReadText(const std::filesystem::path& path);

// Runs `command` in a shell; returns its exit status, output in *log.
int Shell(const std::string& command, const std::filesystem::path& log_file, std::string* log);

// Exports `model` as cpp-lib with `runtime` into dir/lib, compiles it with
// the C harness, runs it on `inputs`; returns the output_0 bytes (empty and
// a test failure on error) and the export's JSON in *exported. The harness
// invokes again on the same inputs (its output_0 in *second when not null)
// and once more after init again, which must give output_0 again: init
// resets the state (SVDF's, LSTM's, the noise estimate) as Prepare does.
std::vector<uint8_t> ExportBuildRun(const std::filesystem::path& model, const std::string& runtime,
                                    const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& dir,
                                    nlohmann::json* exported, std::vector<uint8_t>* second = nullptr);

}  // namespace mote::testing
