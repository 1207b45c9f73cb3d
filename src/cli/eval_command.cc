// mote eval: the project's trained model (the train stage's latest output,
// model.tflite) run by mote's device interpreter on the test split of the
// features it was trained on; accuracy, confusion matrix and per-class
// precision, recall and F1 (or, for an autoencoder, the reconstruction
// error). Runs nothing else: no trained model or no features is an error
// that says which command makes them.
#include <fmt/format.h>

#include "cli/cli.h"
#include "core/file_util.h"
#include "train/test_evaluation.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The output folder of `stage` whose stage.json records `digest`, if any.
Result<fs::path> StageOutputWithDigest(const Project& project, const std::string& stage, const std::string& digest) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(project.state_dir() / "stages" / stage, ec)) {
    if (!entry.is_directory() || entry.path().filename().string().starts_with(".")) continue;
    Result<std::string> text = ReadFile(entry.path() / "stage.json");
    if (!text.ok()) continue;
    const json record = json::parse(*text, nullptr, false);
    if (record.is_object() && record.value("digest", "") == digest) return entry.path();
  }
  return Status::NotFound("");
}

// The latest train output and the features it was trained on.
struct Trained {
  fs::path model, features;
};

Result<Trained> LatestTrained(const Project& project) {
  const fs::path stages = project.state_dir() / "stages";
  Result<std::string> key = ReadFile(stages / "train" / "latest");
  const fs::path dir = stages / "train" / (key.ok() ? key->substr(0, key->find('\n')) : "");
  if (!key.ok() || !fs::exists(dir / "model.tflite")) {
    return Status::NotFound("no trained model in " + (stages / "train").lexically_relative(project.root()).string() +
                            ": run `mote train` first");
  }
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "stage.json"));
  const json record = json::parse(text, nullptr, false);
  const std::string digest =
      record.is_object() && record.contains("inputs") ? record["inputs"].value("features", "") : "";
  Result<fs::path> features = StageOutputWithDigest(project, "features", digest);
  if (!features.ok()) {
    return Status::NotFound("no features for the trained model (" + (dir / "stage.json").string() +
                            " names features " + digest.substr(0, 12) +
                            ", not in .mote/stages/features): run `mote train` again");
  }
  return Trained{dir / "model.tflite", *features};
}

void Setup(Cli& cli) {
  CLI::App* sub = cli.app().add_subcommand(
      "eval", "Evaluate the trained model on the test split: accuracy, confusion matrix, per-class metrics");
  cli.OnRun(sub, [&cli]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(Trained trained, LatestTrained(*project));
    MOTE_ASSIGN_OR_RETURN(auto features, FeatureSet::Open(trained.features));
    MOTE_ASSIGN_OR_RETURN(train::TestEvaluation e, train::EvaluateOnTestSplit(trained.model, *features));
    json j = {{"model", trained.model.lexically_relative(project->root()).string()},
              {"features", trained.features.lexically_relative(project->root()).string()},
              {"examples", e.examples}};
    std::string text = fmt::format("eval: {} on {} test examples\n", j["model"].get<std::string>(), e.examples);
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
