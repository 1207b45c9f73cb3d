// Runs firmware on an emulated board in qemu-system-arm and reports what it
// did: its exit status (semihosting), the bytes it sent on its serial port
// (UART0), and, with the insn_count plugin (firmware/qemu-plugin), the guest
// instructions it executed. See docs/emulated-boards.md.
//
// QEMU runs as a child process (posix_spawn, no shell) in `working_dir`,
// where the firmware's semihosting file paths resolve:
//
//   qemu-system-arm -M <machine> -nodefaults -display none -serial stdio
//       -semihosting-config enable=on,target=native
//       -kernel <firmware> [-plugin insn_count.so,out=...,start=...,stop=...]
//
// Thread-safe: runs share nothing (each has its own temporary folder), so
// several may run at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace mote {

struct QemuRunOptions {
  std::string machine = "mps2-an386";    // QEMU's -M
  std::filesystem::path firmware;        // an ELF linked for that machine
  std::filesystem::path working_dir;     // QEMU's cwd; empty: the current one
  std::string uart_input;                // bytes UART0 receives, then end of input
  std::chrono::milliseconds timeout{60'000};  // wall clock, then QEMU is killed
  std::string qemu_program = "qemu-system-arm";  // looked up on PATH unless it has a '/'

  // Set to count instructions. The markers are function symbols of the
  // firmware (firmware/common/count_markers.h); the count covers each
  // interval from the first instruction of the start function (included) to
  // the first instruction of the stop function (excluded).
  std::filesystem::path insn_count_plugin;
  std::string count_start_symbol = "mote_count_start";
  std::string count_stop_symbol = "mote_count_stop";
  // With the plugin: also count the instructions of each function of the
  // firmware (QemuRunResult::profile). Slower: two counters per instruction.
  bool profile = false;
};

struct InstructionCounts {
  uint64_t total = 0;      // every guest instruction from reset to exit
  uint64_t marked = 0;     // inside the closed start..stop intervals
  uint64_t intervals = 0;  // how many intervals closed
};

// Instructions executed in one function of the firmware: the function symbol
// whose [address, address + size) holds them, or "0x..." for an address in
// no function (code without a symbol size, e.g. hand-written assembly).
struct FunctionCount {
  std::string function;
  uint64_t total = 0;   // from reset to exit
  uint64_t marked = 0;  // inside the closed start..stop intervals
};

struct QemuRunResult {
  // The firmware's exit status (SYS_EXIT_EXTENDED), 0-255; firmware/ uses
  // 254 for a fault (firmware/common/startup.h).
  int exit_status = 0;
  std::string uart_output;  // every byte UART0 sent
  std::string qemu_log;     // QEMU's stderr: semihosting console, fault reports, warnings
  std::optional<InstructionCounts> instructions;  // set when counting
  // With options.profile: every function that ran, most marked instructions
  // first (then most in total). Their sum is total minus the markers' own
  // two instructions per interval.
  std::vector<FunctionCount> profile;
};

// Runs `options.firmware` to its end. Errors: a missing firmware, plugin or
// QEMU (NotFound); QEMU refusing to start, e.g. an unknown machine or a plugin
// that fails to load (IoError, with QEMU's message); firmware still running
// after the timeout, or exiting inside a counted interval (InvalidArgument);
// missing marker symbols (InvalidArgument); Ctrl-C (Cancelled). An exit
// status other than 0 is not an error: it is in the result.
Result<QemuRunResult> RunOnQemu(const QemuRunOptions& options);

}  // namespace mote
