#include "core/interrupt.h"

#include <csignal>

namespace mote {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;

void OnSignal(int sig) {
  g_interrupted = 1;
  std::signal(sig, SIG_DFL);  // the next one ends the process
}
}  // namespace

void InstallInterruptHandler() {
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
}

bool Interrupted() { return g_interrupted != 0; }

}  // namespace mote
