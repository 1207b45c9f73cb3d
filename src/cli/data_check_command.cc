// mote data check [--exclude]: flag clipped, silent, short and outlying samples.
#include <sstream>

#include "cli/cli.h"
#include "cli/sample_selection.h"
#include "data/quality_check.h"

namespace mote {
namespace {

void SetupCheck(Cli& cli) {
  struct Opts {
    SampleSelection sel;
    QualityCheckOptions check;
    bool exclude = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = cli.DataGroup()->add_subcommand(
      "check", "Flag clipped, silent, too short or outlying samples (per-label statistics); --exclude removes them");
  o->sel.AddOptions(sub);
  sub->add_flag("--exclude", o->exclude, "Exclude the flagged samples (reversible with `mote data include`)");
  sub->add_option("--clip-fraction", o->check.clip_fraction, "Share of values at the extremes that means clipped")
      ->capture_default_str();
  sub->add_option("--silence-dbfs", o->check.silence_dbfs, "Audio quieter than this (RMS, dBFS) is silent")
      ->capture_default_str();
  sub->add_option("--min-ms", o->check.min_duration_ms, "Minimum duration (default: window.size_ms of mote.yaml)");
  sub->add_option("--outlier-z", o->check.outlier_z, "Robust z-score beyond which a sample is an outlier")
      ->capture_default_str();
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(SampleFilter f, o->sel.Filter());
    QualityCheckOptions opt = o->check;
    if (opt.min_duration_ms == 0) opt.min_duration_ms = project->window().size_ms;
    MOTE_ASSIGN_OR_RETURN(auto issues, CheckQuality(*store, f, opt));
    nlohmann::json j = nlohmann::json::array();
    std::ostringstream t;
    SampleFilter flagged;
    for (const QualityIssue& q : issues) {
      j.push_back({{"id", q.id}, {"hash", q.hash}, {"label", q.label}, {"source", q.source}, {"reasons", q.reasons}});
      t << q.id << "  " << q.label << "  " << q.source << ": ";
      for (size_t i = 0; i < q.reasons.size(); ++i) t << (i ? "; " : "") << q.reasons[i];
      t << "\n";
      flagged.ids.push_back(q.id);
    }
    t << issues.size() << " samples flagged";
    if (o->exclude && !issues.empty()) {
      MOTE_ASSIGN_OR_RETURN(int64_t n, store->Exclude(flagged, "check"));
      t << "; excluded " << n;
    } else if (!issues.empty()) {
      t << " (run with --exclude to take them out of the splits)";
    }
    cli.Print({{"flagged", j}, {"excluded", o->exclude ? issues.size() : 0}}, t.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(data_check, 19, SetupCheck);
}  // namespace mote
