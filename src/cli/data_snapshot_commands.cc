// mote data snapshot NAME | snapshots | diff A B: immutable dataset versions.
#include <sstream>

#include "cli/cli.h"

namespace mote {
namespace {

using json = nlohmann::json;

void SetupSnapshot(Cli& cli) {
  struct Opts {
    std::string name, note;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = cli.DataGroup()->add_subcommand(
      "snapshot", "Freeze the working set (membership, labels, splits) as an immutable version");
  sub->add_option("name", o->name, "Snapshot name: letters, digits, '.', '_', '-'")->required();
  sub->add_option("-m,--note", o->note, "A note stored with the snapshot");
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(SnapshotInfo s, store->CreateSnapshot(o->name, o->note));
    cli.Print({{"name", s.name}, {"samples", s.samples}, {"digest", s.digest}, {"created_at", s.created_at}},
              "Snapshot " + s.name + ": " + std::to_string(s.samples) + " samples, digest " +
                  s.digest.substr(0, 16));
    return Status::Ok();
  });
}

void SetupSnapshots(Cli& cli) {
  CLI::App* sub = cli.DataGroup()->add_subcommand("snapshots", "List snapshots");
  cli.OnRun(sub, [&cli]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(auto list, store->Snapshots());
    json j = json::array();
    std::ostringstream t;
    for (const SnapshotInfo& s : list) {
      j.push_back({{"name", s.name}, {"samples", s.samples}, {"digest", s.digest}, {"created_at", s.created_at},
                   {"note", s.note}});
      t << s.name << "  " << s.created_at << "  " << s.samples << " samples  " << s.digest.substr(0, 16)
        << (s.note.empty() ? "" : "  " + s.note) << "\n";
    }
    t << list.size() << " snapshots";
    cli.Print(j, t.str());
    return Status::Ok();
  });
}

void SetupDiff(Cli& cli) {
  struct Opts {
    std::string a, b = "@";
    bool verbose = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = cli.DataGroup()->add_subcommand(
      "diff", "What changed between two snapshots (or a snapshot and the working set, '@')");
  sub->add_option("a", o->a, "The older snapshot")->required();
  sub->add_option("b", o->b, "The newer snapshot, or @ for the working set")->capture_default_str();
  sub->add_flag("-v,--verbose", o->verbose, "List every changed sample");
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(SnapshotDiff d, store->Diff(o->a, o->b));
    auto changes = [](const std::vector<SnapshotDiff::Change>& list) {
      json j = json::array();
      for (const auto& c : list) j.push_back({{"id", c.id}, {"hash", c.hash}, {"from", c.from}, {"to", c.to}});
      return j;
    };
    json j = {{"a", o->a}, {"b", o->b}, {"added", changes(d.added)}, {"removed", changes(d.removed)},
              {"relabelled", changes(d.relabelled)}, {"moved", changes(d.moved)}};
    std::ostringstream t;
    t << o->a << " -> " << o->b << ": +" << d.added.size() << " added, -" << d.removed.size() << " removed, "
      << d.relabelled.size() << " relabelled, " << d.moved.size() << " moved between splits";
    if (o->verbose) {
      for (const auto& c : d.added) t << "\n  + " << c.id << " " << c.hash.substr(0, 12) << " " << c.to;
      for (const auto& c : d.removed) t << "\n  - " << c.id << " " << c.hash.substr(0, 12) << " " << c.from;
      for (const auto& c : d.relabelled)
        t << "\n  ~ " << c.id << " " << c.hash.substr(0, 12) << " " << c.from << " -> " << c.to;
      for (const auto& c : d.moved)
        t << "\n  > " << c.id << " " << c.hash.substr(0, 12) << " " << c.from << " -> " << c.to;
    }
    cli.Print(j, t.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(data_snapshot, 13, SetupSnapshot);
MOTE_REGISTER_COMMAND(data_snapshots, 14, SetupSnapshots);
MOTE_REGISTER_COMMAND(data_diff, 15, SetupDiff);
}  // namespace mote
