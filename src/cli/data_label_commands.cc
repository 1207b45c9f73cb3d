// mote data relabel | exclude | include: labelling and cleaning. Excluded
// samples stay stored (and in earlier snapshots) but leave the splits.
#include "cli/cli.h"
#include "cli/sample_selection.h"

namespace mote {
namespace {

enum class Edit { kRelabel, kExclude, kInclude };

void SetupEdit(Cli& cli, Edit edit) {
  struct Opts {
    SampleSelection sel;
    std::string value;  // new label, or the reason for excluding
  };
  auto o = std::make_shared<Opts>();
  const char* name = edit == Edit::kRelabel ? "relabel" : edit == Edit::kExclude ? "exclude" : "include";
  const char* help = edit == Edit::kRelabel   ? "Give the selected samples a new label"
                     : edit == Edit::kExclude ? "Take the selected samples out of the splits (kept in the store)"
                                              : "Put excluded samples back";
  CLI::App* sub = cli.DataGroup()->add_subcommand(name, help);
  o->sel.AddOptions(sub);
  if (edit == Edit::kRelabel) sub->add_option("--to", o->value, "The new label")->required();
  if (edit == Edit::kExclude) sub->add_option("--reason", o->value, "Why (shown by `mote data ls --all`)");
  cli.OnRun(sub, [&cli, o, edit, name]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(SampleFilter f, o->sel.Filter());
    Result<int64_t> n = edit == Edit::kRelabel   ? store->Relabel(f, o->value)
                        : edit == Edit::kExclude ? store->Exclude(f, o->value.empty() ? "by hand" : o->value)
                                                 : store->Include(f);
    if (!n.ok()) return n.status();
    std::string verb = edit == Edit::kRelabel ? "Relabelled" : edit == Edit::kExclude ? "Excluded" : "Included";
    cli.Print({{"command", name}, {"changed", *n}}, verb + " " + std::to_string(*n) + " samples");
    return Status::Ok();
  });
}

void SetupRelabel(Cli& cli) { SetupEdit(cli, Edit::kRelabel); }
void SetupExclude(Cli& cli) { SetupEdit(cli, Edit::kExclude); }
void SetupInclude(Cli& cli) { SetupEdit(cli, Edit::kInclude); }

}  // namespace
MOTE_REGISTER_COMMAND(data_relabel, 16, SetupRelabel);
MOTE_REGISTER_COMMAND(data_exclude, 17, SetupExclude);
MOTE_REGISTER_COMMAND(data_include, 18, SetupInclude);
}  // namespace mote
