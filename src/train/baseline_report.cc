#include "train/baseline_report.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/file_util.h"
#include "report/svg_plot.h"
#include "train/training_baseline.h"

namespace mote::train {

namespace {

using json = nlohmann::json;

// A histogram (edges, counts) as a bar chart, one bar per bin named by its range.
std::string HistogramSvg(const json& h, const std::string& title, const std::string& y_label) {
  BarChartSpec bars;
  bars.title = title;
  bars.y_label = y_label;
  const std::vector<double> edges = h.at("edges").get<std::vector<double>>();
  const std::vector<int64_t> counts = h.at("counts").get<std::vector<int64_t>>();
  for (size_t i = 0; i < counts.size(); ++i) {
    bars.names.push_back(fmt::format("{:.3g}-{:.3g}", edges[i], edges[i + 1]));
    bars.values.push_back(static_cast<float>(counts[i]));
  }
  return SvgBarChart(bars);
}

// Every channel's bins as shares of its values: one heatmap row per channel.
std::string ChannelsSvg(const json& histograms) {
  HeatmapSpec map;
  map.title = "feature histograms (train split): share of values per bin";
  map.x_label = "bin (each channel's 1st to 99th percentile)";
  map.y_label = "channel";
  map.cols = histograms.at("bins").get<uint32_t>();
  for (const json& c : histograms.at("channels")) {
    const double n = std::max<double>(1, c.at("count").get<double>());
    for (const json& count : c.at("counts")) map.cells.push_back(static_cast<float>(count.get<double>() / n));
    map.row_labels.push_back(c.at("name").get<std::string>());
    ++map.rows;
  }
  return SvgHeatmap(map);
}

std::string Td(const std::string& text) { return "<td>" + XmlEscape(text) + "</td>"; }

std::string ClassMixTable(const json& classes) {
  std::string h = "<table id=\"class-mix\">\n<tr><th>class</th><th>train</th><th>share</th><th>validation</th>"
                  "<th>test</th></tr>\n";
  const json& names = classes.at("names");
  for (size_t c = 0; c < names.size(); ++c) {
    h += "<tr>" + Td(names[c].get<std::string>()) +
         fmt::format("<td>{}</td><td>{:.3f}</td><td>{}</td><td>{}</td></tr>\n", classes.at("train")[c].get<int64_t>(),
                     classes.at("train_fraction")[c].get<double>(), classes.at("validation")[c].get<int64_t>(),
                     classes.at("test")[c].get<int64_t>());
  }
  return h + "</table>\n";
}

std::string FeatureTable(const json& features) {
  const json& per = features.at("per_feature");
  const json& names = features.at("names");
  std::string h = "<table id=\"feature-stats\">\n<tr><th>feature</th><th>mean</th><th>std</th><th>min</th>"
                  "<th>median</th><th>max</th></tr>\n";
  const size_t median = std::find(std::begin(kBaselineQuantiles), std::end(kBaselineQuantiles), 0.5) -
                        std::begin(kBaselineQuantiles);
  for (size_t f = 0; f < names.size(); ++f) {
    h += "<tr>" + Td(names[f].get<std::string>()) +
         fmt::format("<td>{:.4g}</td><td>{:.4g}</td><td>{:.4g}</td><td>{:.4g}</td><td>{:.4g}</td></tr>\n",
                     per.at("mean")[f].get<double>(), per.at("std")[f].get<double>(), per.at("min")[f].get<double>(),
                     per.at("quantiles")[f][median].get<double>(), per.at("max")[f].get<double>());
  }
  return h + "</table>\n";
}

// What a held-out histogram shows: a heading (capitalized) and the SVG's title.
std::string HeldOutTitle(HeldOutMeasure measure) {
  switch (measure) {
    case HeldOutMeasure::kConfidence:
      return "Top-class probability";
    case HeldOutMeasure::kReconstructionError:
      return "Reconstruction error";
    case HeldOutMeasure::kAnomalyScore:
      return "Anomaly score (distance to the nearest centroid)";
  }
  return "";
}

}  // namespace

Result<std::string> WriteBaselineReport(const std::filesystem::path& dir, const json& baseline) {
  try {
    const json& features = baseline.at("features");
    const HeldOutMeasure* measure = nullptr;
    for (const auto& [key, m] : kHeldOutKeys) {
      if (baseline.contains(std::string(key))) measure = &m;
    }
    if (!measure) return Status::InvalidArgument("training baseline: no held-out histogram");
    const std::string key = HeldOutKey(*measure), title = HeldOutTitle(*measure);
    const json& held_out = baseline.at(key);
    const std::string held_out_file = key + ".svg";
    const std::string split = held_out.at("split").get<std::string>();
    std::string lower = title;
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    MOTE_RETURN_IF_ERROR(
        WriteFileAtomically(dir / held_out_file, HistogramSvg(held_out, lower + " (" + split + " split)", "examples")));
    const json& histograms = features.at("histograms");
    const bool has_channels = !histograms.at("channels").empty();
    if (has_channels) MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "feature_histograms.svg", ChannelsSvg(histograms)));

    std::string h = "<h2>Training baseline (for monitoring)</h2>\n";
    h += fmt::format("<p>Stored with the run (<code>baseline.json</code>, format version {}). The DSP output the model "
                     "trained on: {} examples of {} frames &times; {} features, before normalization; histograms of "
                     "{} channels ({}).</p>\n",
                     baseline.at("version").get<int>(), features.at("examples").get<int64_t>(),
                     features.at("frames").get<int64_t>(), features.at("features").get<int64_t>(),
                     histograms.at("channels").size(),
                     histograms.at("channel").get<std::string>() == "feature" ? "one per feature"
                                                                            : "means of contiguous feature bands");
    h += "<h3>Class mix</h3>\n" + ClassMixTable(baseline.at("classes"));
    h += fmt::format("<h3>{} on the {} split: {} examples, mean {:.4g}</h3>\n", title, split,
                     held_out.at("count").get<int64_t>(), held_out.at("mean").get<double>());
    h += "<img src=\"" + held_out_file + "\" alt=\"held-out histogram\">\n";
    if (has_channels) h += "<h3>Feature histograms</h3>\n<img src=\"feature_histograms.svg\" alt=\"feature histograms\">\n";
    if (features.at("features").get<int>() <= kMaxHistogramChannels) {
      h += "<h3>Per-feature statistics</h3>\n" + FeatureTable(features);
    }
    return h;
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("training baseline: ") + e.what());
  }
}

}  // namespace mote::train
