#include "cli/cli.h"

#include <algorithm>
#include <iostream>
#include <vector>

namespace mote {

void ForEachCommand(const std::function<void(CommandSetup)>& fn) {
  auto commands = CommandRegistry::Items();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, setup] : commands) fn(setup);
}

CLI::App* Cli::Group(CLI::App& parent, const std::string& name, const std::string& description) {
  for (CLI::App* sub : parent.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  CLI::App* sub = parent.add_subcommand(name, description);
  sub->require_subcommand(1);
  return sub;
}

void Cli::OnRun(CLI::App* sub, std::function<Status()> action) {
  sub->callback([this, action = std::move(action)] { chosen_ = action; });
}

Result<Project*> Cli::project() {
  if (!project_) {
    MOTE_ASSIGN_OR_RETURN(project_, Project::Open(global_.project_dir));
  }
  return project_.get();
}

void Cli::Print(const nlohmann::json& j, const std::string& text) const {
  if (global_.json) std::cout << j.dump(2) << "\n";
  else if (!text.empty()) std::cout << text << (text.back() == '\n' ? "" : "\n");
}

}  // namespace mote
