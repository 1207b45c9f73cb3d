// mote init DIR --template image|kws|motion|anomaly
#include "cli/cli.h"
#include "project/templates.h"

namespace mote {
namespace {

void SetupInit(Cli& cli) {
  struct Opts {
    std::string dir, tmpl = "image";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = cli.app().add_subcommand("init", "Create a project: a commented mote.yaml, data/ and reports/");
  sub->add_option("dir", o->dir, "Folder of the new project (created if missing)")->required();
  std::string names;
  for (const auto& n : TemplateNames()) names += (names.empty() ? "" : "|") + n;
  sub->add_option("-t,--template", o->tmpl, "Kind of project")->option_text(names)->capture_default_str();
  cli.OnRun(sub, [&cli, o] {
    MOTE_RETURN_IF_ERROR(InitProject(o->dir, o->tmpl));
    cli.Print({{"project", o->dir}, {"template", o->tmpl}},
              "Created " + o->tmpl + " project in " + o->dir + "\nNext: cd " + o->dir +
                  " && mote data import FILES... (or mote data synth) && mote data stats");
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(init, 0, SetupInit);
}  // namespace mote
