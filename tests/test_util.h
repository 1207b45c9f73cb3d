// Helpers shared by the tests: temporary folders, running the `mote` binary,
// and the location of ../shared/models.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace mote::testing {

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs the built `mote` binary with `args` in `cwd`; captures stdout/stderr.
RunResult RunMote(const std::vector<std::string>& args, const std::filesystem::path& cwd);

// The built `mote` binary running in the background, for tests that act
// while it runs (feed it, signal it). Output is captured as by RunMote. The
// destructor kills (SIGKILL) and reaps a process not waited for.
class MoteProcess {
 public:
  MoteProcess(const std::vector<std::string>& args, const std::filesystem::path& cwd);
  ~MoteProcess();
  MoteProcess(const MoteProcess&) = delete;
  MoteProcess& operator=(const MoteProcess&) = delete;
  int pid() const { return pid_; }
  // Waits for the process to end; call at most once.
  RunResult Wait();

 private:
  TempDir io_;
  int pid_ = -1;
};

// Writes `text` to `path`, creating parent folders.
void WriteText(const std::filesystem::path& path, const std::string& text);
void WriteBytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);
// The whole file at `path`; a test failure (and an empty vector) when it
// cannot be read.
std::vector<uint8_t> ReadBytes(const std::filesystem::path& path);

// The bytes of `values` in host order (little-endian here, as .tflite
// constants are), e.g. a constant tensor's data.
template <typename T>
std::vector<uint8_t> ValueBytes(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

// $MOTE_SHARED_MODELS, else ../shared/models beside the source tree; empty
// path when neither exists (tests then GTEST_SKIP with a message).
std::filesystem::path SharedModelsDir();

}  // namespace mote::testing
