// Running external programs (espeak-ng, flite, sox, ...) without a shell:
// arguments go to the program as they are, so a word or a path can never be
// read as shell syntax.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace mote {

// The executable `name` found in $PATH (or `name` itself when it contains a
// '/' and is executable); empty path when there is none. Thread-safe.
std::filesystem::path FindProgram(std::string_view name);

// Runs argv[0] (looked up in $PATH) with argv[1..], stdin from /dev/null and
// stdout+stderr captured, and waits for it. Ok when it exits with status 0;
// otherwise an IoError "PROGRAM exited with status N: <last line it printed>"
// (or "killed by signal N"). Thread-safe: several threads may run programs at
// once (pipes are close-on-exec, so children do not inherit each other's).
// With `output`, it receives what the program printed, whatever the status
// (its last 8 to 64 KiB when it printed more).
Status RunProgram(const std::vector<std::string>& argv, std::string* output = nullptr);

}  // namespace mote
