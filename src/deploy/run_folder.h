// A private temporary folder for one run of firmware on an emulated board
// (its semihosting files, QEMU's log, the plugin's counts), removed with
// everything in it when the object is destroyed.
//
// Not thread-safe itself; separate objects share nothing (mkdtemp), so runs
// may proceed in parallel.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/status.h"

namespace mote {

class RunFolder {
 public:
  // Creates <temp>/<prefix>XXXXXX. Errors: IoError naming the pattern.
  static Result<RunFolder> Create(std::string_view prefix);

  RunFolder(RunFolder&& other) noexcept;
  RunFolder& operator=(RunFolder&&) = delete;
  RunFolder(const RunFolder&) = delete;
  ~RunFolder();

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  explicit RunFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace mote
