// The `train` stage of `mote run`: trains the `model:` network (with the
// `train:` section's settings) on the features stage's output. Enabled by a
// `model:` section. Its fingerprint is both sections as parsed YAML, so a
// comment or blank line re-runs nothing; the features reach its key through
// the features stage's digest. Outputs (docs/formats.md):
//   metrics.json  classes, parameter counts, per-epoch metrics, test loss
//                 and accuracy, seconds
//   weights.bin   every parameter then every batch-norm statistic, float32
//                 little-endian, in weights.json's order
//   weights.json  name, shape and offset (in floats) of each tensor
//   model.tflite  the network in evaluation mode (tflite_export.h), float32,
//                 with mote's metadata: classes, DSP block, normalization
// Beside them: a checkpoint after every epoch under .mote/checkpoints/train/
// <key>/ (continued by --resume), and, last, the run recorded in the project
// store with its model copy, training baseline (training_baseline.h) and
// report (run_recorder.h); docs/training.md.
#include <chrono>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "core/clock.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/interrupt.h"
#include "core/progress.h"
#include "core/version.h"
#include "features/feature_set.h"
#include "pipeline/stage.h"
#include "train/anomaly_evaluation.h"
#include "train/feature_examples.h"
#include "train/kmeans.h"
#include "model/tflite_writer.h"
#include "train/augmented_batches.h"
#include "train/feature_masks.h"
#include "train/checkpoint.h"
#include "train/fine_tune.h"
#include "train/warm_start.h"
#include "train/weights_file.h"
#include "train/model_config.h"
#include "train/run_recorder.h"
#include "train/run_report.h"
#include "train/tflite_export.h"
#include "train/training_baseline.h"
#include "train/window_score_report.h"
#include "train/train_config.h"

namespace mote {
namespace {

using json = nlohmann::json;
using namespace mote::train;

// The rank of the model's input: 1-D layers take [frames, features]; dense
// networks a flat row; 2-D ones [frames, features, 1] (images keep their
// own [height, width, channels], feature_examples.h).
int InputRank(const ModelConfig& c) {
  if (c.zoo) {
    if (c.zoo->name == "conv1d") return 2;
    return c.zoo->name == "mlp" || c.zoo->name == "autoencoder" ? 1 : 3;
  }
  switch (c.layers.layers.front().type) {
    case LayerType::kConv1D:
      return 2;
    case LayerType::kDense:
      return 1;
    default:
      return 3;
  }
}

// A mote.yaml section as JSON for the run's parameters: scalars as
// integers, numbers or booleans when they read as such, else strings.
json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      json a = json::array();
      for (const YAML::Node& item : node) a.push_back(YamlToJson(item));
      return a;
    }
    case YAML::NodeType::Map: {
      json o = json::object();
      for (const auto& kv : node) o[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar: {
      int64_t i;
      double d;
      bool b;
      if (YAML::convert<int64_t>::decode(node, i)) return i;
      if (YAML::convert<double>::decode(node, d)) return d;
      if (YAML::convert<bool>::decode(node, b)) return b;
      return node.Scalar();
    }
    default:
      return nullptr;
  }
}

// The trained network as a .tflite file that describes itself: a classifier
// ends in class probabilities (a SOFTMAX after the logits), an autoencoder in
// its reconstruction; a classifier's classes in output order (none for an
// autoencoder: labels are what make a file a classifier, test_evaluation.h),
// the features' DSP block
// with the normalization the device must apply, and as lineage the hash of
// the features and sections it was trained from.
Result<std::string> ModelFile(const Model<float>& network, bool classifier, const FeatureSet& features,
                              const std::vector<std::string>& classes, const std::string& lineage) {
  ExportOptions options;
  options.append_softmax = classifier;
  MOTE_ASSIGN_OR_RETURN(model::Model m, ExportModel(network, options));
  model::MoteMetadata meta;
  meta.mote_version = kVersion;
  meta.lineage = lineage;
  if (classifier) meta.labels = classes;
  meta.dsp = features.dsp();
  meta.dsp["normalization"] = {{"offset", features.normalization().offset},
                               {"scale", features.normalization().scale}};
  m.mote = std::move(meta);
  return model::WriteTflite(m);
}

// Fit()'s augmentation callback: the signal transforms through the DSP
// (when `augmented`), then the feature masks; none when neither is on.
auto AugmentCallback(AugmentedBatches* augmented, FeatureMasks masks, int64_t frames, uint64_t seed)
    -> decltype(FitCallbacks::augment) {
  if (!augmented && !masks.any()) return nullptr;
  return [=](int64_t epoch, std::span<const int64_t> rows, Tensor<float>* batch) -> Status {
    if (augmented) MOTE_RETURN_IF_ERROR(augmented->Apply(epoch, rows, batch));
    MaskFeatureBatch(masks, frames, seed, epoch, rows, batch);
    return Status::Ok();
  };
}

// Where the stage keeps the checkpoint of a training in progress: under its
// key, so that --resume only continues the same data and configuration.
std::filesystem::path CheckpointDir(const StageContext& ctx) {
  return ctx.project.state_dir() / "checkpoints" / "train" / ctx.key;
}

Result<TrainerCheckpoint> ReadCheckpoint(const Project& project, const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "checkpoint.bin";
  if (!std::filesystem::exists(file)) {
    return Status::NotFound("no checkpoint to resume for this data and configuration (" +
                            file.lexically_relative(project.root()).string() + "): train without --resume");
  }
  MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(file));
  return ParseCheckpoint(bytes, file.string());
}

