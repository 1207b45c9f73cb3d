// The `mote` command's frame. Each command lives in its own file and
// registers itself with MOTE_REGISTER_COMMAND; main() builds the CLI11 app from
// the registry, parses, and runs the one action the user chose. An action
// returns a Status; main() prints a non-ok one as a single line on stderr
// and exits 1 (2 for usage errors).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/registry.h"
#include "core/status.h"
#include "project/project.h"

namespace mote {

struct GlobalOptions {
  std::string project_dir = ".";  // -C DIR
  bool json = false;              // --json: machine-readable results on stdout
  bool quiet = false;             // -q: no progress, no chatter
};

class Cli {
 public:
  explicit Cli(CLI::App& app) : app_(app) {}

  CLI::App& app() { return app_; }
  const GlobalOptions& global() const { return global_; }
  GlobalOptions& mutable_global() { return global_; }

  // The subcommand `name` of `parent`, created with `description` if absent
  // (so that several files can add to `mote data`).
  CLI::App* Group(CLI::App& parent, const std::string& name, const std::string& description);

  // `mote data`, the group of the dataset commands.
  CLI::App* DataGroup() { return Group(app_, "data", "Samples: import, collect, version, clean and label"); }
  // `mote model`, the group of the commands about a model file.
  CLI::App* ModelGroup() { return Group(app_, "model", "Model files: what a .tflite holds and needs"); }

  // Makes `action` the thing to run when `sub` is the chosen subcommand.
  void OnRun(CLI::App* sub, std::function<Status()> action);
  // The chosen action after parsing; empty when no leaf command was chosen.
  const std::function<Status()>& chosen() const { return chosen_; }

  // The project around -C DIR (opened once).
  Result<Project*> project();

  // Results: --json prints `j` on stdout; otherwise `text` is printed.
  void Print(const nlohmann::json& j, const std::string& text) const;
  bool progress_enabled() const { return !global_.quiet && !global_.json; }

 private:
  CLI::App& app_;
  GlobalOptions global_;
  std::function<Status()> chosen_;
  std::unique_ptr<Project> project_;
};

using CommandSetup = void (*)(Cli& cli);
// (order, setup): `order` places the command in --help (lifecycle order:
// init 0, data 10, features 20, ..., run 90).
using CommandRegistry = Registry<std::pair<int, CommandSetup>>;

// Calls `fn` for each registered command, in order.
void ForEachCommand(const std::function<void(CommandSetup)>& fn);

}  // namespace mote

#define MOTE_REGISTER_COMMAND(id, order, setup) \
  static ::mote::CommandRegistry::Registrar mote_command_registrar_##id(std::pair<int, ::mote::CommandSetup>(order, setup))
