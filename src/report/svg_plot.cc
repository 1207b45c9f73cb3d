#include "report/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <cstring>
#include <sstream>

#include <sodium.h>

#include "report/png.h"

namespace mote {

namespace {

constexpr int kWidth = 640;
constexpr int kLeft = 110, kRight = 20, kTop = 36;

struct Rgb {
  double r, g, b;
};

// Colour stops of kHeat: dark to light, so that it also reads in grey.
constexpr Rgb kHeatStops[] = {{20, 20, 60}, {110, 40, 130}, {220, 90, 60}, {250, 180, 50}, {252, 250, 200}};
constexpr double kHeatPositions[] = {0.0, 0.35, 0.65, 0.85, 1.0};
constexpr const char* kSeriesColors[] = {"#1f5fa8", "#d2582a", "#2f9a4a", "#8a3fa0", "#b8860b", "#444444"};
// Series of at most this many points get a marker on each.
constexpr size_t kMarkedPoints = 40;

// A value for people (tick labels): 3 significant digits.
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// A coordinate in pixels: a tenth of a pixel is plenty.
std::string Px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(c.r)),
                static_cast<int>(std::lround(c.g)), static_cast<int>(std::lround(c.b)));
  return buf;
}

// The colour of t in [0, 1] (clamped; NaN reads as 0).
Rgb ColorOf(double t, ColorMap map) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  if (map == ColorMap::kGray) return {255 * t, 255 * t, 255 * t};
  size_t i = 1;
  while (i + 1 < std::size(kHeatPositions) && t > kHeatPositions[i]) ++i;
  const double u = (t - kHeatPositions[i - 1]) / (kHeatPositions[i] - kHeatPositions[i - 1]);
  const Rgb a = kHeatStops[i - 1], b = kHeatStops[i];
  return {a.r + u * (b.r - a.r), a.g + u * (b.g - a.g), a.b + u * (b.b - a.b)};
}

