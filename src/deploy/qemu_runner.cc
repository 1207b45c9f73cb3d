#include "deploy/qemu_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/file_util.h"
#include "core/interrupt.h"
#include "deploy/arm_elf.h"
#include "deploy/run_folder.h"

extern char** environ;

namespace mote {

namespace fs = std::filesystem;

namespace {

// QEMU splits option values at commas; a literal comma is written twice.
std::string EscapeOptionValue(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    escaped += c;
    if (c == ',') escaped += ',';
  }
  return escaped;
}

// The -plugin argument, with the marker addresses read from the firmware.
Result<std::string> PluginArgument(const QemuRunOptions& options, const fs::path& firmware,
                                   const fs::path& counts_file, const fs::path& profile_file) {
  fs::path plugin = fs::absolute(options.insn_count_plugin);
  if (!fs::is_regular_file(plugin)) return Status::NotFound(plugin.string() + ": no such file (the insn_count plugin)");
  MOTE_ASSIGN_OR_RETURN(ArmElf elf, ReadArmElf(firmware));
  auto find = [&](const std::string& name) -> Result<const ElfSymbol*> {
    if (const ElfSymbol* symbol = elf.FindSymbol(name)) return symbol;
    return Status::InvalidArgument(
        fmt::format("{}: no symbol {} (needed to count instructions)", firmware.string(), name));
  };
  MOTE_ASSIGN_OR_RETURN(const ElfSymbol* start, find(options.count_start_symbol));
  MOTE_ASSIGN_OR_RETURN(const ElfSymbol* stop, find(options.count_stop_symbol));
  if (start->address == stop->address)
    return Status::InvalidArgument(fmt::format("{}: {} and {} share address 0x{:x}", firmware.string(),
                                               options.count_start_symbol, options.count_stop_symbol, start->address));
  std::string argument = fmt::format("{},out={},start=0x{:x},stop=0x{:x}", EscapeOptionValue(plugin.string()),
                                     EscapeOptionValue(counts_file.string()), start->address, stop->address);
  if (options.profile) argument += ",profile=" + EscapeOptionValue(profile_file.string());
  return argument;
}

// Sums the plugin's per-address lines ("0xADDR total marked") by the
// firmware's function symbols.
Result<std::vector<FunctionCount>> ParseProfile(const std::string& text, const fs::path& firmware) {
  MOTE_ASSIGN_OR_RETURN(ArmElf elf, ReadArmElf(firmware));
  std::vector<const ElfSymbol*> functions;
  for (const ElfSymbol& symbol : elf.symbols)
    if (symbol.is_function && symbol.size > 0) functions.push_back(&symbol);
  std::sort(functions.begin(), functions.end(),
            [](const ElfSymbol* a, const ElfSymbol* b) { return a->address < b->address; });
  std::map<std::string, FunctionCount> by_name;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    uint64_t address = 0, total = 0, marked = 0;
    std::istringstream fields(line);
    if (!(fields >> std::hex >> address >> std::dec >> total >> marked))
      return Status::Internal("insn_count plugin: bad profile line: " + line);
    // The last function starting at or below the address, if it covers it.
    auto after = std::upper_bound(functions.begin(), functions.end(), address,
                                  [](uint64_t a, const ElfSymbol* f) { return a < f->address; });
    std::string name = fmt::format("0x{:x}", address);
    if (after != functions.begin() && address < (*(after - 1))->address + uint64_t{(*(after - 1))->size})
      name = (*(after - 1))->name;
    FunctionCount& count = by_name[name];
    count.function = name;
    count.total += total;
    count.marked += marked;
  }
  std::vector<FunctionCount> profile;
  for (auto& [name, count] : by_name) profile.push_back(std::move(count));
  std::sort(profile.begin(), profile.end(), [](const FunctionCount& a, const FunctionCount& b) {
    return a.marked != b.marked ? a.marked > b.marked : a.total > b.total;
  });
  return profile;
}

// Parses the plugin's "key=value" lines.
Result<InstructionCounts> ParseCounts(const std::string& text, const fs::path& firmware,
                                      const QemuRunOptions& options) {
  InstructionCounts counts;
  bool seen_total = false, seen_marked = false, seen_intervals = false, open_interval = false;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    uint64_t value = std::strtoull(line.c_str() + eq + 1, nullptr, 10);
    if (key == "insns_total") {
      counts.total = value;
      seen_total = true;
    } else if (key == "insns_marked") {
      counts.marked = value;
      seen_marked = true;
    } else if (key == "intervals") {
      counts.intervals = value;
      seen_intervals = true;
    } else if (key == "open_interval") {
      open_interval = value != 0;
    }
  }
  if (!seen_total || !seen_marked || !seen_intervals)
    return Status::Internal("insn_count plugin output lacks insns_total, insns_marked or intervals: " + text);
  if (open_interval)
    return Status::InvalidArgument(fmt::format("{}: exited between {} and {}: the last counted interval never closed",
                                               firmware.string(), options.count_start_symbol,
                                               options.count_stop_symbol));
  return counts;
}

// The first error line QEMU printed ("qemu-system-arm: Could not load
// kernel ..."), ignoring its warnings; empty if none.
std::string QemuError(const std::string& log, const std::string& program_name) {
  const std::string prefix = program_name + ": ";
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line))
    if (line.starts_with(prefix) && !line.starts_with(prefix + "warning:")) return line;
  return {};
}

