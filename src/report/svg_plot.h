// Small self-contained SVG plots for the pages mote writes into reports/:
// a heatmap (spectrograms, MFCC, images; the cells are an embedded PNG, one
// pixel per cell, written with stb_image_write), a bar chart (a feature
// vector), a line plot (a few series over time) and a long signal with
// marked spans. Each returns a complete
// SVG document as text; nothing is read or written here. Axis labels and
// titles are escaped, so any label text is safe. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mote {

enum class ColorMap {
  kHeat,  // dark blue -> purple -> orange -> pale yellow, for dB and coefficients
  kGray,  // black -> white, for images
};

struct HeatmapSpec {
  std::string title;
  std::string x_label, y_label;
  uint32_t rows = 0, cols = 0;
  std::vector<float> cells;  // rows * cols, row 0 drawn at the top
  // Labels of some rows (empty strings are skipped); at most about 8 are drawn.
  std::vector<std::string> row_labels;
  ColorMap colors = ColorMap::kHeat;
  // Value range mapped onto the colour map; lo == hi: the cells' own range.
  float lo = 0, hi = 0;
};

struct BarChartSpec {
  std::string title;
  std::string y_label;
  std::vector<std::string> names;  // one per bar
  std::vector<float> values;
};

struct LinePlotSpec {
  std::string title;
  std::string x_label, y_label;
  std::vector<std::string> series_names;
  std::vector<std::vector<float>> series;  // each over x = 0, 1, ...
  float x_step = 1;                        // x units per point (e.g. ms per frame)
  float x_start = 0;                       // x of the first point (1 for epochs)
};

// A stretch of a signal to highlight (anomalous windows), in x units.
struct MarkedSpan {
  double start = 0, end = 0;
  std::string label;  // drawn above the span ("1", "2", ...)
};

// A long signal (an ECG of minutes): with more values than pixel columns
// it is drawn as its min/max envelope per column, so the SVG stays small
// and every spike still shows.
struct SignalPlotSpec {
  std::string title;
  std::string x_label, y_label;
  std::vector<float> values;
  double x_step = 1;  // x units per value (seconds per sample)
  std::vector<MarkedSpan> spans;
  int width = 960;  // pixels
};

std::string SvgHeatmap(const HeatmapSpec& spec);
std::string SvgSignalPlot(const SignalPlotSpec& spec);
std::string SvgBarChart(const BarChartSpec& spec);
std::string SvgLinePlot(const LinePlotSpec& spec);

// `text` with &, <, >, " and ' escaped for XML and HTML.
std::string XmlEscape(const std::string& text);

}  // namespace mote
