// Whole-file reads and atomic writes. Every write of project state that is not
// inside an SQLite transaction goes through WriteFileAtomically, so that an
// interrupted command leaves either the old file or the new one, never half.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace mote {

// Reads the whole file. IoError/NotFound messages name the path.
Result<std::string> ReadFile(const std::filesystem::path& path);

// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over
// `path` and fsyncs the directory. Creates missing parent directories.
// Safe against crashes at any point; not safe against two concurrent writers
// of the same path (the last rename wins).
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace mote