// The cells as an RGB PNG, one pixel per cell, base64-encoded for a data URI.
std::string CellsAsPngBase64(const HeatmapSpec& spec, float lo, double span) {
  std::vector<uint8_t> rgb(size_t{spec.rows} * spec.cols * 3);
  for (size_t i = 0; i < size_t{spec.rows} * spec.cols; ++i) {
    const Rgb c = ColorOf((spec.cells[i] - lo) / span, spec.colors);
    rgb[3 * i] = static_cast<uint8_t>(std::lround(c.r));
    rgb[3 * i + 1] = static_cast<uint8_t>(std::lround(c.g));
    rgb[3 * i + 2] = static_cast<uint8_t>(std::lround(c.b));
  }
  const std::string png = EncodePng(spec.cols, spec.rows, 3, rgb.data());
  std::string b64(png.size() / 3 * 4 + 8, '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(png.data()), png.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return b64;
}

// Smallest and largest finite values (0, 1 if there are none).
std::pair<float, float> RangeOf(const std::vector<float>& values) {
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  for (float v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (lo > hi) return {0.0f, 1.0f};
  return {lo, hi};
}

class Svg {
 public:
  Svg(int width, int height) {
    s_ << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
       << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
       << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  }
  Svg& Text(double x, double y, const std::string& text, const char* anchor = "start", double rotate = 0,
            int size = 11) {
    s_ << "<text x=\"" << Px(x) << "\" y=\"" << Px(y) << "\" text-anchor=\"" << anchor << "\" font-size=\"" << size
       << "\"";
    if (rotate != 0) s_ << " transform=\"rotate(" << Px(rotate) << " " << Px(x) << " " << Px(y) << ")\"";
    s_ << ">" << XmlEscape(text) << "</text>\n";
    return *this;
  }
  Svg& Line(double x1, double y1, double x2, double y2, const char* color = "#888") {
    s_ << "<line x1=\"" << Px(x1) << "\" y1=\"" << Px(y1) << "\" x2=\"" << Px(x2) << "\" y2=\"" << Px(y2)
       << "\" stroke=\"" << color << "\"/>\n";
    return *this;
  }
  Svg& Rect(double x, double y, double w, double h, const std::string& fill) {
    s_ << "<rect x=\"" << Px(x) << "\" y=\"" << Px(y) << "\" width=\"" << Px(w) << "\" height=\"" << Px(h)
       << "\" fill=\"" << fill << "\"/>\n";
    return *this;
  }
  std::ostringstream& raw() { return s_; }
  std::string Finish() {
    s_ << "</svg>\n";
    return s_.str();
  }

 private:
  std::ostringstream s_;
};

}  // namespace

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SvgHeatmap(const HeatmapSpec& spec) {
  const int plot_w = kWidth - kLeft - kRight - 60;  // room for the colour bar
  const int plot_h = std::clamp<int>(static_cast<int>(spec.rows) * 6, 160, 360);
  const int height = kTop + plot_h + 44;
  Svg svg(kWidth, height);
  svg.Text(kLeft, 20, spec.title, "start", 0, 13);
  auto [lo, hi] = spec.lo < spec.hi ? std::pair<float, float>{spec.lo, spec.hi} : RangeOf(spec.cells);
  const double span = hi > lo ? static_cast<double>(hi) - lo : 1.0;
  const double ch = static_cast<double>(plot_h) / std::max<uint32_t>(spec.rows, 1);
  // One pixel per cell, stretched: a spectrogram of 49 x 257 cells is a few
  // kilobytes this way instead of a megabyte of rectangles.
  if (spec.rows > 0 && spec.cols > 0)
    svg.raw() << "<image x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << plot_w << "\" height=\"" << plot_h
              << "\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,"
              << CellsAsPngBase64(spec, lo, span) << "\"/>\n";
  // Row labels: about 8, evenly spread.
  const size_t label_step = std::max<size_t>(1, spec.row_labels.size() / 8);
  for (size_t r = 0; r < spec.row_labels.size() && r < spec.rows; r += label_step)
    if (!spec.row_labels[r].empty()) svg.Text(kLeft - 4, kTop + (r + 0.5) * ch + 4, spec.row_labels[r], "end");
  svg.Text(kLeft + plot_w / 2.0, kTop + plot_h + 18, spec.x_label, "middle");
  svg.Text(14, kTop + plot_h / 2.0, spec.y_label, "middle", -90);
  // Colour bar with its range.
  const int bar_x = kLeft + plot_w + 16;
  svg.raw() << "<g shape-rendering=\"crispEdges\">\n";
  for (int i = 0; i < 64; ++i)
    svg.Rect(bar_x, kTop + plot_h - (i + 1) * plot_h / 64.0, 12, plot_h / 64.0 + 0.3, Hex(ColorOf(i / 63.0, spec.colors)));
  svg.raw() << "</g>\n";
  svg.Text(bar_x + 16, kTop + 8, Num(hi)).Text(bar_x + 16, kTop + plot_h, Num(lo));
  return svg.Finish();
}

std::string SvgBarChart(const BarChartSpec& spec) {
  const int plot_w = kWidth - kLeft - kRight, plot_h = 220;
  const bool names = spec.names.size() <= 64;
  const int height = kTop + plot_h + (names ? 150 : 30);
  Svg svg(kWidth, height);
  svg.Text(kLeft, 20, spec.title, "start", 0, 13);
  auto [lo, hi] = RangeOf(spec.values);
  lo = std::min(lo, 0.0f);
  hi = std::max(hi, 0.0f);
  if (hi == lo) hi = lo + 1;
  auto y_of = [&](double v) { return kTop + plot_h * (hi - v) / (static_cast<double>(hi) - lo); };
  const double bw = static_cast<double>(plot_w) / std::max<size_t>(spec.values.size(), 1);
  for (size_t i = 0; i < spec.values.size(); ++i) {
    const double v = std::isfinite(spec.values[i]) ? spec.values[i] : 0.0;
    const double y0 = y_of(0), y1 = y_of(v);
    svg.Rect(kLeft + i * bw + bw * 0.1, std::min(y0, y1), bw * 0.8, std::fabs(y1 - y0), v >= 0 ? "#1f5fa8" : "#d2582a");
    if (names && i < spec.names.size())
      svg.Text(kLeft + (i + 0.5) * bw + 3, kTop + plot_h + 8, spec.names[i], "end", -60, 9);
  }
  svg.Line(kLeft, y_of(0), kLeft + plot_w, y_of(0), "#444");
  svg.Text(kLeft - 4, y_of(hi) + 4, Num(hi), "end").Text(kLeft - 4, y_of(lo) + 4, Num(lo), "end");
  svg.Text(14, kTop + plot_h / 2.0, spec.y_label, "middle", -90);
  return svg.Finish();
}

std::string SvgLinePlot(const LinePlotSpec& spec) {
  const int plot_w = kWidth - kLeft - kRight, plot_h = 240;
  const int height = kTop + plot_h + 44;
  Svg svg(kWidth, height);
  svg.Text(kLeft, 20, spec.title, "start", 0, 13);
  std::vector<float> all;
  size_t points = 1;
  for (const auto& s : spec.series) {
    all.insert(all.end(), s.begin(), s.end());
    points = std::max(points, s.size());
  }
  auto [lo, hi] = RangeOf(all);
  if (hi == lo) hi = lo + 1;
  auto x_of = [&](size_t i) { return kLeft + plot_w * static_cast<double>(i) / std::max<size_t>(points - 1, 1); };
  auto y_of = [&](double v) { return kTop + plot_h * (hi - v) / (static_cast<double>(hi) - lo); };
  svg.Line(kLeft, kTop + plot_h, kLeft + plot_w, kTop + plot_h).Line(kLeft, kTop, kLeft, kTop + plot_h);
  for (size_t k = 0; k < spec.series.size(); ++k) {
    const char* color = kSeriesColors[k % std::size(kSeriesColors)];
    svg.raw() << "<polyline fill=\"none\" stroke=\"" << color << "\" stroke-width=\"1.2\" points=\"";
    for (size_t i = 0; i < spec.series[k].size(); ++i)
      if (std::isfinite(spec.series[k][i])) svg.raw() << Px(x_of(i)) << "," << Px(y_of(spec.series[k][i])) << " ";
    svg.raw() << "\"/>\n";
    // Few points (epochs): mark each, so that a single one shows too.
    for (size_t i = 0; points <= kMarkedPoints && i < spec.series[k].size(); ++i) {
      if (!std::isfinite(spec.series[k][i])) continue;
      svg.raw() << "<circle cx=\"" << Px(x_of(i)) << "\" cy=\"" << Px(y_of(spec.series[k][i])) << "\" r=\"2.5\" fill=\""
                << color << "\"/>\n";
    }
    if (k < spec.series_names.size()) {
      svg.Rect(kLeft + plot_w - 120, kTop + 4 + 14 * k, 10, 3, color);
      svg.Text(kLeft + plot_w - 105, kTop + 9 + 14 * k, spec.series_names[k]);
    }
  }
  svg.Text(kLeft - 4, kTop + 4, Num(hi), "end").Text(kLeft - 4, kTop + plot_h + 4, Num(lo), "end");
  svg.Text(kLeft, kTop + plot_h + 16, Num(spec.x_start), "middle")
      .Text(kLeft + plot_w, kTop + plot_h + 16, Num(spec.x_start + spec.x_step * (points - 1)), "middle");
  svg.Text(kLeft + plot_w / 2.0, kTop + plot_h + 32, spec.x_label, "middle");
  svg.Text(14, kTop + plot_h / 2.0, spec.y_label, "middle", -90);
  return svg.Finish();
}

std::string SvgSignalPlot(const SignalPlotSpec& spec) {
  const int plot_w = spec.width - kLeft - kRight, plot_h = 220;
  Svg svg(spec.width, kTop + plot_h + 44);
  svg.Text(kLeft, 20, spec.title, "start", 0, 13);
  auto [lo, hi] = RangeOf(spec.values);
  if (hi == lo) hi = lo + 1;
  const size_t n = spec.values.size();
  const double x_end = spec.x_step * static_cast<double>(std::max<size_t>(n, 2) - 1);
  auto x_of = [&](double x) { return kLeft + plot_w * x / x_end; };
  auto y_of = [&](double v) { return kTop + plot_h * (hi - v) / (static_cast<double>(hi) - lo); };
  for (const MarkedSpan& s : spec.spans) {
    const double x0 = x_of(std::max(0.0, s.start)), x1 = x_of(std::min(x_end, s.end));
    svg.raw() << "<rect x=\"" << Px(x0) << "\" y=\"" << kTop << "\" width=\"" << Px(std::max(1.0, x1 - x0))
              << "\" height=\"" << plot_h << "\" fill=\"#f5a623\" fill-opacity=\"0.35\"/>\n";
    svg.Text((x0 + x1) / 2, kTop - 4, s.label, "middle", 0, 10);
  }
  svg.Line(kLeft, kTop + plot_h, kLeft + plot_w, kTop + plot_h).Line(kLeft, kTop, kLeft, kTop + plot_h);
  svg.raw() << "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"0.8\" points=\"";
  if (n <= static_cast<size_t>(plot_w)) {
    for (size_t i = 0; i < n; ++i) svg.raw() << Px(x_of(spec.x_step * i)) << "," << Px(y_of(spec.values[i])) << " ";
  } else {
    // Per pixel column, a stroke from its minimum to its maximum.
    for (int c = 0; c < plot_w; ++c) {
      const size_t first = n * c / plot_w, last = std::max(first + 1, n * (c + 1) / plot_w);
      float cmin = spec.values[first], cmax = cmin;
      for (size_t i = first; i < last; ++i) cmin = std::min(cmin, spec.values[i]), cmax = std::max(cmax, spec.values[i]);
      svg.raw() << Px(kLeft + c + 0.5) << "," << Px(y_of(c % 2 ? cmax : cmin)) << " " << Px(kLeft + c + 0.5) << ","
                << Px(y_of(c % 2 ? cmin : cmax)) << " ";
    }
  }
  svg.raw() << "\"/>\n";
  svg.Text(kLeft - 4, kTop + 4, Num(hi), "end").Text(kLeft - 4, kTop + plot_h + 4, Num(lo), "end");
  svg.Text(kLeft, kTop + plot_h + 16, "0", "middle").Text(kLeft + plot_w, kTop + plot_h + 16, Num(x_end), "middle");
  svg.Text(kLeft + plot_w / 2.0, kTop + plot_h + 32, spec.x_label, "middle");
  svg.Text(14, kTop + plot_h / 2.0, spec.y_label, "middle", -90);
  return svg.Finish();
}

}  // namespace mote
