#include "features/feature_pictures.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <map>
#include <set>

#include "core/file_util.h"
#include "report/png.h"
#include "report/svg_plot.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

// A label as a file name: letters, digits, '.', '-' and '_' kept.
std::string FileSafe(const std::string& label) {
  std::string s;
  for (char c : label) s += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  return s.empty() ? "_" : s;
}

// (x - mean) / std per feature over the dataset.
std::vector<float> ZScores(const std::vector<float>& values, const FeatureSummary& summary) {
  const size_t features = summary.mean.size();
  std::vector<float> z(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const size_t f = i % features;
    const double s = summary.std[f];
    z[i] = s > 0 ? static_cast<float>((values[i] - summary.mean[f]) / s) : 0.0f;
  }
  return z;
}

// The image block's output as a PNG (gray or RGB), its values mapped from the
// dataset's [min, max] onto [0, 255], so that every picture shares one scale.
std::string ImagePng(const FeatureSet& set, const std::vector<float>& window) {
  const dsp::FeatureShape shape = set.shape();
  const uint32_t width = set.dsp().value("output_width", 1u);
  const uint32_t channels = shape.features / width;
  const FeatureSummary& s = set.summary();
  const double lo = *std::min_element(s.min.begin(), s.min.end());
  const double hi = *std::max_element(s.max.begin(), s.max.end());
  const double gain = hi > lo ? 255.0 / (hi - lo) : 0.0;
  std::vector<uint8_t> pixels(window.size());
  for (size_t i = 0; i < window.size(); ++i)
    pixels[i] = static_cast<uint8_t>(std::clamp(std::lround((window[i] - lo) * gain), 0L, 255L));
  return EncodePng(width, shape.frames, channels, pixels.data());
}

std::string Picture(const FeatureSet& set, const std::vector<float>& window, const std::string& title) {
  const dsp::FeatureShape shape = set.shape();
  const std::string block = set.dsp().value("block", "");
  const InputSpec& input = set.input();
  const std::vector<std::string>& names = set.feature_names();
  if (block == "spectral") {
    return SvgBarChart({title + ", z-scores over the dataset", "z-score", names,
                        ZScores(window, set.summary())});
  }
  if (block == "raw" && input.kind != InputKind::kImage) {
    LinePlotSpec plot{title, "time (ms)", "value", names, {}, 1000.0f / static_cast<float>(input.sample_rate_hz)};
    plot.series.assign(shape.features, std::vector<float>(shape.frames));
    for (uint32_t t = 0; t < shape.frames; ++t)
      for (uint32_t f = 0; f < shape.features; ++f) plot.series[f][t] = window[size_t{t} * shape.features + f];
    return SvgLinePlot(plot);
  }
  if (block == "raw") {  // an image: rows as they are
    return SvgHeatmap({title, "x", "y", shape.frames, shape.features, window, {}, ColorMap::kGray});
  }
  // Time across, feature up: grid row r is feature features - 1 - r.
  const bool mfcc = block == "mfcc";
  const std::vector<float> values = mfcc ? ZScores(window, set.summary()) : window;
  HeatmapSpec map{title, "frame (" + std::to_string(shape.frames) + " in the window)", mfcc ? "coefficient (z-score)" : "feature",
                  shape.features, shape.frames, std::vector<float>(shape.size()), {}, ColorMap::kHeat};
  for (uint32_t f = 0; f < shape.features; ++f) {
    const uint32_t r = shape.features - 1 - f;
    for (uint32_t t = 0; t < shape.frames; ++t) map.cells[size_t{r} * shape.frames + t] = values[size_t{t} * shape.features + f];
    map.row_labels.push_back(names[shape.features - 1 - f]);
  }
  if (mfcc) {
    map.lo = -3;
    map.hi = 3;
  } else {  // one colour scale for every picture of the dataset
    const FeatureSummary& s = set.summary();
    map.lo = static_cast<float>(*std::min_element(s.min.begin(), s.min.end()));
    map.hi = static_cast<float>(*std::max_element(s.max.begin(), s.max.end()));
  }
  return SvgHeatmap(map);
}

std::string IndexHtml(const FeatureSet& set, const std::vector<FeaturePicture>& pictures) {
  const dsp::FeatureShape shape = set.shape();
  std::string h = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>features</title>\n"
                  "<style>body{font-family:sans-serif;margin:2em}img{margin:4px;border:1px solid #ddd}</style>\n"
                  "</head><body>\n<h1>Features</h1>\n<p>block <b>" +
                  XmlEscape(set.dsp().value("block", "")) + "</b>, " + std::to_string(shape.frames) + " × " +
                  std::to_string(shape.features) + " per window, " + std::to_string(set.rows()) +
                  " windows. Parameters: <code>" + XmlEscape(set.dsp().dump()) + "</code></p>\n";
  std::string current;
  for (const FeaturePicture& p : pictures) {
    if (p.label != current) {
      h += "<h2>" + XmlEscape(p.label) + "</h2>\n";
      current = p.label;
    }
    // PNGs are drawn larger, pixels kept square-edged.
    const std::string size = p.file.ends_with(".png") ? " width=\"192\" style=\"image-rendering:pixelated\"" : "";
    h += "<img src=\"" + XmlEscape(p.file) + "\"" + size + " alt=\"" +
         XmlEscape(p.label + " sample " + std::to_string(p.sample_id)) +
         "\">\n";
  }
  return h + "</body></html>\n";
}

}  // namespace

Result<std::vector<FeaturePicture>> WriteFeaturePictures(FeatureSet& set, const fs::path& dir, int per_label) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".svg" || e.path().extension() == ".png") fs::remove(e.path(), ec);

  // The first window (window 0) of the first samples of each label.
  std::map<std::string, int> taken;
  std::vector<std::pair<uint32_t, const FeatureRow*>> chosen;
  for (uint32_t i = 0; i < set.index().size(); ++i) {
    const FeatureRow& row = set.index()[i];
    if (row.window != 0 || taken[row.label] >= per_label) continue;
    ++taken[row.label];
    chosen.push_back({i, &row});
  }
  std::stable_sort(chosen.begin(), chosen.end(),
                   [](const auto& a, const auto& b) { return a.second->label < b.second->label; });
  const bool image = set.dsp().value("block", "") == "image";
  std::vector<FeaturePicture> pictures;
  for (const auto& [i, row] : chosen) {
    MOTE_ASSIGN_OR_RETURN(std::vector<float> window, set.ReadRows(i, 1, /*normalized=*/false));
    FeaturePicture p{row->label, row->sample_id,
                     FileSafe(row->label) + "-" + std::to_string(row->sample_id) + (image ? ".png" : ".svg")};
    std::string title = row->label + ", sample " + std::to_string(row->sample_id) + " (" + std::string(SplitName(row->split)) +
                        (row->padded ? ", padded" : "") + ")";
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / p.file, image ? ImagePng(set, window) : Picture(set, window, title)));
    pictures.push_back(std::move(p));
  }
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "index.html", IndexHtml(set, pictures)));
  return pictures;
}

}  // namespace mote
