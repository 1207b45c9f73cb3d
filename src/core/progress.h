// Progress of long work on stderr: a redrawn bar with rate and ETA on a
// terminal, a plain line every few seconds otherwise (logs, CI). Not
// thread-safe: update it from the thread doing the work.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mote {

class Progress {
 public:
  // `total` 0 means unknown (no bar, no ETA). `unit` names what is counted
  // ("samples", "files"). Disabled progress prints nothing.
  Progress(std::string what, int64_t total, std::string unit, bool enabled);
  ~Progress();
  void Update(int64_t done);
  void SetTotal(int64_t total) { total_ = total; }
  // Extra counts shown after the main ones ("120 lines, 2 garbage"); kept
  // until replaced.
  void SetNote(std::string note) { note_ = std::move(note); }
  // Prints the final state once; called by the destructor if not before.
  void Finish();

 private:
  void Draw(bool final);
  std::string what_, unit_, note_;
  int64_t total_, done_ = 0;
  bool enabled_, tty_, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// True when stderr is a terminal and TERM is not "dumb".
bool StderrIsTerminal();

}  // namespace mote
