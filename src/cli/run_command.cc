// mote run: the whole mote.yaml pipeline, redoing only what changed.
#include <sstream>

#include "cli/cli.h"
#include "pipeline/pipeline_runner.h"

namespace mote {
namespace {

std::string_view WhatName(StageOutcome::What w) {
  switch (w) {
    case StageOutcome::What::kRan: return "ran";
    case StageOutcome::What::kSkipped: return "skipped";
    case StageOutcome::What::kDisabled: return "disabled";
    case StageOutcome::What::kWouldRun: return "would-run";
    case StageOutcome::What::kNotReached: return "not-reached";
  }
  return "?";
}

void SetupRun(Cli& cli) {
  auto o = std::make_shared<PipelineOptions>();
  CLI::App* sub = cli.app().add_subcommand(
      "run", "Run the pipeline of mote.yaml stage by stage; stages whose inputs and parameters did not change are "
             "skipped");
  sub->add_option("--force", o->force, "Re-run these stages even if unchanged (repeatable)");
  sub->add_option("--until", o->until, "Stop after this stage");
  sub->add_flag("-n,--dry-run", o->dry_run, "Say what would run; change nothing");
  sub->footer([] {
    std::string t = "Stages, in order:";
    auto stages = StagesInOrder();
    if (stages.ok())
      for (const Stage* s : *stages) t += "\n  " + std::string(s->name()) + ": " + std::string(s->description());
    return t;
  }());
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    PipelineOptions opts = *o;
    opts.show_progress = !cli.global().quiet;
    MOTE_ASSIGN_OR_RETURN(auto outcomes, RunPipeline(*project, opts));
    nlohmann::json j = nlohmann::json::array();
    int ran = 0, skipped = 0;
    for (const auto& s : outcomes) {
      j.push_back({{"stage", s.stage}, {"status", WhatName(s.what)}, {"key", s.key}, {"digest", s.digest},
                   {"reason", s.reason}, {"seconds", s.seconds}});
      ran += s.what == StageOutcome::What::kRan;
      skipped += s.what == StageOutcome::What::kSkipped;
    }
    std::ostringstream t;
    t << "pipeline: " << ran << " stages ran, " << skipped << " skipped";
    cli.Print({{"stages", j}}, t.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(run, 90, SetupRun);
}  // namespace mote