Status WriteCheckpoint(const std::filesystem::path& dir, const TrainerCheckpoint& checkpoint) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  return WriteFileAtomically(dir / "checkpoint.bin", SerializeCheckpoint(checkpoint));
}

// What the run was trained from: the working set's digest and the newest
// snapshot with that digest, the features output, the code.
Status DescribeData(StageContext& ctx, RunRecord* run) {
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, ctx.project.store());
  MOTE_ASSIGN_OR_RETURN(run->data_digest, store->WorkingSetDigest());
  MOTE_ASSIGN_OR_RETURN(std::vector<SnapshotInfo> snapshots, store->Snapshots());
  for (const SnapshotInfo& snapshot : snapshots) {  // oldest first: the newest wins
    if (snapshot.digest == run->data_digest) run->data_snapshot = snapshot.name;
  }
  run->features_digest = ctx.input_digests.at("features");
  run->features_key = ctx.input_dirs.at("features").filename().string();
  run->mote_version = kVersion;
  run->git_commit = kGitCommit;
  return Status::Ok();
}

// The normal class of an anomaly task, its error pointing at normal_label.
Result<int32_t> NormalClass(const YamlSection& train_section, const TrainConfig& config,
                            const std::vector<std::string>& classes) {
  Result<int32_t> normal = NormalClassIndex(classes, config.anomaly.normal_label);
  if (!normal.ok()) {
    return train_section.Error("normal_label", "must name a class of the features: " + normal.status().message());
  }
  return normal;
}

