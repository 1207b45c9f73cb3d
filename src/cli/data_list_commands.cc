// mote data ls | stats | snapshots: what the store holds.
#include <cstdio>
#include <sstream>

#include "cli/cli.h"
#include "cli/sample_selection.h"

namespace mote {
namespace {

using json = nlohmann::json;

std::string ShapeText(const std::vector<uint32_t>& shape) {
  std::string s;
  for (uint32_t d : shape) s += (s.empty() ? "" : "x") + std::to_string(d);
  return s;
}

json SampleJson(const SampleInfo& s) {
  json axes = json::array();
  for (const Axis& a : s.axes) axes.push_back({{"name", a.name}, {"units", a.units}});
  return {{"id", s.id}, {"hash", s.hash}, {"label", s.label}, {"split", SplitName(s.split)},
          {"excluded", s.excluded}, {"exclude_reason", s.exclude_reason}, {"source", s.source},
          {"axes", axes}, {"sample_rate_hz", s.sample_rate_hz}, {"dtype", DTypeName(s.dtype)},
          {"shape", s.shape}, {"duration_ms", s.duration_ms()}, {"created_at", s.created_at}};
}

void SetupLs(Cli& cli) {
  struct Opts {
    SampleSelection sel;
    bool all = false;
    std::string snapshot;
    int64_t limit = 50;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* data = cli.DataGroup();
  CLI::App* sub = data->add_subcommand("ls", "List samples (the working set, or a snapshot's members)");
  o->sel.AddOptions(sub);
  sub->add_flag("-a,--all", o->all, "Include excluded samples");
  sub->add_option("--snapshot", o->snapshot, "List this snapshot's members as they were when it was taken");
  sub->add_option("-n,--limit", o->limit, "Print at most N rows (0: all); --json prints all")->capture_default_str();
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(SampleFilter f, o->sel.Filter());
    f.with_excluded = f.with_excluded || o->all;
    MOTE_ASSIGN_OR_RETURN(auto list, store->List(f, o->snapshot.empty() ? std::nullopt : std::optional(o->snapshot)));
    json j = json::array();
    std::ostringstream t;
    char line[512];
    std::snprintf(line, sizeof line, "%8s  %-12s  %-16s  %-5s  %-10s  %9s  %s\n", "id", "hash", "label", "split",
                  "shape", "ms", "source");
    t << line;
    int64_t shown = 0;
    for (const SampleInfo& s : list) {
      if (cli.global().json) {
        j.push_back(SampleJson(s));
        continue;
      }
      if (o->limit > 0 && shown++ >= o->limit) continue;
      std::snprintf(line, sizeof line, "%8lld  %-12s  %-16s  %-5s  %-10s  %9.0f  %s%s\n",
                    static_cast<long long>(s.id), s.hash.substr(0, 12).c_str(), s.label.c_str(),
                    std::string(SplitName(s.split)).c_str(), ShapeText(s.shape).c_str(), s.duration_ms(),
                    s.source.c_str(), s.excluded ? ("  [excluded: " + s.exclude_reason + "]").c_str() : "");
      t << line;
    }
    if (o->limit > 0 && static_cast<int64_t>(list.size()) > o->limit)
      t << "... " << list.size() - static_cast<size_t>(o->limit) << " more (use --limit 0 for all)\n";
    t << list.size() << " samples";
    cli.Print(j, t.str());
    return Status::Ok();
  });
}

json StatsJson(const LabelStats& l) {
  return {{"train", l.train}, {"test", l.test}, {"total", l.total()}, {"excluded", l.excluded},
          {"duration_ms", l.duration_ms}};
}

void SetupStats(Cli& cli) {
  auto snapshot = std::make_shared<std::string>();
  CLI::App* data = cli.DataGroup();
  CLI::App* sub = data->add_subcommand("stats", "Counts per label and split, durations and class balance");
  sub->add_option("--snapshot", *snapshot, "Statistics of this snapshot instead of the working set");
  cli.OnRun(sub, [&cli, snapshot]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(DatasetStats st, store->Stats(snapshot->empty() ? std::nullopt : std::optional(*snapshot)));
    json labels = json::object();
    std::ostringstream t;
    char line[256];
    std::snprintf(line, sizeof line, "%-20s %8s %8s %8s %8s %10s %7s\n", "label", "train", "test", "total",
                  "excluded", "duration", "share");
    t << line;
    double total = static_cast<double>(st.all.total());
    for (const auto& [label, l] : st.labels) {
      json lj = StatsJson(l);
      lj["share"] = total > 0 ? static_cast<double>(l.total()) / total : 0;
      labels[label] = lj;
      std::snprintf(line, sizeof line, "%-20s %8lld %8lld %8lld %8lld %9.1fs %6.1f%%\n", label.c_str(),
                    static_cast<long long>(l.train), static_cast<long long>(l.test),
                    static_cast<long long>(l.total()), static_cast<long long>(l.excluded), l.duration_ms / 1000,
                    lj["share"].get<double>() * 100);
      t << line;
    }
    std::snprintf(line, sizeof line, "%-20s %8lld %8lld %8lld %8lld %9.1fs\n", "total",
                  static_cast<long long>(st.all.train), static_cast<long long>(st.all.test),
                  static_cast<long long>(st.all.total()), static_cast<long long>(st.all.excluded),
                  st.all.duration_ms / 1000);
    t << line;
    if (st.imbalance_ratio > 0) t << "class balance: largest/smallest label = " << st.imbalance_ratio;
    json j = {{"total", st.all.total()},         {"train", st.all.train},
              {"test", st.all.test},             {"excluded", st.all.excluded},
              {"duration_ms", st.all.duration_ms}, {"labels", labels},
              {"imbalance_ratio", st.imbalance_ratio}};
    if (!snapshot->empty()) j["snapshot"] = *snapshot;
    cli.Print(j, t.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(data_ls, 11, SetupLs);
MOTE_REGISTER_COMMAND(data_stats, 12, SetupStats);
}  // namespace mote
