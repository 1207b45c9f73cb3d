#include "deploy/run_folder.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace mote {

namespace fs = std::filesystem;

Result<RunFolder> RunFolder::Create(std::string_view prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (!::mkdtemp(pattern.data()))
    return Status::IoError(pattern + ": cannot create temporary folder: " + std::strerror(errno));
  return RunFolder(pattern);
}

RunFolder::RunFolder(RunFolder&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

RunFolder::~RunFolder() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

}  // namespace mote