// task: anomaly, method: kmeans. Clusters of the normal class's train rows
// (flat feature rows, normalized; `validation:` holds out a share of the
// train split, as for networks, whose normal rows are scored for the
// baseline), every test row scored. Outputs:
//   kmeans.json   dims, centroids, spread, sizes, scale_by_spread and the
//                 features' normalization (what scoring a raw row needs)
//   metrics.json  classes, iterations, example counts, the test split's
//                 anomaly figures (ROC AUC), seconds
// and the run recorded with kmeans.json as its model (no .tflite, no
// epochs), its training baseline (the held-out histogram is the anomaly
// score's) and its report holding every window's score, ranked, with plots
// in windows/ (window_score_report.h).
Result<std::string> RunKMeans(StageContext& ctx, const YamlSection& train_section, const TrainConfig& config) {
  const std::string started_at = NowIso8601();
  const auto t0 = std::chrono::steady_clock::now();
  MOTE_ASSIGN_OR_RETURN(auto features, FeatureSet::Open(ctx.input_dirs.at("features")));
  const Shape shape = FeatureInputShape(*features, 1);
  MOTE_ASSIGN_OR_RETURN(FeatureExamples ex,
                        LoadFeatureExamples(*features, shape, config.validation, config.options.seed));
  MOTE_ASSIGN_OR_RETURN(int32_t normal, NormalClass(train_section, config, ex.classes));
  ex.train = NormalRows(ex.train, normal);
  ex.validation = NormalRows(ex.validation, normal);
  const ClassMix class_mix = CountClasses(ex);
  Result<KMeansModel> fitted = FitKMeans(ex.train.features, ShapeSize(shape),
                                         {.k = config.anomaly.clusters, .seed = config.options.seed,
                                          .scale_by_spread = config.anomaly.scale_by_spread});
  if (!fitted.ok()) return train_section.Error("clusters", fitted.status().message());
  const KMeansModel& m = *fitted;
  const json anomaly =
      AnomalyTestJson("kmeans", config.anomaly.normal_label, normal, m.Scores(ex.test.features), ex.test.labels);
  const json model = {{"dims", m.dims},
                      {"scale_by_spread", m.scale_by_spread},
                      {"centroids", m.centroids},
                      {"spread", m.spread},
                      {"sizes", m.sizes},
                      {"normalization", {{"offset", features->normalization().offset},
                                         {"scale", features->normalization().scale}}}};
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const json metrics = {{"objective", "anomaly"},
                        {"method", "kmeans"},
                        {"classes", ex.classes},
                        {"input_shape", shape},
                        {"clusters", m.k()},
                        {"iterations", m.iterations},
                        {"examples", {{"train", ex.train.count()}, {"validation", ex.validation.count()},
                                      {"test", ex.test.count()}}},
                        {"anomaly", anomaly},
                        {"seconds", seconds},
                        {"seed", config.options.seed}};
  const std::string model_file = model.dump(2) + "\n";
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / "metrics.json", metrics.dump(2) + "\n"));
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / kKMeansModelFile, model_file));

  RunRecord run;
  run.started_at = started_at;
  run.stage_key = ctx.key;
  run.parameters = {{"train", YamlToJson(train_section.node())}, {"input_shape", shape},
                    {"classes", ex.classes}, {"seed", config.options.seed}};
  MOTE_RETURN_IF_ERROR(DescribeData(ctx, &run));
  run.model_sha256 = ToHex(Sha256Of(std::string_view(model_file)));
  run.metrics = metrics;
  MOTE_ASSIGN_OR_RETURN(run.baseline, ComputeTrainingBaseline(*features, ex, class_mix, HeldOutMeasure::kAnomalyScore,
                                                              m.Scores(ChooseHeldOutSplit(ex).examples->features)));
  run.finished_at = NowIso8601();
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Every window scored, ranked for people (labels or not), in the run's report.
  MOTE_ASSIGN_OR_RETURN(std::vector<float> all_rows, features->ReadRows(0, features->rows(), /*normalized=*/true));
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, ctx.project.store());
  const std::vector<double> scores = m.Scores(all_rows);
  auto report = [&](const std::filesystem::path& dir, const RunRecord& recorded) -> Status {
    MOTE_RETURN_IF_ERROR(WriteRunReport(dir, recorded, std::nullopt));
    return WriteWindowScoreReport(dir / kWindowReportDir, *features, *store, scores, "kmeans",
                                  config.anomaly.normal_label);
  };
  MOTE_RETURN_IF_ERROR(
      RecordRun(ctx.project, std::move(run), {.model = model_file, .model_name = kKMeansModelFile, .write_report = report})
          .status());
  return ToHex(Sha256Of(std::string_view(model_file)));
}

class TrainStage : public Stage {
 public:
  std::string_view name() const override { return "train"; }
  std::string_view description() const override { return "train the model: network on the features"; }
  std::vector<std::string> inputs() const override { return {"features"}; }
  int version() const override { return 4; }  // 2: model.tflite; 3: it ends in SOFTMAX; 4: no labels on autoencoders
  bool Enabled(const Project& project) const override {
    return project.yaml().Has("model") || TrainsWithoutModel(project.yaml());
  }

