#include "train/window_score_report.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "core/file_util.h"
#include "report/svg_plot.h"
#include "train/roc_auc.h"
#include "train/roc_curve.h"

namespace mote::train {

namespace {

namespace fs = std::filesystem;

struct Window {
  size_t row;
  double start_s, end_s, score;
};

// The first axis of a series or audio sample as floats (audio as PCM counts).
std::vector<float> FirstAxis(const SampleData& data) {
  const size_t frames = data.shape.at(0), axes = data.shape.size() > 1 ? data.shape[1] : 1;
  std::vector<float> out(frames);
  for (size_t t = 0; t < frames; ++t) {
    out[t] = data.dtype == DType::kF32 ? data.f32()[t * axes] : static_cast<float>(data.i16()[t * axes]);
  }
  return out;
}

std::string Td(const std::string& text) { return "<td>" + XmlEscape(text) + "</td>"; }

// A source's last path part ("ecg.dat#ecg.npy"), short enough for a plot title.
std::string ShortName(const std::string& source) { return fs::path(source).filename().string(); }

// The ROC curve of the test split's windows, normal against the rest, as a
// line plot over 101 false positive rates, and the page's sentence on it;
// both empty when the split lacks either side.
std::pair<std::string, std::string> RocFigure(const std::vector<FeatureRow>& index, std::span<const double> scores,
                                              const std::string& normal_label) {
  std::vector<double> test_scores;
  std::vector<uint8_t> anomalous;
  for (size_t r = 0; r < index.size(); ++r) {
    if (index[r].split != Split::kTest) continue;
    test_scores.push_back(scores[r]);
    anomalous.push_back(index[r].label != normal_label);
  }
  Result<std::vector<RocPoint>> curve = RocCurve(test_scores, anomalous);
  Result<double> auc = RocAuc(test_scores, anomalous);
  if (!curve.ok() || !auc.ok()) return {};
  const int64_t anomalies = std::count(anomalous.begin(), anomalous.end(), 1);
  LinePlotSpec plot;
  plot.title = fmt::format("ROC, test split: '{}' against the rest, AUC {:.4f}", normal_label, *auc);
  plot.x_label = "false positive rate (normal windows flagged)";
  plot.y_label = "true positive rate";
  plot.x_step = 0.01f;
  plot.series_names = {"ROC", "chance"};
  plot.series.resize(2);
  for (int i = 0; i <= 100; ++i) {
    plot.series[0].push_back(static_cast<float>(TprAt(*curve, i / 100.0)));
    plot.series[1].push_back(static_cast<float>(i / 100.0));
  }
  const std::string text =
      fmt::format("<p>Test split: {} '{}' and {} other windows; ROC AUC {:.4f}.</p>\n<img src=\"roc.svg\" "
                  "alt=\"ROC curve\">\n",
                  test_scores.size() - anomalies, XmlEscape(normal_label), anomalies, *auc);
  return {SvgLinePlot(plot), text};
}

}  // namespace

Status WriteWindowScoreReport(const fs::path& dir, const FeatureSet& features, DatasetStore& store,
                              std::span<const double> scores, const std::string& method,
                              const std::string& normal_label) {
  const std::vector<FeatureRow>& index = features.index();
  if (scores.size() != index.size()) {
    return Status::InvalidArgument(fmt::format("{} scores for {} feature rows", scores.size(), index.size()));
  }
  const InputSpec& input = features.input();
  const bool series = input.kind != InputKind::kImage && input.sample_rate_hz > 0;
  const double rate = series ? input.sample_rate_hz : 1.0;
  const double stride_s = features.meta().value("stride_frames", 0u) / rate;
  const double window_s = features.meta().value("window_frames", 0u) / rate;
  std::vector<Window> windows;
  for (size_t r = 0; r < index.size(); ++r) {
    const double start = index[r].window * stride_s;
    windows.push_back({r, start, start + window_s, scores[r]});
  }
  std::vector<size_t> ranked(windows.size());
  std::iota(ranked.begin(), ranked.end(), 0);
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) { return windows[a].score > windows[b].score; });

  std::map<int64_t, SampleInfo> samples;
  {
    SampleFilter filter;
    for (const FeatureRow& row : index) filter.ids.push_back(row.sample_id);
    std::sort(filter.ids.begin(), filter.ids.end());
    filter.ids.erase(std::unique(filter.ids.begin(), filter.ids.end()), filter.ids.end());
    filter.with_excluded = true;
    MOTE_ASSIGN_OR_RETURN(std::vector<SampleInfo> infos, store.List(filter));
    for (SampleInfo& s : infos) samples.emplace(s.id, std::move(s));
  }
  auto source = [&samples](int64_t id) {
    auto it = samples.find(id);
    return it == samples.end() ? std::string("?") : it->second.source;
  };

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  std::string csv = "row,sample_id,source,label,split,window,start_s,end_s,score\n";
  for (const Window& w : windows) {
    const FeatureRow& row = index[w.row];
    csv += fmt::format("{},{},\"{}\",\"{}\",{},{},{:.4f},{:.4f},{:.6g}\n", w.row, row.sample_id, source(row.sample_id),
                       row.label, SplitName(row.split), row.window, w.start_s, w.end_s, w.score);
  }
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "scores.csv", csv));

  std::string h = fmt::format(
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>anomaly scores</title>\n"
      "<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}"
      "td,th{{border:1px solid #ccc;padding:2px 8px;text-align:right}}</style>\n</head><body>\n"
      "<h1>Which windows score highest ({})</h1>\n<p>{} windows of {} recordings scored, every split; higher is "
      "more anomalous. Without labels this ranks windows for a person to look at: it is not an accuracy "
      "claim. Every score is in <a href=\"scores.csv\">scores.csv</a>.</p>\n",
      XmlEscape(method), windows.size(), samples.size());
  h += "<table id=\"top-windows\">\n<tr><th>rank</th><th>score</th><th>recording</th><th>label</th><th>split</th>"
       "<th>window</th><th>from s</th><th>to s</th></tr>\n";
  const size_t ranked_count = std::min<size_t>(kRankedWindows, ranked.size());
  for (size_t k = 0; k < ranked_count; ++k) {
    const Window& w = windows[ranked[k]];
    const FeatureRow& row = index[w.row];
    h += fmt::format("<tr><td>{}</td><td>{:.4g}</td>", k + 1, w.score) + Td(source(row.sample_id)) + Td(row.label) +
         fmt::format("<td>{}</td><td>{}</td><td>{:.2f}</td><td>{:.2f}</td></tr>\n", SplitName(row.split), row.window,
                     w.start_s, w.end_s);
  }
  h += "</table>\n";
  const auto [roc_svg, roc_text] = RocFigure(index, scores, normal_label);
  if (!roc_svg.empty()) {
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "roc.svg", roc_svg));
    h += roc_text;
  }
  if (!series) return WriteFileAtomically(dir / "index.html", h + "</body></html>\n");

  // The recordings that hold the top windows, most anomalous first.
  std::map<int64_t, std::vector<float>> signals;
  auto signal = [&](int64_t id) -> Result<const std::vector<float>*> {
    auto it = signals.find(id);
    if (it != signals.end()) return &it->second;
    MOTE_ASSIGN_OR_RETURN(SampleData data, store.Load(samples.at(id).hash));
    return &signals.emplace(id, FirstAxis(data)).first->second;
  };
  std::vector<int64_t> plotted;
  for (size_t k = 0; k < ranked_count && plotted.size() < static_cast<size_t>(kPlottedRecordings); ++k) {
    const int64_t id = index[windows[ranked[k]].row].sample_id;
    if (samples.count(id) && std::find(plotted.begin(), plotted.end(), id) == plotted.end()) plotted.push_back(id);
  }
  const std::string axis = input.axis_names.empty() ? "value" : input.axis_names.front();
  for (int64_t id : plotted) {
    MOTE_ASSIGN_OR_RETURN(const std::vector<float>* values, signal(id));
    SignalPlotSpec plot;
    plot.title = fmt::format("{}: the top windows marked by rank", ShortName(source(id)));
    plot.x_label = "time (s)";
    plot.y_label = axis;
    plot.values = *values;
    plot.x_step = 1.0 / rate;
    LinePlotSpec over_time;
    over_time.title = fmt::format("{}: each window's anomaly score", ShortName(source(id)));
    over_time.x_label = "window start (s)";
    over_time.y_label = "score";
    over_time.x_step = static_cast<float>(stride_s);
    over_time.series.emplace_back();
    for (const Window& w : windows) {
      if (index[w.row].sample_id == id) over_time.series[0].push_back(static_cast<float>(w.score));
    }
    for (size_t k = 0; k < ranked_count; ++k) {
      const Window& w = windows[ranked[k]];
      if (index[w.row].sample_id == id) plot.spans.push_back({w.start_s, w.end_s, std::to_string(k + 1)});
    }
    const std::string signal_file = fmt::format("signal_{}.svg", id), scores_file = fmt::format("scores_{}.svg", id);
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / signal_file, SvgSignalPlot(plot)));
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / scores_file, SvgLinePlot(over_time)));
    h += "<h2>" + XmlEscape(source(id)) + "</h2>\n<img src=\"" + signal_file + "\" alt=\"signal\"><br>\n<img src=\"" +
         scores_file + "\" alt=\"scores over time\">\n";
  }

  h += "<h2>The top windows, close up</h2>\n";
  const size_t window_frames = features.meta().value("window_frames", 0u);
  const size_t stride_frames = features.meta().value("stride_frames", 0u);
  for (size_t k = 0; k < std::min<size_t>(kZoomedWindows, ranked.size()); ++k) {
    const Window& w = windows[ranked[k]];
    const FeatureRow& row = index[w.row];
    if (!samples.count(row.sample_id)) continue;
    MOTE_ASSIGN_OR_RETURN(const std::vector<float>* values, signal(row.sample_id));
    const size_t first = std::min(values->size(), size_t{row.window} * stride_frames);
    const size_t last = std::min(values->size(), first + window_frames);
    SignalPlotSpec plot;
    plot.title = fmt::format("#{}: {}, {:.2f} to {:.2f} s, score {:.4g}", k + 1, ShortName(source(row.sample_id)),
                             w.start_s, w.end_s, w.score);
    plot.x_label = fmt::format("time from {:.2f} s (s)", w.start_s);
    plot.y_label = axis;
    plot.values.assign(values->begin() + first, values->begin() + last);
    plot.x_step = 1.0 / rate;
    plot.width = 640;
    const std::string file = fmt::format("window_{}.svg", k + 1);
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / file, SvgSignalPlot(plot)));
    h += "<img src=\"" + file + "\" alt=\"window " + std::to_string(k + 1) + "\">\n";
  }
  return WriteFileAtomically(dir / "index.html", h + "</body></html>\n");
}

}  // namespace mote::train
