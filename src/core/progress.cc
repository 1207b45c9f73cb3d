#include "core/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mote {

bool StderrIsTerminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
}

Progress::Progress(std::string what, int64_t total, std::string unit, bool enabled)
    : what_(std::move(what)), unit_(std::move(unit)), total_(total), enabled_(enabled),
      tty_(StderrIsTerminal()), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(int64_t done) {
  done_ = done;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // A terminal is redrawn 10 times a second; a log gets a line every 5 s.
  auto period = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_draw_ < period) return;
  last_draw_ = now;
  Draw(false);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (enabled_ && (tty_ || std::chrono::steady_clock::now() - start_ > std::chrono::seconds(5))) Draw(true);
}

void Progress::Draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? static_cast<double>(done_) / secs : 0;
  char line[256];
  if (total_ > 0) {
    double frac = static_cast<double>(done_) / static_cast<double>(total_);
    if (frac > 1) frac = 1;
    char bar[26];
    int filled = static_cast<int>(frac * 24);
    for (int i = 0; i < 24; ++i) bar[i] = i < filled ? '#' : '.';
    bar[24] = 0;
    double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    std::snprintf(line, sizeof line, "%s [%s] %3.0f%% %lld/%lld %s, %.0f/s, %s %.0fs", what_.c_str(), bar,
                  frac * 100, static_cast<long long>(done_), static_cast<long long>(total_), unit_.c_str(), rate,
                  final ? "took" : "ETA", final ? secs : eta);
  } else {
    std::snprintf(line, sizeof line, "%s %lld %s, %.0f/s, %.0fs", what_.c_str(), static_cast<long long>(done_),
                  unit_.c_str(), rate, secs);
  }
  const char* sep = note_.empty() ? "" : ", ";
  if (tty_) std::fprintf(stderr, "\r\033[K%s%s%s%s", line, sep, note_.c_str(), final ? "\n" : "");
  else std::fprintf(stderr, "%s%s%s\n", line, sep, note_.c_str());
  std::fflush(stderr);
}

}  // namespace mote
