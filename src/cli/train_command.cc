// mote train: the pipeline up to the train stage (cached like `mote run`):
// the model: network trained on the features with the train: settings, a
// progress bar on a terminal (plain lines otherwise), then the per-epoch
// metrics, the test accuracy and the run recorded in the project store
// (its id, model file and report). With --from, a fine-tuning of an
// earlier model (train/fine_tune.h), compared with training from scratch.
#include <sstream>

#include <fmt/format.h>

#include "cli/cli.h"
#include "core/file_util.h"
#include "pipeline/pipeline_runner.h"
#include "train/run_store.h"
#include "train/scratch_comparison.h"
#include "train/train_config.h"
#include "train/window_score_report.h"

namespace mote {
namespace {

using json = nlohmann::json;

// The test split's anomaly figures (anomaly_evaluation.h) as one line.
std::string AnomalyLine(const json& a) {
  const std::string auc =
      a["roc_auc"].is_null() ? "n/a (the test split needs normal and anomalous rows)"
                             : fmt::format("{:.4f}", a["roc_auc"].get<double>());
  return fmt::format("  test ROC AUC {} ({}: {} '{}' vs {} other rows; mean score {:.4g} vs {:.4g})\n", auc,
                     a["method"].get<std::string>(), a["test_normal"].get<int64_t>(),
                     a["normal_label"].get<std::string>(), a["test_anomalous"].get<int64_t>(),
                     a["mean_score_normal"].get<double>(), a["mean_score_anomalous"].get<double>());
}

void SetupTrain(Cli& cli) {
  auto force = std::make_shared<bool>(false);
  CLI::App* sub = cli.app().add_subcommand(
      "train", "Train the model: network on the features (cached); print per-epoch metrics and the test accuracy");
  sub->add_flag("--force", *force, "Train again even if nothing changed");
  auto resume = std::make_shared<bool>(false);
  sub->add_flag("--resume", *resume,
                "Continue an interrupted training from its last epoch's checkpoint (same data and configuration)");
  auto from = std::make_shared<std::string>();
  sub->add_option("--from", *from,
                  "Fine-tune: start from a recorded run's weights (its id) or a folder holding weights.json, "
                  "on the current features (docs/training.md)");
  auto freeze = std::make_shared<std::optional<int64_t>>();
  sub->add_option("--freeze", *freeze,
                  "With --from: keep the first N layers' weights as they are (default: train: freeze, else 0)")
      ->check(CLI::NonNegativeNumber);
  auto compare = std::make_shared<bool>(false);
  sub->add_flag("--compare-scratch", *compare,
                "With --from: first train (or find, if cached) the same model from scratch on the same features, "
                "and compare time and accuracy");
  cli.OnRun(sub, [&cli, force, resume, from, freeze, compare]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    if (!project->yaml().Has("model") && !train::TrainsWithoutModel(project->yaml())) {
      return Status::InvalidArgument(project->config_path().filename().string() +
                                     ": no model: section; add one to choose a network (docs/mote-yaml.md)");
    }
    if (from->empty() && (freeze->has_value() || *compare)) {
      return Status::Usage(*compare ? "--compare-scratch needs --from" : "--freeze needs --from");
    }
    PipelineOptions opts;
    opts.until = "train";
    opts.show_progress = cli.progress_enabled();
    if (*force) opts.force = {"train"};
    if (*resume) opts.resume = {"train"};
    if (*compare) {  // the scratch run the fine-tuning compares with (cached when trained already)
      PipelineOptions scratch = opts;
      scratch.resume.clear();
      MOTE_RETURN_IF_ERROR(RunPipeline(*project, scratch).status());
    }
    if (!from->empty()) opts.start_from["train"] = {.source = *from, .freeze_layers = *freeze};
    MOTE_ASSIGN_OR_RETURN(auto outcomes, RunPipeline(*project, opts));
    const StageOutcome* train = nullptr;
    for (const StageOutcome& s : outcomes) {
      if (s.stage == "train") train = &s;
    }
    if (!train || train->key.empty()) return Status::Internal("the train stage did not run");
    const std::filesystem::path dir = project->state_dir() / "stages" / "train" / train->key;
    MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "metrics.json"));
    json metrics = json::parse(text, nullptr, false);
    if (metrics.is_discarded()) return Status::Corruption((dir / "metrics.json").string() + ": not JSON");
    metrics["cached"] = train->what == StageOutcome::What::kSkipped;
    metrics["output"] = dir.lexically_relative(project->root()).string();
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    MOTE_ASSIGN_OR_RETURN(std::optional<train::RunRecord> run,
                          train::RunStore(store->db()).LatestForStageKey(train->key));
    if (run) {
      metrics["run"] = {{"id", run->id}, {"model", run->model_path}, {"report", run->report_path}};
    }

    std::ostringstream t;
    if (metrics.value("method", "") == "kmeans") {
      const int64_t held_out = metrics["examples"].value("validation", int64_t{0});
      t << fmt::format("train: k-means, {} clusters on {} normal train rows{} of {} features, {} iterations{}\n",
                       metrics["clusters"].get<int64_t>(), metrics["examples"]["train"].get<int64_t>(),
                       held_out ? fmt::format(" ({} held out for the baseline)", held_out) : "",
                       metrics["input_shape"][0].get<int64_t>(), metrics["iterations"].get<int64_t>(),
                       metrics["cached"].get<bool>() ? ", cached" : "");
      t << AnomalyLine(metrics["anomaly"]);
      if (run) {
        t << fmt::format("run {}: model {}, windows ranked by score {}/{}/index.html\n", run->id, run->model_path,
                         run->report_path, train::kWindowReportDir);
      }
      cli.Print(metrics, t.str());
      return Status::Ok();
    }
    const bool classify = metrics["objective"] == "classification";
    t << fmt::format("train: {} trainable + {} non-trainable parameters, {} train / {} validation / {} test "
                     "examples{}\n",
                     metrics["parameters"]["trainable"].get<int64_t>(),
                     metrics["parameters"]["non_trainable"].get<int64_t>(),
                     metrics["examples"]["train"].get<int64_t>(), metrics["examples"]["validation"].get<int64_t>(),
                     metrics["examples"]["test"].get<int64_t>(), metrics["cached"].get<bool>() ? ", cached" : "");
    for (const json& e : metrics["epochs"]) {
      t << fmt::format("  epoch {:3d}  loss {:.4f}", e["epoch"].get<int64_t>(), e["loss"].get<double>());
      if (classify) t << fmt::format("  acc {:.4f}", e["accuracy"].get<double>());
      t << fmt::format("  val loss {:.4f}", e["val_loss"].get<double>());
      if (classify) t << fmt::format("  val acc {:.4f}", e["val_accuracy"].get<double>());
      t << fmt::format("  {:.0f} samples/s\n", e["samples_per_second"].get<double>());
    }
    t << fmt::format("  test loss {:.4f}", metrics["test"]["loss"].get<double>());
    if (classify) t << fmt::format("  test accuracy {:.2f} %", 100 * metrics["test"]["accuracy"].get<double>());
    t << fmt::format("  ({:.1f} s of training)\n", metrics["seconds"].get<double>());
    if (metrics.contains("anomaly")) t << AnomalyLine(metrics["anomaly"]);
    if (metrics.contains("fine_tune")) {
      for (const std::string& line : train::FineTuneLines(metrics["fine_tune"])) t << "  " << line << "\n";
    }
    if (run) t << fmt::format("run {}: model {}, report {}/index.html\n", run->id, run->model_path, run->report_path);
    cli.Print(metrics, t.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(train, 30, SetupTrain);
}  // namespace mote