  Result<std::string> Fingerprint(const StageContext& ctx) const override {
    MOTE_ASSIGN_OR_RETURN(YamlSection model, ctx.project.yaml().Section("model"));
    MOTE_ASSIGN_OR_RETURN(YamlSection train, ctx.project.yaml().Section("train"));
    // Parsing first reports errors at their position before anything runs.
    MOTE_ASSIGN_OR_RETURN(TrainConfig config, ParseTrainConfig(train));
    // "kmeans 2": K-means runs are recorded in the store since then; "kmeans
    // 3": they hold out `validation:` and store a training baseline.
    if (config.KMeansAnomaly()) return "kmeans 3\n---\n" + YAML::Dump(train.node());
    MOTE_RETURN_IF_ERROR(ParseModelConfig(model).status());
    std::string fingerprint = YAML::Dump(model.node()) + "\n---\n" + YAML::Dump(train.node());
    if (ctx.start_from) {  // a fine-tuning: its source's weights and the frozen layers
      MOTE_ASSIGN_OR_RETURN(WarmStartSource source, LoadWarmStartSource(ctx.project, ctx.start_from->source));
      fingerprint += fmt::format("\n---\nfrom {} freeze {}", source.digest,
                                 ctx.start_from->freeze_layers.value_or(config.freeze));
    }
    return fingerprint;
  }

