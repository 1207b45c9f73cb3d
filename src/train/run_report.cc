#include "train/run_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/file_util.h"
#include "report/svg_plot.h"
#include "train/baseline_report.h"
#include "train/scratch_comparison.h"
#include "train/window_score_report.h"

namespace mote::train {

namespace {

using json = nlohmann::json;

// One curve per metric over the epochs; the validation curve only when the
// run had a validation split (its values are then not all zero).
std::string Curves(const RunRecord& run, const std::string& what, double EpochMetrics::*train,
                   double EpochMetrics::*validation) {
  LinePlotSpec plot;
  plot.title = what + " per epoch";
  plot.x_label = "epoch";
  plot.y_label = what;
  plot.x_start = 1;
  std::vector<float> t, v;
  bool has_validation = false;
  for (const EpochMetrics& m : run.epochs) {
    t.push_back(static_cast<float>(m.*train));
    v.push_back(static_cast<float>(m.*validation));
    has_validation = has_validation || m.*validation != 0;
  }
  plot.series_names = {"train"};
  plot.series = {t};
  if (has_validation) {
    plot.series_names.push_back("validation");
    plot.series.push_back(v);
  }
  return SvgLinePlot(plot);
}

std::string ConfusionSvg(const ClassificationMetrics& test) {
  HeatmapSpec map;
  map.title = "confusion matrix (test split): rows true class, columns predicted";
  map.x_label = "predicted class";
  map.y_label = "true class";
  map.rows = map.cols = static_cast<uint32_t>(test.classes.size());
  for (const auto& row : test.confusion)
    for (int64_t v : row) map.cells.push_back(static_cast<float>(v));
  map.row_labels = test.classes;
  map.lo = 0;
  map.hi = 1;
  for (float c : map.cells) map.hi = std::max(map.hi, c);
  return SvgHeatmap(map);
}

std::string Cell(const std::string& text) { return "<td>" + XmlEscape(text) + "</td>"; }

// The test split's anomaly figures (anomaly_evaluation.h) of an anomaly
// run, else null.
const json* AnomalyFigures(const RunRecord& run) {
  auto it = run.metrics.find("anomaly");
  return it == run.metrics.end() ? nullptr : &*it;
}

// `baseline_section` (baseline_report.h) goes after the curves ("" if none).
std::string IndexHtml(const RunRecord& run, const std::optional<ClassificationMetrics>& test,
                      const std::string& baseline_section) {
  std::string h = fmt::format(
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>run {}</title>\n"
      "<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}"
      "td,th{{border:1px solid #ccc;padding:2px 8px;text-align:right}}th:first-child,td:first-child{{text-align:left}}"
      "</style>\n</head><body>\n<h1>Training run {}</h1>\n",
      run.id, run.id);
  h += "<table>\n";
  auto fact = [&h](const std::string& name, const std::string& value) {
    h += "<tr>" + Cell(name) + "<td style=\"text-align:left\"><code>" + XmlEscape(value) + "</code></td></tr>\n";
  };
  fact("started", run.started_at);
  fact("finished", run.finished_at);
  fact("duration", fmt::format("{:.1f} s", run.seconds));
  fact("data", run.data_digest + (run.data_snapshot.empty() ? "" : " (snapshot " + run.data_snapshot + ")"));
  fact("features", run.features_digest);
  fact("mote", run.mote_version + " (" + run.git_commit + ")");
  fact("model file", run.model_path + " (sha256 " + run.model_sha256 + ")");
  fact("parameters", run.parameters.dump());
  if (TrainedNetwork(run)) fact("test loss", fmt::format("{:.4f}", run.test_loss));
  if (test) fact("test accuracy", fmt::format("{:.2f} %", 100 * test->accuracy));
  if (const json* anomaly = AnomalyFigures(run)) {
    const json& auc = (*anomaly)["roc_auc"];
    fact("test ROC AUC", auc.is_null() ? "none: the test split lacks normal or anomalous windows"
                                       : fmt::format("{:.4f} ({} normal, {} anomalous windows)", auc.get<double>(),
                                                     (*anomaly)["test_normal"].get<int64_t>(),
                                                     (*anomaly)["test_anomalous"].get<int64_t>()));
  }
  h += "</table>\n";
  if (run.metrics.contains("fine_tune")) h += FineTuneHtml(run.metrics["fine_tune"]);
  if (run.epochs.empty()) {  // K-means: no epochs, every window scored instead
    return h + fmt::format("<p><a href=\"{}/index.html\">Every window scored and ranked</a></p>\n", kWindowReportDir) +
           baseline_section + "</body></html>\n";
  }
  h += "<h2>Curves</h2>\n<img src=\"loss.svg\" alt=\"loss per epoch\">\n";
  if (test) h += "<img src=\"accuracy.svg\" alt=\"accuracy per epoch\">\n";
  h += "<table>\n<tr><th>epoch</th><th>loss</th><th>accuracy</th><th>val loss</th><th>val accuracy</th>"
       "<th>learning rate</th><th>samples/s</th></tr>\n";
  for (const EpochMetrics& m : run.epochs) {
    h += fmt::format("<tr><td>{}</td><td>{:.4f}</td><td>{:.4f}</td><td>{:.4f}</td><td>{:.4f}</td><td>{:.3g}</td>"
                     "<td>{:.0f}</td></tr>\n",
                     m.epoch, m.train_loss, m.train_accuracy, m.val_loss, m.val_accuracy, m.learning_rate,
                     m.samples_per_second);
  }
  h += "</table>\n" + baseline_section;
  if (!test) return h + "</body></html>\n";

  h += fmt::format("<h2>Test split: {} examples, accuracy {:.2f} %, macro F1 {:.3f}</h2>\n", test->count,
                   100 * test->accuracy, test->macro_f1);
  h += "<img src=\"confusion.svg\" alt=\"confusion matrix\">\n";
  h += "<h3>Confusion matrix (rows: true class, columns: predicted)</h3>\n<table id=\"confusion\">\n<tr><th></th>";
  for (const std::string& c : test->classes) h += "<th>" + XmlEscape(c) + "</th>";
  h += "</tr>\n";
  for (size_t r = 0; r < test->classes.size(); ++r) {
    h += "<tr><th>" + XmlEscape(test->classes[r]) + "</th>";
    for (int64_t v : test->confusion[r]) h += fmt::format("<td>{}</td>", v);
    h += "</tr>\n";
  }
  h += "</table>\n<h3>Per class</h3>\n<table id=\"per-class\">\n<tr><th>class</th><th>precision</th><th>recall</th>"
       "<th>F1</th><th>support</th></tr>\n";
  for (size_t c = 0; c < test->classes.size(); ++c) {
    const ClassMetrics& m = test->per_class[c];
    h += "<tr>" + Cell(test->classes[c]) +
         fmt::format("<td>{:.3f}</td><td>{:.3f}</td><td>{:.3f}</td><td>{}</td></tr>\n", m.precision, m.recall, m.f1,
                     m.support);
  }
  return h + "</table>\n</body></html>\n";
}

json ReportJson(const RunRecord& run, const std::optional<ClassificationMetrics>& test) {
  json epochs = json::array();
  for (const EpochMetrics& m : run.epochs) epochs.push_back(EpochJson(m));
  return {{"run", run.id},
          {"started_at", run.started_at},
          {"seconds", run.seconds},
          {"parameters", run.parameters},
          {"data_digest", run.data_digest},
          {"data_snapshot", run.data_snapshot},
          {"mote_version", run.mote_version},
          {"git_commit", run.git_commit},
          {"model", run.model_path},
          {"epochs", epochs},
          {"test", test ? test->ToJson()
                   : TrainedNetwork(run) ? json{{"loss", run.test_loss}}
                                         : json::object()},
          {"anomaly", AnomalyFigures(run) ? *AnomalyFigures(run) : json()}};
}

}  // namespace

Status WriteRunReport(const std::filesystem::path& dir, const RunRecord& run,
                      const std::optional<ClassificationMetrics>& test) {
  if (!run.epochs.empty()) {
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(
        dir / "loss.svg", Curves(run, "loss", &EpochMetrics::train_loss, &EpochMetrics::val_loss)));
  }
  if (test) {
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(
        dir / "accuracy.svg", Curves(run, "accuracy", &EpochMetrics::train_accuracy, &EpochMetrics::val_accuracy)));
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "confusion.svg", ConfusionSvg(*test)));
  }
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "report.json", ReportJson(run, test).dump(2) + "\n"));
  std::string baseline_section;
  if (!run.baseline.is_null()) {
    MOTE_ASSIGN_OR_RETURN(baseline_section, WriteBaselineReport(dir, run.baseline));
  }
  return WriteFileAtomically(dir / "index.html", IndexHtml(run, test, baseline_section));
}

}  // namespace mote::train
