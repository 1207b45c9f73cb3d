// mote quantize: the project's trained float model (the newest recorded
// run's, or --run ID's, model.tflite) quantized to int8 after training
// (optimize/int8_quantizer.h), calibrated on rows of the train split of the
// features it was trained on; written atomically beside it as
// model_int8.tflite (or to -o FILE) with its metadata (labels, DSP block,
// a lineage that extends the float model's), after both models have been
// run by micro/nn on the test split: the float and int8 accuracies and how
// often they agree (or, for an autoencoder, both reconstruction errors).
// Any error (no run, a model the quantizer cannot take, a file that is not
// a .tflite) is one line, and nothing is written.
#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/recorded_run.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/progress.h"
#include "core/version.h"
#include "model/tflite_reader.h"
#include "model/tflite_writer.h"
#include "optimize/int8_quantizer.h"
#include "train/test_evaluation.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct Options {
  int64_t run = 0;
  int64_t calibration = 200;
  std::string output;
};

// Up to `count` normalized rows of the train split, spread evenly over it
// (the index is ordered by sample, so the first rows would be few samples).
Result<std::vector<optimize::CalibrationInput>> CalibrationRows(FeatureSet& features, int64_t count) {
  std::vector<uint32_t> train;
  for (uint32_t r = 0; r < features.rows(); ++r) {
    if (features.index()[r].split == Split::kTrain) train.push_back(r);
  }
  if (train.empty()) return Status::InvalidArgument(features.dir().string() + ": no rows in the train split to calibrate on");
  const size_t n = std::min<size_t>(static_cast<size_t>(count), train.size());
  std::vector<optimize::CalibrationInput> rows;
  for (size_t i = 0; i < n; ++i) {
    MOTE_ASSIGN_OR_RETURN(std::vector<float> row, features.ReadRows(train[i * train.size() / n], 1, true));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Both models on the test split: accuracies and agreement, or errors.
Result<json> Compare(const std::string& float_bytes, const std::string& float_name, const std::string& int8_bytes,
                     const std::string& int8_name, FeatureSet& features, bool progress_enabled) {
  Progress progress("test split", 0, "examples", progress_enabled);
  int64_t offset = 0;
  auto on_row = [&](int64_t done, int64_t total) {
    progress.SetTotal(2 * total);
    progress.Update(offset + done);
  };
  MOTE_ASSIGN_OR_RETURN(train::TestEvaluation f, train::EvaluateOnTestSplit(float_bytes, float_name, features, on_row));
  offset = f.examples;
  MOTE_ASSIGN_OR_RETURN(train::TestEvaluation q, train::EvaluateOnTestSplit(int8_bytes, int8_name, features, on_row));
  progress.Finish();
  json j = {{"examples", f.examples}};
  if (!f.classification) {
    j["objective"] = "reconstruction";
    j["float_mse"] = f.mse;
    j["int8_mse"] = q.mse;
    return j;
  }
  int64_t agree = 0;
  for (size_t i = 0; i < f.predictions.size() && i < q.predictions.size(); ++i) {
    agree += f.predictions[i] == q.predictions[i];
  }
  j["objective"] = "classification";
  j["float_accuracy"] = f.metrics.accuracy;
  j["int8_accuracy"] = q.metrics.accuracy;
  j["agreement"] = static_cast<double>(agree) / static_cast<double>(f.examples);
  return j;
}

Status Quantize(Cli& cli, const Options& o) {
  if (o.calibration < 1) return Status::Usage(fmt::format("--calibration: must be at least 1, got {}", o.calibration));
  MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
  MOTE_ASSIGN_OR_RETURN(RecordedRun run, FindRecordedRun(*project, o.run));
  const fs::path output = o.output.empty() ? Int8ModelPath(run) : fs::path(o.output);
  // Paths as the user sees them: the project's relative to its root.
  const std::string name = run.model.lexically_relative(project->root()).string();
  const std::string int8_name = o.output.empty() ? output.lexically_relative(project->root()).string() : o.output;
  MOTE_ASSIGN_OR_RETURN(const std::string float_bytes, ReadFile(run.model));
  MOTE_ASSIGN_OR_RETURN(const model::Model float_model, model::ReadTflite(float_bytes, name));
  MOTE_ASSIGN_OR_RETURN(auto features, FeatureSet::Open(run.features));
  MOTE_ASSIGN_OR_RETURN(const std::vector<optimize::CalibrationInput> calibration,
                        CalibrationRows(*features, o.calibration));
  Result<model::Model> quantized = optimize::QuantizeInt8(float_model, calibration);
  if (!quantized.ok()) return Status::InvalidArgument(name + ": " + quantized.status().message());
  model::MoteMetadata meta = float_model.mote.value_or(model::MoteMetadata{});
  meta.mote_version = kVersion;
  meta.lineage = ToHex(Sha256()
                           .UpdateField(meta.lineage)
                           .UpdateField(ToHex(Sha256Of(std::string_view(float_bytes))))
                           .UpdateField(fmt::format("int8 post-training quantization, {} calibration rows",
                                                    calibration.size()))
                           .Finish());
  quantized->mote = meta;
  MOTE_ASSIGN_OR_RETURN(const std::string int8_bytes, model::WriteTflite(*quantized));
  MOTE_ASSIGN_OR_RETURN(json test,
                        Compare(float_bytes, name, int8_bytes, int8_name, *features, cli.progress_enabled()));
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(output, int8_bytes));

  const json j = {{"run", run.run},
                  {"model", name},
                  {"int8_model", int8_name},
                  {"calibration_rows", calibration.size()},
                  {"float_bytes", float_bytes.size()},
                  {"int8_bytes", int8_bytes.size()},
                  {"lineage", meta.lineage},
                  {"test", test}};
  std::string text = fmt::format("quantize: run {} ({}, {} bytes) calibrated on {} train rows -> {} ({} bytes)\n",
                                 run.run, name, float_bytes.size(), calibration.size(), int8_name,
                                 int8_bytes.size());
  if (test["objective"] == "classification") {
    text += fmt::format("  test split, {} examples: float accuracy {:.2f} %, int8 accuracy {:.2f} %, "
                        "top-1 agreement {:.2f} %\n",
                        test["examples"].get<int64_t>(), 100 * test["float_accuracy"].get<double>(),
                        100 * test["int8_accuracy"].get<double>(), 100 * test["agreement"].get<double>());
  } else {
    text += fmt::format("  test split, {} examples: reconstruction mean squared error float {:.6g}, int8 {:.6g}\n",
                        test["examples"].get<int64_t>(), test["float_mse"].get<double>(),
                        test["int8_mse"].get<double>());
  }
  cli.Print(j, text);
  return Status::Ok();
}

void SetupQuantize(Cli& cli) {
  auto o = std::make_shared<Options>();
  CLI::App* sub = cli.app().add_subcommand(
      "quantize", "Quantize the trained model to int8 (post-training, calibrated on the train split); print float "
                  "vs int8 accuracy on the test split");
  sub->add_option("--run", o->run, "The run whose model to quantize (default: the newest)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--calibration", o->calibration,
                  "Train rows to calibrate activation ranges on, spread over the split (default 200)");
  sub->add_option("-o,--output", o->output, "Where to write the int8 .tflite (default: model_int8.tflite beside "
                                            "the run's model, where `mote eval --int8` finds it)");
  cli.OnRun(sub, [&cli, o]() { return Quantize(cli, *o); });
}

}  // namespace
MOTE_REGISTER_COMMAND(quantize, 33, SetupQuantize);
}  // namespace mote
