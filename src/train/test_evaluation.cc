#include "train/test_evaluation.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/file_util.h"
#include "model/tflite_reader.h"
#include "train/host_interpreter.h"

namespace mote::train {

Result<TestEvaluation> EvaluateOnTestSplit(const std::filesystem::path& model_file, FeatureSet& features,
                                           const std::function<void(int64_t, int64_t)>& on_row) {
  MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(model_file));
  return EvaluateOnTestSplit(bytes, model_file.string(), features, on_row);
}

Result<TestEvaluation> EvaluateOnTestSplit(const std::string& bytes, const std::string& name, FeatureSet& features,
                                           const std::function<void(int64_t, int64_t)>& on_row) {
  MOTE_ASSIGN_OR_RETURN(model::Model ir, model::ReadTflite(bytes, name));
  const std::vector<std::string> classes = ir.mote ? ir.mote->labels : std::vector<std::string>();
  MOTE_ASSIGN_OR_RETURN(auto interpreter, HostInterpreter::Open(bytes, name));
  const size_t row_size = features.shape().size();
  if (interpreter->input_size() != row_size) {
    return Status::InvalidArgument(fmt::format("{}: the model takes {} values, the features in {} have {} per row",
                                               name, interpreter->input_size(),
                                               features.dir().string(), row_size));
  }
  TestEvaluation e;
  e.classification = !classes.empty();
  if (e.classification && interpreter->output_size() != classes.size()) {
    return Status::InvalidArgument(fmt::format("{}: {} outputs for {} labels", name,
                                               interpreter->output_size(), classes.size()));
  }
  std::vector<int32_t> labels;
  std::vector<int32_t>& predictions = e.predictions;
  double squared_error = 0;
  const int64_t test_rows = std::count_if(features.index().begin(), features.index().end(),
                                          [](const FeatureRow& row) { return row.split == Split::kTest; });
  for (uint32_t r = 0; r < features.rows(); ++r) {
    const FeatureRow& row = features.index()[r];
    if (row.split != Split::kTest) continue;
    MOTE_ASSIGN_OR_RETURN(std::vector<float> x, features.ReadRows(r, 1, true));
    MOTE_ASSIGN_OR_RETURN(std::span<const float> y, interpreter->Run(x));
    ++e.examples;
    if (on_row) on_row(e.examples, test_rows);
    if (!e.classification) {
      for (size_t i = 0; i < y.size() && i < x.size(); ++i) squared_error += (y[i] - x[i]) * double(y[i] - x[i]);
      continue;
    }
    const auto label = std::find(classes.begin(), classes.end(), row.label);
    if (label == classes.end()) {
      return Status::InvalidArgument(fmt::format("{}: test sample {} is labelled '{}', which is not one of the "
                                                 "model's classes ({})",
                                                 features.dir().string(), row.sample_id, row.label,
                                                 fmt::join(classes, ", ")));
    }
    labels.push_back(static_cast<int32_t>(label - classes.begin()));
    predictions.push_back(static_cast<int32_t>(std::max_element(y.begin(), y.end()) - y.begin()));
  }
  if (e.examples == 0) return Status::InvalidArgument(features.dir().string() + ": no rows in the test split");
  if (e.classification) e.metrics = ComputeClassificationMetrics(classes, labels, predictions);
  else e.mse = squared_error / static_cast<double>(e.examples * static_cast<int64_t>(row_size));
  return e;
}

}  // namespace mote::train
