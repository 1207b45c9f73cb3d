// mote eval: the project's trained model (the newest recorded run's, or
// --run ID's, model.tflite; with --int8 its model_int8.tflite from `mote
// quantize`) run by mote's device interpreter on the test
// split of the features it was trained on; accuracy, confusion matrix and per-class
// precision, recall and F1 (or, for an autoencoder, the reconstruction
// error). Runs nothing else: no trained model or no features is an error
// that says which command makes them.
#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/recorded_run.h"
#include "core/file_util.h"
#include "core/progress.h"
#include "train/test_evaluation.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

void SetupEval(Cli& cli) {
  auto run = std::make_shared<int64_t>(0);
  auto int8 = std::make_shared<bool>(false);
  CLI::App* sub = cli.app().add_subcommand(
      "eval", "Evaluate the trained model on the test split: accuracy, confusion matrix, per-class metrics");
  sub->add_option("--run", *run, "The run to evaluate (default: the newest)")->check(CLI::PositiveNumber);
  sub->add_flag("--int8", *int8, "Evaluate the run's int8 model (written by `mote quantize`) instead of its float one");
  cli.OnRun(sub, [&cli, run, int8]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(RecordedRun trained, FindRecordedRun(*project, *run));
    if (*int8) {
      trained.model = Int8ModelPath(trained);
      if (!fs::exists(trained.model)) {
        return Status::NotFound(fmt::format("run {}: no int8 model ({}); run `mote quantize` first", trained.run,
                                            trained.model.lexically_relative(project->root()).string()));
      }
    }
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
MOTE_REGISTER_COMMAND(eval, 35, SetupEval);
}  // namespace mote
