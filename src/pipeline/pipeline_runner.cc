#include "pipeline/pipeline_runner.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/interrupt.h"

namespace mote {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string StageKey(const Stage& stage, const std::string& fingerprint, const StageContext& ctx) {
  Sha256 h;
  h.UpdateField(stage.name()).UpdateField(std::to_string(stage.version())).UpdateField(fingerprint);
  for (const auto& [name, digest] : ctx.input_digests) h.UpdateField(name).UpdateField(digest);
  return ToHex(h.Finish());
}

// The cached outcome of a stage for `key`, if its output folder is complete.
Result<json> ReadCached(const fs::path& dir) {
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "stage.json"));
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.contains("digest"))
    return Status::Corruption((dir / "stage.json").string() + ": not a stage record");
  return j;
}

void Say(bool show, const std::string& line) {
  if (show) std::fprintf(stderr, "%s\n", line.c_str());
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

}  // namespace

Result<std::vector<StageOutcome>> RunPipeline(Project& project, const PipelineOptions& options) {
  MOTE_ASSIGN_OR_RETURN(std::vector<const Stage*> stages, StagesInOrder());
  for (const std::string& f : options.force)
    if (std::none_of(stages.begin(), stages.end(), [&](const Stage* s) { return s->name() == f; }))
      return Status::Usage("--force " + f + ": no such stage");
  if (!options.until.empty() &&
      std::none_of(stages.begin(), stages.end(), [&](const Stage* s) { return s->name() == options.until; }))
    return Status::Usage("--until " + options.until + ": no such stage");

  std::vector<StageOutcome> outcomes;
  std::map<std::string, std::string> digests;  // output digest of each up-to-date stage
  std::map<std::string, fs::path> dirs;
  std::set<std::string> unavailable;           // disabled, or pending in a dry run
  bool stopped = false;
  for (const Stage* stage : stages) {
    std::string name(stage->name());
    StageOutcome out{name, StageOutcome::What::kNotReached, "", "", "", 0};
    if (stopped) {
      outcomes.push_back(out);
      continue;
    }
    auto ins = stage->inputs();
    auto missing = std::find_if(ins.begin(), ins.end(), [&](const std::string& i) { return unavailable.count(i); });
    if (!stage->Enabled(project) || missing != ins.end()) {
      bool pending = missing != ins.end() && !digests.count(*missing) && options.dry_run &&
                     std::any_of(outcomes.begin(), outcomes.end(), [&](const StageOutcome& o) {
                       return o.stage == *missing && o.what == StageOutcome::What::kWouldRun;
                     });
      out.what = pending ? StageOutcome::What::kWouldRun : StageOutcome::What::kDisabled;
      out.reason = !stage->Enabled(project) ? "not configured in mote.yaml"
                   : pending                ? "after " + *missing + " runs"
                                            : "its input " + *missing + " is not configured";
      Say(options.show_progress, "  " + name + ": " + (pending ? "would run, " : "skipped, ") + out.reason);
      unavailable.insert(name);
      outcomes.push_back(out);
      continue;
    }
    StageContext ctx{project, {}, {}, {}, options.show_progress};
    for (const auto& i : ins) {
      ctx.input_digests[i] = digests[i];
      ctx.input_dirs[i] = dirs[i];
    }
    if (auto from = options.start_from.find(name); from != options.start_from.end()) ctx.start_from = from->second;
    Result<std::string> fingerprint = stage->Fingerprint(ctx);
    if (!fingerprint.ok()) return fingerprint.status().WithPrefix(name);
    out.key = StageKey(*stage, *fingerprint, ctx);
    ctx.key = out.key;
    ctx.resume = std::find(options.resume.begin(), options.resume.end(), name) != options.resume.end();
    fs::path stage_root = project.state_dir() / "stages" / name;
    fs::path dir = stage_root / out.key;
    bool forced = std::find(options.force.begin(), options.force.end(), name) != options.force.end();
    Result<json> cached = ReadCached(dir);
    if (cached.ok() && !forced) {
      out.what = StageOutcome::What::kSkipped;
      out.digest = (*cached)["digest"].get<std::string>();
      out.reason = "unchanged since " + (*cached).value("finished_at", std::string("an earlier run"));
      Say(options.show_progress, "  " + name + ": skipped, " + out.reason);
    } else if (options.dry_run) {
      out.what = StageOutcome::What::kWouldRun;
      out.reason = forced ? "forced" : "inputs or parameters changed";
      Say(options.show_progress, "  " + name + ": would run, " + out.reason);
      unavailable.insert(name);
    } else {
      Say(options.show_progress, "  " + name + ": running (" + (forced ? "forced" : "inputs or parameters changed") + ")");
      std::error_code ec;
      fs::path tmp = stage_root / (".tmp-" + out.key.substr(0, 16) + "-" + std::to_string(::getpid()));
      fs::remove_all(tmp, ec);
      fs::create_directories(tmp, ec);
      if (ec) return Status::IoError(tmp.string() + ": " + ec.message());
      ctx.out_dir = tmp;
      auto t0 = std::chrono::steady_clock::now();
      Result<std::string> digest = stage->Run(ctx);
      out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!digest.ok() || Interrupted()) {
        fs::remove_all(tmp, ec);
        Status s = digest.ok() ? Status::Cancelled("interrupted") : digest.status();
        return s.WithPrefix(name);
      }
      json record = {{"stage", name},         {"key", out.key},        {"digest", *digest},
                     {"finished_at", NowIso8601()}, {"seconds", out.seconds}, {"inputs", ctx.input_digests}};
      MOTE_RETURN_IF_ERROR(WriteFileAtomically(tmp / "stage.json", record.dump(2)));
      fs::remove_all(dir, ec);  // a forced re-run replaces the old output
      fs::rename(tmp, dir, ec);
      if (ec) return Status::IoError(dir.string() + ": " + ec.message());
      out.what = StageOutcome::What::kRan;
      out.digest = *digest;
      out.reason = forced ? "forced" : "inputs or parameters changed";
      Say(options.show_progress, "  " + name + ": done in " + Seconds(out.seconds));
    }
    if (out.what != StageOutcome::What::kWouldRun) {
      digests[name] = out.digest;
      dirs[name] = dir;
      if (!options.dry_run) MOTE_RETURN_IF_ERROR(WriteFileAtomically(stage_root / "latest", out.key + "\n"));
    }
    outcomes.push_back(out);
    if (name == options.until) stopped = true;
  }
  return outcomes;
}

}  // namespace mote
