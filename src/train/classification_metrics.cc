#include "train/classification_metrics.h"

#include <algorithm>

#include <fmt/format.h>

namespace mote::train {

ClassificationMetrics ComputeClassificationMetrics(const std::vector<std::string>& classes,
                                                   std::span<const int32_t> labels,
                                                   std::span<const int32_t> predictions) {
  const size_t k = classes.size();
  ClassificationMetrics m;
  m.classes = classes;
  m.count = static_cast<int64_t>(labels.size());
  m.confusion.assign(k, std::vector<int64_t>(k, 0));
  int64_t correct = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    ++m.confusion[labels[i]][predictions[i]];
    correct += labels[i] == predictions[i];
  }
  m.accuracy = m.count ? static_cast<double>(correct) / m.count : 0;
  for (size_t c = 0; c < k; ++c) {
    int64_t predicted = 0, actual = 0;
    for (size_t o = 0; o < k; ++o) {
      predicted += m.confusion[o][c];
      actual += m.confusion[c][o];
    }
    const double hits = static_cast<double>(m.confusion[c][c]);
    ClassMetrics cm;
    cm.support = actual;
    cm.precision = predicted ? hits / predicted : 0;
    cm.recall = actual ? hits / actual : 0;
    cm.f1 = cm.precision + cm.recall > 0 ? 2 * cm.precision * cm.recall / (cm.precision + cm.recall) : 0;
    m.macro_f1 += cm.f1 / static_cast<double>(k);
    m.per_class.push_back(cm);
  }
  return m;
}

nlohmann::json ClassificationMetrics::ToJson() const {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t c = 0; c < classes.size(); ++c) {
    const ClassMetrics& cm = per_class[c];
    rows.push_back({{"class", classes[c]}, {"support", cm.support}, {"precision", cm.precision},
                    {"recall", cm.recall}, {"f1", cm.f1}});
  }
  return {{"count", count}, {"accuracy", accuracy}, {"macro_f1", macro_f1}, {"classes", classes},
          {"confusion", confusion}, {"per_class", rows}};
}

std::string ClassificationMetrics::ToText() const {
  size_t name_width = 5;  // "class"
  for (const std::string& c : classes) name_width = std::max(name_width, c.size());
  std::string out = fmt::format("accuracy {:.2f} % on {} examples (macro F1 {:.3f})\n\n", 100 * accuracy, count,
                                macro_f1);
  out += fmt::format("confusion (rows: true class, columns: predicted, in the order of the rows)\n{:<{}}",
                     "", name_width);
  size_t cell = 5;
  for (const auto& row : confusion)
    for (int64_t v : row) cell = std::max(cell, fmt::format("{}", v).size() + 1);
  for (size_t c = 0; c < classes.size(); ++c) out += fmt::format(" {:>{}}", c, cell);
  out += "\n";
  for (size_t c = 0; c < classes.size(); ++c) {
    out += fmt::format("{:<{}}", classes[c], name_width);
    for (int64_t v : confusion[c]) out += fmt::format(" {:>{}}", v, cell);
    out += fmt::format("   {}\n", c);
  }
  out += fmt::format("\n{:<{}}  {:>9}  {:>6}  {:>6}  {:>7}\n", "class", name_width, "precision", "recall", "f1",
                     "support");
  for (size_t c = 0; c < classes.size(); ++c) {
    const ClassMetrics& cm = per_class[c];
    out += fmt::format("{:<{}}  {:>9.3f}  {:>6.3f}  {:>6.3f}  {:>7}\n", classes[c], name_width, cm.precision,
                       cm.recall, cm.f1, cm.support);
  }
  return out;
}

}  // namespace mote::train