  Result<std::string> Run(StageContext& ctx) const override {
    if (ctx.key.empty()) return Status::Internal("the train stage runs with its key (pipeline_runner.h)");
    const std::string started_at = NowIso8601();
    const auto t0 = std::chrono::steady_clock::now();
    MOTE_ASSIGN_OR_RETURN(YamlSection model_section, ctx.project.yaml().Section("model"));
    MOTE_ASSIGN_OR_RETURN(YamlSection train_section, ctx.project.yaml().Section("train"));
    MOTE_ASSIGN_OR_RETURN(TrainConfig train_config, ParseTrainConfig(train_section));
    if (train_config.KMeansAnomaly()) {
      if (ctx.start_from) return Status::InvalidArgument("--from: method: kmeans trains no network to start from");
      return RunKMeans(ctx, train_section, train_config);
    }
    MOTE_ASSIGN_OR_RETURN(ModelConfig model_config, ParseModelConfig(model_section));
    MOTE_ASSIGN_OR_RETURN(auto features, FeatureSet::Open(ctx.input_dirs.at("features")));
    const Shape shape = FeatureInputShape(*features, InputRank(model_config));
    MOTE_ASSIGN_OR_RETURN(FeatureExamples ex, LoadFeatureExamples(*features, shape, train_config.validation,
                                                                 train_config.options.seed));
    const int64_t classes = static_cast<int64_t>(ex.classes.size());
    MOTE_ASSIGN_OR_RETURN(ModelSpec spec, model_config.SpecFor(shape, classes));
    Result<Model<float>> built = Model<float>::Build(spec, shape, train_config.options.seed);
    if (!built.ok() && model_config.zoo) {
      // Zoo layers have no position of their own: point at the zoo key.
      return model_section.Error("zoo", fmt::format("does not suit features shaped {}: {}", ShapeString(shape),
                                                    built.status().message()));
    }
    MOTE_ASSIGN_OR_RETURN(Model<float> model, std::move(built));
    const bool reconstruction = model.output_shape() == shape;
    if (!reconstruction && model.output_shape() != Shape{classes}) {
      return model_section.Error(model_config.zoo ? "zoo" : "layers",
                                 fmt::format("gives a network whose output is {}, not one value per class ({}: {})",
                                                 ShapeString(model.output_shape()), classes,
                                                 fmt::join(ex.classes, ", ")));
    }
    // task: anomaly trains the autoencoder on the normal class only and
    // keeps the test labels to score normal against the rest.
    const bool anomaly = train_config.task == TrainTask::kAnomaly;
    if (anomaly && !reconstruction) {
      return model_section.Error(model_config.zoo ? "zoo" : "layers",
                                 "task: anomaly with method: autoencoder needs a network whose output is shaped as "
                                 "its input (zoo: autoencoder)");
    }
    json fine_tune;  // null unless --from
    if (ctx.start_from) {
      const std::optional<int64_t> flag = ctx.start_from->freeze_layers;
      auto freeze_error = [&](const std::string& message) {
        return flag ? Status::InvalidArgument("--freeze: " + message) : train_section.Error("freeze", "is too many: " + message);
      };
      MOTE_ASSIGN_OR_RETURN(fine_tune, StartFineTune(ctx.project, ctx.start_from->source,
                                                     flag.value_or(train_config.freeze), freeze_error, ex.classes,
                                                     !reconstruction, &model));
    }
    int32_t normal = 0;
    const std::vector<int32_t> test_labels = ex.test.labels;
    if (anomaly) {
      MOTE_ASSIGN_OR_RETURN(normal, NormalClass(train_section, train_config, ex.classes));
      ex.train = NormalRows(ex.train, normal);
      ex.validation = NormalRows(ex.validation, normal);
    }
    const ClassMix class_mix = CountClasses(ex);  // for the baseline, while labels are here
    if (reconstruction) {
      for (Examples* e : {&ex.train, &ex.validation, &ex.test}) e->labels.clear();
    }
    const int64_t n = ex.train.count();
    TrainOptions options = train_config.ForBatches((n + train_config.options.batch_size - 1) /
                                                   train_config.options.batch_size);
    options.objective = reconstruction ? Objective::kReconstruction : Objective::kClassification;

    std::unique_ptr<AugmentedBatches> augmented;
    if (train_config.augment.changes_signal()) {
      Result<std::unique_ptr<AugmentedBatches>> made = AugmentedBatches::Create(
          ctx.project, *features, ex.train_index_rows, train_config.augment, options.seed, options.threads);
      if (!made.ok() && made.status().code() == Status::Code::kInvalidArgument) {  // the noise label
        MOTE_ASSIGN_OR_RETURN(YamlSection augment, train_section.Section("augment"));
        return augment.Error("noise_label", made.status().message());
      }
      MOTE_ASSIGN_OR_RETURN(augmented, std::move(made));
    }
    Trainer trainer(&model, options);
    Progress progress("train", options.epochs * n, "samples", ctx.show_progress);
    auto on_batch = [&](const BatchProgress& p) {
      progress.SetNote(reconstruction
                           ? fmt::format("epoch {}/{} batch {}/{} loss {:.4f}", p.epoch, p.epochs, p.batch, p.batches,
                                         p.loss)
                           : fmt::format("epoch {}/{} batch {}/{} loss {:.4f} acc {:.3f}", p.epoch, p.epochs, p.batch,
                                         p.batches, p.loss, p.accuracy));
      progress.Update((p.epoch - 1) * n + p.samples_done);
    };
    const std::filesystem::path checkpoint_dir = CheckpointDir(ctx);
    std::optional<TrainerCheckpoint> resume;
    if (ctx.resume) {
      MOTE_ASSIGN_OR_RETURN(resume, ReadCheckpoint(ctx.project, checkpoint_dir));
    }
    auto on_checkpoint = [&checkpoint_dir](const TrainerCheckpoint& c) { return WriteCheckpoint(checkpoint_dir, c); };
    MOTE_ASSIGN_OR_RETURN(std::vector<EpochMetrics> history,
                          trainer.Fit(ex.train, ex.validation,
                                      {.on_batch = on_batch,
                                       .should_stop = Interrupted,
                                       .on_checkpoint = on_checkpoint,
                                       .augment = AugmentCallback(augmented.get(), train_config.augment.masks,
                                                                  features->shape().frames, options.seed)},
                                      resume ? &*resume : nullptr));
    progress.Finish();
    MOTE_ASSIGN_OR_RETURN(Evaluation test, trainer.Evaluate(ex.test));

    json epochs = json::array();
    double seconds = 0;
    for (const EpochMetrics& m : history) {
      seconds += m.seconds;
      epochs.push_back(EpochJson(m));
    }
    json metrics = {{"objective", reconstruction ? "reconstruction" : "classification"},
                          {"classes", ex.classes},
                          {"input_shape", shape},
                          {"parameters", {{"trainable", model.trainable_count()},
                                          {"non_trainable", model.non_trainable_count()}}},
                          {"examples", {{"train", n}, {"validation", ex.validation.count()},
                                        {"test", ex.test.count()}}},
                          {"epochs", epochs},
                          {"test", {{"loss", test.loss}, {"accuracy", test.accuracy}}},
                          {"seconds", seconds},
                          {"threads", options.threads},
                          {"seed", options.seed}};
    if (anomaly) {
      metrics["anomaly"] = AnomalyTestJson("autoencoder", train_config.anomaly.normal_label, normal,
                                           test.reconstruction_errors, test_labels);
    }
    const json sections = {{"model", YamlToJson(model_section.node())}, {"train", YamlToJson(train_section.node())}};
    if (ctx.start_from) {
      const TrainingCurve curve{history, reconstruction ? test.loss : test.accuracy, ex.validation.count() > 0};
      MOTE_RETURN_IF_ERROR(AddScratchComparison(ctx.project, ctx.input_digests.at("features"), sections, curve,
                                                reconstruction, &fine_tune));
      metrics["fine_tune"] = fine_tune;
    }
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / "metrics.json", metrics.dump(2) + "\n"));

    const WeightsFiles weights = SerializeWeights(model, reconstruction ? std::vector<std::string>() : ex.classes);
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / "weights.bin", weights.bin));
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / "weights.json", weights.json));
    MOTE_ASSIGN_OR_RETURN(std::string fingerprint, Fingerprint(ctx));
    const std::string lineage =
        ToHex(Sha256().UpdateField(ctx.input_digests.at("features")).UpdateField(fingerprint).Finish());
    MOTE_ASSIGN_OR_RETURN(std::string model_file, ModelFile(model, !reconstruction, *features, ex.classes, lineage));
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / "model.tflite", model_file));

    // The run, recorded last: a failure before this point records nothing.
    RunRecord run;
    run.started_at = started_at;
    run.stage_key = ctx.key;
    run.parameters = {{"model", sections["model"]}, {"train", sections["train"]},
                      {"input_shape", shape}, {"classes", ex.classes}, {"epochs", options.epochs},
                      {"batch_size", options.batch_size}, {"seed", options.seed}, {"threads", options.threads}};
    if (ctx.start_from) run.parameters["from"] = {{"source", fine_tune["from"]}, {"freeze", fine_tune["freeze"]}};
    MOTE_RETURN_IF_ERROR(DescribeData(ctx, &run));
    run.model_sha256 = ToHex(Sha256Of(std::string_view(model_file)));
    run.test_loss = test.loss;
    run.test_accuracy = test.accuracy;
    run.metrics = metrics;
    run.epochs = history;
    MOTE_ASSIGN_OR_RETURN(std::vector<double> held_out, EvaluateHeldOut(ex, !reconstruction, trainer));
    MOTE_ASSIGN_OR_RETURN(run.baseline, ComputeTrainingBaseline(*features, ex, class_mix,
                                                                reconstruction ? HeldOutMeasure::kReconstructionError
                                                                               : HeldOutMeasure::kConfidence,
                                                                std::move(held_out)));
    run.finished_at = NowIso8601();
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::optional<ClassificationMetrics> test_metrics;
    if (!reconstruction) test_metrics = ComputeClassificationMetrics(ex.classes, ex.test.labels, test.predictions);
    auto report = [&test_metrics](const std::filesystem::path& dir, const RunRecord& recorded) {
      return WriteRunReport(dir, recorded, test_metrics);
    };
    MOTE_RETURN_IF_ERROR(RecordRun(ctx.project, std::move(run), {.model = model_file, .write_report = report,
                                                     .state_files = {{"weights.bin", weights.bin},
                                                                     {"weights.json", weights.json}}}).status());
    std::error_code ec;
    std::filesystem::remove_all(checkpoint_dir, ec);  // the run is complete; nothing to resume
    // The digest covers what later stages read, not metrics.json's timings.
    Sha256 h;
    for (const char* file : {"weights.bin", "weights.json", "model.tflite"}) {
      MOTE_ASSIGN_OR_RETURN(Digest d, Sha256OfFile(ctx.out_dir / file));
      h.UpdateField(file).UpdateField(ToHex(d));
    }
    return ToHex(h.Finish());
  }
};

}  // namespace
MOTE_REGISTER_STAGE(TrainStage);
}  // namespace mote
