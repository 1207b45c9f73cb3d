// mote eval: the project's trained model (the newest recorded run's, or
// --run ID's, model.tflite) run by mote's device interpreter on the test
// split of the features it was trained on; accuracy, confusion matrix and per-class
// precision, recall and F1 (or, for an autoencoder, the reconstruction
// error). Runs nothing else: no trained model or no features is an error
// that says which command makes them.
#include <fmt/format.h>

#include "cli/cli.h"
#include "core/file_util.h"
#include "core/progress.h"
#include "train/run_store.h"
#include "train/test_evaluation.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A recorded run's model and the features it was trained on.
struct Trained {
  int64_t run = 0;
  fs::path model, features;
};

// Run `id`, or the newest run when `id` is 0.
Result<Trained> RecordedRun(Project& project, int64_t id) {
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  train::RunStore runs(store->db());
  std::optional<train::RunRecord> run;
  if (id > 0) {
    MOTE_ASSIGN_OR_RETURN(run, runs.Get(id));
  } else {
    MOTE_ASSIGN_OR_RETURN(run, runs.Latest());
  }
  if (!run) return Status::NotFound("no trained model: the project store records no training run; run `mote train` first");
  Trained t{run->id, project.root() / run->model_path,
            project.state_dir() / "stages" / "features" / run->features_key};
  if (!fs::exists(t.model)) return Status::NotFound(fmt::format("run {}: {} is missing", run->id, run->model_path));
  if (!fs::exists(t.features / "stage.json")) {
    return Status::NotFound(fmt::format("run {}: no features: the features it was trained on ({}) are gone; run "
                                        "`mote train` again",
                                        run->id, t.features.lexically_relative(project.root()).string()));
  }
  return t;
}

void Setup(Cli& cli) {
  auto run = std::make_shared<int64_t>(0);
  CLI::App* sub = cli.app().add_subcommand(
      "eval", "Evaluate the trained model on the test split: accuracy, confusion matrix, per-class metrics");
  sub->add_option("--run", *run, "The run to evaluate (default: the newest)")->check(CLI::PositiveNumber);
  cli.OnRun(sub, [&cli, run]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(Trained trained, RecordedRun(*project, *run));
    MOTE_ASSIGN_OR_RETURN(auto features, FeatureSet::Open(trained.features));
    Progress progress("eval", 0, "examples", cli.progress_enabled());
    auto on_row = [&progress](int64_t done, int64_t total) {
      progress.SetTotal(total);
      progress.Update(done);
    };
    MOTE_ASSIGN_OR_RETURN(train::TestEvaluation e, train::EvaluateOnTestSplit(trained.model, *features, on_row));
    progress.Finish();
    json j = {{"run", trained.run},
              {"model", trained.model.lexically_relative(project->root()).string()},
              {"features", trained.features.lexically_relative(project->root()).string()},
              {"examples", e.examples}};
    std::string text = fmt::format("eval: run {} ({}) on {} test examples\n", trained.run,
                                   j["model"].get<std::string>(), e.examples);
    if (e.classification) {
      j["objective"] = "classification";
      j.update(e.metrics.ToJson());
      text += e.metrics.ToText();
    } else {
      j["objective"] = "reconstruction";
      j["mse"] = e.mse;
      text += fmt::format("reconstruction mean squared error {:.6g}\n", e.mse);
    }
    cli.Print(j, text);
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(eval, 35, Setup);
}  // namespace mote
