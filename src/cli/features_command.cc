// mote features: the pipeline up to the features stage (cached like `mote
// run`), then the features' statistics and pictures in reports/features/.
#include <chrono>
#include <cstdio>
#include <sstream>

#include "cli/cli.h"
#include "features/feature_pictures.h"
#include "features/feature_set.h"
#include "pipeline/pipeline_runner.h"

namespace mote {
namespace {

using json = nlohmann::json;

// Up to this many features are listed one per line; longer lists show the
// first 8 and the last 4.
constexpr uint32_t kFeatureLines = 16;

std::string FeatureLine(const std::string& name, double mean, double sd, double lo, double hi) {
  char line[256];
  std::snprintf(line, sizeof line, "  %-24s %11.4g %11.4g %11.4g %11.4g\n", name.c_str(), mean, sd, lo, hi);
  return line;
}

void SetupFeatures(Cli& cli) {
  struct Opts {
    int per_label = 2;
    bool no_pictures = false;
    bool force = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = cli.app().add_subcommand(
      "features", "Compute the dsp: block's features of the dataset (cached), print their statistics and draw a "
                  "few per label into reports/features/");
  sub->add_option("--per-label", o->per_label, "Pictures per label")->capture_default_str()->check(CLI::Range(0, 100));
  sub->add_flag("--no-pictures", o->no_pictures, "Do not write reports/features/");
  sub->add_flag("--force", o->force, "Recompute the features even if nothing changed");
  cli.OnRun(sub, [&cli, o]() -> Status {
    const auto t0 = std::chrono::steady_clock::now();
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    if (!project->yaml().Has("dsp"))
      return Status::InvalidArgument(project->config_path().filename().string() +
                                     ": no dsp: section; add one to choose a feature block (docs/mote-yaml.md)");
    PipelineOptions opts;
    opts.until = "features";
    opts.show_progress = !cli.global().quiet;
    if (o->force) opts.force = {"features"};
    MOTE_ASSIGN_OR_RETURN(auto outcomes, RunPipeline(*project, opts));
    const StageOutcome* features = nullptr;
    json stages = json::array();
    for (const StageOutcome& s : outcomes) {
      if (s.stage == "features") features = &s;
      if (s.what == StageOutcome::What::kRan || s.what == StageOutcome::What::kSkipped)
        stages.push_back({{"stage", s.stage}, {"status", s.what == StageOutcome::What::kRan ? "ran" : "skipped"}});
    }
    if (!features || features->key.empty()) return Status::Internal("the features stage did not run");
    const bool cached = features->what == StageOutcome::What::kSkipped;
    MOTE_ASSIGN_OR_RETURN(auto set, FeatureSet::Open(project->state_dir() / "stages" / "features" / features->key));

    json pictures = json::array();
    const std::filesystem::path report_dir = project->reports_dir() / "features";
    if (!o->no_pictures) {
      MOTE_ASSIGN_OR_RETURN(auto written, WriteFeaturePictures(*set, report_dir, o->per_label));
      for (const FeaturePicture& p : written) pictures.push_back((report_dir / p.file).lexically_relative(project->root()).string());
    }

    const json& dsp = set->dsp();
    const FeatureSummary& f = set->summary();
    const dsp::FeatureShape shape = set->shape();
    json per_feature = json::array();
    for (uint32_t i = 0; i < shape.features; ++i)
      per_feature.push_back({{"name", set->feature_names()[i]}, {"mean", f.mean[i]}, {"std", f.std[i]},
                             {"min", f.min[i]}, {"max", f.max[i]}});
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    json j = {{"block", dsp["block"]},
              {"numeric", dsp["numeric"]},
              {"normalize", {{"mode", dsp["normalize"]}, {"train_rows", set->normalization().train_rows}}},
              {"shape", {{"frames", shape.frames}, {"features", shape.features}}},
              {"rows", set->rows()},
              {"samples", f.samples},
              {"padded_samples", f.padded_samples},
              {"cached", cached},
              {"compute_seconds", f.seconds},
              {"samples_per_second", f.samples_per_second},
              {"seconds", wall},
              {"labels", set->stats()["labels"]},
              {"features", per_feature},
              {"pictures", pictures},
              {"output", set->dir().lexically_relative(project->root()).string()},
              {"stages", stages}};

    std::ostringstream t;
    char line[512];
    std::snprintf(line, sizeof line, "features: %s (%s), %u frames x %u features per window, normalize %s\n",
                  dsp.value("block", "").c_str(), dsp.value("numeric", "").c_str(), shape.frames, shape.features,
                  dsp.value("normalize", "").c_str());
    t << line;
    std::snprintf(line, sizeof line, "  %lld samples -> %u windows (%lld padded); computed in %.2f s (%.0f samples/s)%s\n",
                  static_cast<long long>(f.samples), set->rows(), static_cast<long long>(f.padded_samples),
                  f.seconds, f.samples_per_second,
                  cached ? ", cached" : "");
    t << line;
    t << "  labels:";
    for (const auto& [label, c] : f.labels) t << " " << label << " " << c.train_samples << "/" << c.test_samples;
    t << " (train/test samples)\n";
    std::snprintf(line, sizeof line, "  %-24s %11s %11s %11s %11s\n", "feature", "mean", "std", "min", "max");
    t << line;
    for (uint32_t i = 0; i < shape.features; ++i) {
      // Long lists: the first and the last few.
      if (shape.features > kFeatureLines && i == 8) {
        t << "  ... " << shape.features - 12 << " more (--json lists all)\n";
        i = shape.features - 4;
      }
      t << FeatureLine(set->feature_names()[i], f.mean[i], f.std[i], f.min[i], f.max[i]);
    }
    if (!o->no_pictures)
      t << "  pictures: " << (report_dir / "index.html").lexically_relative(project->root()).string() << " ("
        << pictures.size() << ")\n";
    std::snprintf(line, sizeof line, "done in %.2f s", wall);
    t << line;
    cli.Print(j, t.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(features, 20, SetupFeatures);
}  // namespace mote
