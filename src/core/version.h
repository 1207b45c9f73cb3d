// The version of mote, set by CMake from project(VERSION) and the git commit.
#pragma once

namespace mote {
extern const char* const kVersion;     // "0.1.0"
extern const char* const kGitCommit;   // short hash, or "unknown" outside git
}  // namespace mote