// Owns posix_spawn's file actions.
class SpawnActions {
 public:
  SpawnActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

// Starts `program` (searched on PATH unless it has a '/') with `args`
// (args[0] included) in `working_dir`, its stdin read from `stdin_file` and
// its stdout and stderr written to the two other files.
Result<pid_t> Spawn(const std::string& program, std::vector<std::string> args, const fs::path& working_dir,
                    const fs::path& stdin_file, const fs::path& stdout_file, const fs::path& stderr_file) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  SpawnActions actions;
  constexpr int kWrite = O_WRONLY | O_CREAT | O_TRUNC;
  ::posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, stdin_file.c_str(), O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, stdout_file.c_str(), kWrite, 0600);
  ::posix_spawn_file_actions_addopen(actions.get(), STDERR_FILENO, stderr_file.c_str(), kWrite, 0600);
  if (!working_dir.empty()) ::posix_spawn_file_actions_addchdir_np(actions.get(), working_dir.c_str());

  pid_t pid = 0;
  const bool search_path = program.find('/') == std::string::npos;
  int rc = search_path ? ::posix_spawnp(&pid, program.c_str(), actions.get(), nullptr, argv.data(), environ)
                       : ::posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv.data(), environ);
  if (rc == ENOENT)
    return Status::NotFound(program + (search_path ? ": not found on PATH (Debian package qemu-system-arm)"
                                                   : ": no such file"));
  if (rc != 0) return Status::IoError(program + ": cannot start: " + std::strerror(rc));
  return pid;
}

// Waits for `pid` to end; kills it at `deadline` or on Ctrl-C. Sets *status
// (waitpid's) and returns Ok, or returns why it killed QEMU.
Status WaitOrKill(pid_t pid, std::chrono::steady_clock::time_point deadline, const QemuRunOptions& options,
                  int* status) {
  for (;;) {
    pid_t done = ::waitpid(pid, status, WNOHANG);
    if (done == pid) return Status::Ok();
    if (done < 0 && errno != EINTR) return Status::Internal(std::string("waitpid: ") + std::strerror(errno));
    bool interrupted = Interrupted();
    if (interrupted || std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, status, 0) < 0 && errno == EINTR) {
      }
      if (interrupted) return Status::Cancelled("interrupted: QEMU stopped");
      return Status::InvalidArgument(fmt::format("{}: still running on {} after {} ms; QEMU stopped",
                                                 options.firmware.string(), options.machine,
                                                 options.timeout.count()));
    }
    // The run's end is noticed within 2 ms: negligible next to QEMU's start.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace

Result<QemuRunResult> RunOnQemu(const QemuRunOptions& options) {
  const fs::path firmware = fs::absolute(options.firmware);
  if (!fs::is_regular_file(firmware)) return Status::NotFound(options.firmware.string() + ": no such file");
  MOTE_ASSIGN_OR_RETURN(RunFolder folder, RunFolder::Create("mote-qemu-"));
  const fs::path uart_in = folder / "uart-in", uart_out = folder / "uart-out", log = folder / "qemu.log",
                 counts_file = folder / "counts.txt", profile_file = folder / "profile.txt";
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(uart_in, options.uart_input));

  const std::string program_name = fs::path(options.qemu_program).filename().string();
  std::vector<std::string> args = {program_name, "-M", options.machine, "-nodefaults", "-display", "none",
                                   "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
                                   "-kernel", firmware.string()};
  const bool counting = !options.insn_count_plugin.empty();
  if (counting) {
    MOTE_ASSIGN_OR_RETURN(std::string plugin, PluginArgument(options, firmware, counts_file, profile_file));
    args.insert(args.end(), {"-plugin", plugin});
  }

  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  const fs::path working_dir = options.working_dir.empty() ? fs::path() : fs::absolute(options.working_dir);
  MOTE_ASSIGN_OR_RETURN(pid_t pid, Spawn(options.qemu_program, std::move(args), working_dir, uart_in, uart_out, log));
  int status = 0;
  MOTE_RETURN_IF_ERROR(WaitOrKill(pid, deadline, options, &status));

  QemuRunResult result;
  MOTE_ASSIGN_OR_RETURN(result.qemu_log, ReadFile(log));
  MOTE_ASSIGN_OR_RETURN(result.uart_output, ReadFile(uart_out));
  if (!WIFEXITED(status))
    return Status::IoError(fmt::format("{} ended by signal {} while running {}", program_name, WTERMSIG(status),
                                       options.firmware.string()));
  result.exit_status = WEXITSTATUS(status);
  if (std::string error = QemuError(result.qemu_log, program_name); result.exit_status != 0 && !error.empty())
    return Status::IoError(options.firmware.string() + ": " + error);
  if (counting) {
    Result<std::string> counts_text = ReadFile(counts_file);
    if (!counts_text.ok())
      return Status::Internal(options.firmware.string() + ": the insn_count plugin wrote no counts; QEMU said: " +
                              result.qemu_log);
    MOTE_ASSIGN_OR_RETURN(result.instructions, ParseCounts(*counts_text, options.firmware, options));
    if (options.profile) {
      Result<std::string> profile_text = ReadFile(profile_file);
      if (!profile_text.ok())
        return Status::Internal(options.firmware.string() + ": the insn_count plugin wrote no profile; QEMU said: " +
                                result.qemu_log);
      MOTE_ASSIGN_OR_RETURN(result.profile, ParseProfile(*profile_text, firmware));
    }
  }
  return result;
}

}  // namespace mote
