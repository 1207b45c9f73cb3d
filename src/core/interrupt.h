// Cooperative interruption. Long commands check Interrupted() between units of
// work and return Status::Cancelled, so their transaction rolls back and the
// project stays as it was. A second Ctrl-C kills the process at once, which
// is also safe (SQLite rolls back at the next open).
#pragma once

namespace mote {

// Installs SIGINT and SIGTERM handlers. Call once, from main().
void InstallInterruptHandler();
// True once SIGINT or SIGTERM has arrived. Async-signal-safe to read.
bool Interrupted();

}  // namespace mote
