#include "train/scratch_comparison.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/svg_plot.h"

namespace mote::train {
namespace {

using json = nlohmann::json;

// The compared value of an epoch: higher is better for accuracies; losses
// are negated so that the same comparisons apply.
double Score(const EpochMetrics& m, bool reconstruction, bool validation) {
  if (reconstruction) return -(validation ? m.val_loss : m.train_loss);
  return validation ? m.val_accuracy : m.train_accuracy;
}

double Best(const TrainingCurve& c, bool reconstruction, bool validation) {
  double best = -std::numeric_limits<double>::infinity();
  for (const EpochMetrics& m : c.epochs) best = std::max(best, Score(m, reconstruction, validation));
  return best;
}

json Side(const TrainingCurve& c, bool reconstruction, bool validation, double target) {
  double seconds = 0, to_target = 0;
  int64_t epochs_to_target = 0;
  for (const EpochMetrics& m : c.epochs) {
    seconds += m.seconds;
    if (epochs_to_target == 0) {
      to_target += m.seconds;
      if (Score(m, reconstruction, validation) >= target) epochs_to_target = m.epoch;
    }
  }
  return {{"epochs", c.epochs.size()},
          {"seconds", seconds},
          {reconstruction ? "test_loss" : "test_accuracy", c.test_score},
          {"epochs_to_target", epochs_to_target},
          {"seconds_to_target", to_target}};
}

}  // namespace

std::optional<int64_t> FindScratchRun(const std::vector<RunRecord>& runs, const std::string& features_digest,
                                      const json& model, const json& train) {
  std::optional<int64_t> newest;
  for (const RunRecord& r : runs) {
    if (r.features_digest == features_digest && !r.parameters.contains("from") &&
        r.parameters.value("model", json()) == model && r.parameters.value("train", json()) == train) {
      newest = r.id;
    }
  }
  return newest;
}

json CompareWithScratch(const TrainingCurve& fine_tuned, int64_t scratch_run, const TrainingCurve& scratch,
                        bool reconstruction) {
  const bool validation = fine_tuned.has_validation && scratch.has_validation;
  const double target =
      std::min(Best(fine_tuned, reconstruction, validation), Best(scratch, reconstruction, validation));
  const char* metric = reconstruction ? (validation ? "val_loss" : "loss") : (validation ? "val_accuracy" : "accuracy");
  return {{"scratch_run", scratch_run},
          {"metric", metric},
          {"target", reconstruction ? -target : target},
          {"fine_tuned", Side(fine_tuned, reconstruction, validation, target)},
          {"scratch", Side(scratch, reconstruction, validation, target)}};
}

std::vector<std::string> FineTuneLines(const json& f) {
  std::vector<std::string> lines;
  std::string from = fmt::format("fine-tuned from {}", f["from"]["name"].get<std::string>());
  if (f["freeze"].get<int64_t>() > 0) {
    from += fmt::format(", first {} layers frozen ({} parameters)", f["freeze"].get<int64_t>(),
                        f["frozen_parameters"].get<int64_t>());
  }
  if (!f["new_classes"].empty()) from += fmt::format(", new classes: {}", fmt::join(f["new_classes"].get<std::vector<std::string>>(), ", "));
  if (!f["dropped_classes"].empty()) from += fmt::format(", dropped: {}", fmt::join(f["dropped_classes"].get<std::vector<std::string>>(), ", "));
  lines.push_back(from);
  const json& c = f["comparison"];
  if (c.is_null()) {
    lines.push_back("no recorded run trained from scratch on these features with this model: and train: to compare "
                    "with (mote train --from ... --compare-scratch trains one)");
    return lines;
  }
  const json &a = c["fine_tuned"], &b = c["scratch"];
  const bool accuracy = a.contains("test_accuracy");
  auto test = [accuracy](const json& side) {
    return accuracy ? fmt::format("{:.2f} %", 100 * side["test_accuracy"].get<double>())
                    : fmt::format("{:.4g}", side["test_loss"].get<double>());
  };
  lines.push_back(fmt::format("vs scratch run {}: test {} {} vs {}; {} vs {} epochs, {:.3g} s vs {:.3g} s of training",
                              c["scratch_run"].get<int64_t>(), accuracy ? "accuracy" : "loss", test(a), test(b),
                              a["epochs"].get<int64_t>(), b["epochs"].get<int64_t>(), a["seconds"].get<double>(),
                              b["seconds"].get<double>()));
  lines.push_back(fmt::format("to {} {:.4f}: epoch {} vs {}, {:.3g} s vs {:.3g} s", c["metric"].get<std::string>(),
                              c["target"].get<double>(), a["epochs_to_target"].get<int64_t>(),
                              b["epochs_to_target"].get<int64_t>(), a["seconds_to_target"].get<double>(),
                              b["seconds_to_target"].get<double>()));
  return lines;
}

std::string FineTuneHtml(const json& f) {
  std::string h = "<h2>Fine-tuning</h2>\n<ul id=\"fine-tune\">\n";
  for (const std::string& line : FineTuneLines(f)) h += "<li>" + XmlEscape(line) + "</li>\n";
  h += "</ul>\n";
  const json& c = f["comparison"];
  if (c.is_null()) return h;
  const bool accuracy = c["fine_tuned"].contains("test_accuracy");
  h += fmt::format("<table id=\"scratch-comparison\">\n<tr><th>run</th><th>epochs</th><th>training s</th><th>test {}"
                   "</th><th>epochs to {} {:.4f}</th><th>s to it</th></tr>\n",
                   accuracy ? "accuracy" : "loss", c["metric"].get<std::string>(), c["target"].get<double>());
  for (const char* side : {"fine_tuned", "scratch"}) {
    const json& s = c[side];
    const double test = accuracy ? 100 * s["test_accuracy"].get<double>() : s["test_loss"].get<double>();
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{:.3g}</td><td>{:.4g}{}</td><td>{}</td><td>{:.3g}</td></tr>\n",
                     side == std::string("scratch") ? fmt::format("scratch (run {})", c["scratch_run"].get<int64_t>())
                                                    : "fine-tuned (this run)",
                     s["epochs"].get<int64_t>(), s["seconds"].get<double>(), test, accuracy ? " %" : "",
                     s["epochs_to_target"].get<int64_t>(), s["seconds_to_target"].get<double>());
  }
  return h + "</table>\n";
}

}  // namespace mote::train
