// Wall-clock time for records (imports, snapshots, runs): ISO-8601 UTC with
// milliseconds, "2026-11-25T16:20:19.123Z". Thread-safe.
#pragma once

#include <string>

namespace mote {
std::string NowIso8601();
}  // namespace mote
