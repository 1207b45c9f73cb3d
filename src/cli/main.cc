// mote: the command-line entry point. Commands register themselves (see
// cli.h); this file only parses, dispatches and maps errors to exit codes.
#include <iostream>

#include "cli/cli.h"
#include "core/interrupt.h"
#include "core/version.h"

int main(int argc, char** argv) {
  CLI::App app{"mote: the TinyML lifecycle for microcontrollers - collect, preprocess, train, "
               "optimize, deploy, monitor, update", "mote"};
  app.set_version_flag("--version", std::string("mote ") + mote::kVersion);
  app.require_subcommand(1);
  app.fallthrough();
  mote::Cli cli(app);
  auto& g = cli.mutable_global();
  app.add_option("-C,--project", g.project_dir, "Run as if started in this folder (the project root or below)")
      ->option_text("DIR");
  app.add_flag("--json", g.json, "Print results as JSON on stdout");
  app.add_flag("-q,--quiet", g.quiet, "No progress output");
  mote::ForEachCommand([&](mote::CommandSetup setup) { setup(cli); });
  // Options of the top level are accepted after subcommands too (mote data stats --json).
  std::function<void(CLI::App&)> fall = [&](CLI::App& a) {
    for (CLI::App* sub : a.get_subcommands([](CLI::App*) { return true; })) {
      sub->fallthrough();
      fall(*sub);
    }
  };
  fall(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "mote: " << e.what() << "\nRun with --help for usage.\n";
    return 2;
  }
  if (!cli.chosen()) {
    std::cerr << "mote: choose a command; run with --help for the list\n";
    return 2;
  }
  mote::InstallInterruptHandler();
  mote::Status s = cli.chosen()();
  if (s.ok()) return 0;
  std::cerr << "mote: error: " << s.message() << "\n";
  return s.code() == mote::Status::Code::kUsage ? 2 : 1;
}
