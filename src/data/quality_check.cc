#include "data/quality_check.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace mote {

namespace {

// Per-sample measurements the rules look at.
struct Measures {
  double clip_fraction = 0;  // share of values at the extremes
  bool silent = false;
  double level = 0;          // RMS (audio, series) or pixel standard deviation
  double duration_ms = 0;
};

// Values as double, per axis: channel c of frame i is v[i * axes + c].
std::vector<double> AsDouble(const SampleData& d) {
  std::vector<double> v(d.element_count());
  switch (d.dtype) {
    case DType::kF32: std::copy(d.f32().begin(), d.f32().end(), v.begin()); break;
    case DType::kI16: std::copy(d.i16().begin(), d.i16().end(), v.begin()); break;
    case DType::kU8: std::copy(d.u8().begin(), d.u8().end(), v.begin()); break;
  }
  return v;
}

Measures Measure(const SampleInfo& info, const SampleData& d) {
  Measures m;
  m.duration_ms = info.duration_ms();
  std::vector<double> v = AsDouble(d);
  size_t axes = info.is_image() ? 1 : (d.shape.size() > 1 ? d.shape[1] : 1);
  size_t frames = v.size() / axes;
  if (frames == 0) return m;
  size_t at_extremes = 0;
  double sum_sq = 0, max_std = 0;
  for (size_t c = 0; c < axes; ++c) {
    double lo = INFINITY, hi = -INFINITY, sum = 0, sq = 0;
    for (size_t i = 0; i < frames; ++i) {
      double x = v[i * axes + c];
      lo = std::min(lo, x), hi = std::max(hi, x);
      sum += x, sq += x * x;
    }
    double mean = sum / static_cast<double>(frames);
    double var = std::max(0.0, sq / static_cast<double>(frames) - mean * mean);
    max_std = std::max(max_std, std::sqrt(var));
    sum_sq += sq;
    if (info.is_image()) continue;
    size_t n_lo = 0, n_hi = 0;
    for (size_t i = 0; i < frames; ++i) {
      double x = v[i * axes + c];
      n_lo += x == lo;
      n_hi += x == hi;
    }
    // A clean signal touches its extremes a few times; a clipped one sits there.
    if (hi > lo) at_extremes += (n_lo >= 3 ? n_lo : 0) + (n_hi >= 3 ? n_hi : 0);
    if (d.dtype == DType::kI16 && hi <= lo) at_extremes += (std::abs(hi) >= 32767 ? frames : 0);
  }
  m.clip_fraction = static_cast<double>(at_extremes) / static_cast<double>(v.size());
  if (d.dtype == DType::kI16) {
    double rms = std::sqrt(sum_sq / static_cast<double>(v.size())) / 32768.0;
    m.level = rms;
    m.silent = false;  // decided against the threshold by the caller
  } else {
    m.level = max_std;
    m.silent = max_std < (info.is_image() ? 0.5 : 1e-9);
  }
  return m;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Robust z-scores: (x - median) / (1.4826 MAD). When more than half the
// values are equal the MAD is 0; the mean absolute deviation (times 1.2533)
// then stands in, as in Iglewicz and Hoaglin's modified z-score.
std::vector<double> RobustZ(const std::vector<double>& v) {
  double med = Median(v);
  std::vector<double> dev(v.size());
  double mean_dev = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    dev[i] = std::abs(v[i] - med);
    mean_dev += dev[i] / static_cast<double>(v.size());
  }
  double mad = Median(dev);
  double scale = mad > 0 ? 1.4826 * mad : 1.2533 * mean_dev;
  std::vector<double> z(v.size(), 0.0);
  if (scale > 0)
    for (size_t i = 0; i < v.size(); ++i) z[i] = (v[i] - med) / scale;
  return z;
}

}  // namespace

Result<std::vector<QualityIssue>> CheckQuality(DatasetStore& store, const SampleFilter& filter,
                                               const QualityCheckOptions& opt) {
  struct Row {
    SampleInfo info;
    Measures m;
    std::vector<std::string> reasons;
  };
  std::vector<Row> rows;
  MOTE_RETURN_IF_ERROR(store.ForEach(filter, [&](const SampleInfo& info, const SampleData& d) {
    rows.push_back({info, Measure(info, d), {}});
    return Status::Ok();
  }));
  const double silence_rms = std::pow(10.0, opt.silence_dbfs / 20.0);
  std::map<std::string, std::vector<size_t>> by_label;
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    by_label[r.info.label].push_back(i);
    if (r.m.clip_fraction > opt.clip_fraction)
      r.reasons.push_back(fmt::format("clipped ({:.1f}% of values at the extremes)", 100 * r.m.clip_fraction));
    bool silent = r.info.dtype == DType::kI16 ? r.m.level < silence_rms : r.m.silent;
    if (silent) r.reasons.push_back(r.info.dtype == DType::kI16 ? fmt::format("silent ({:.0f} dBFS)", 20 * std::log10(std::max(r.m.level, 1e-10))) : "silent (flat signal)");
    if (opt.min_duration_ms > 0 && !r.info.is_image() && r.m.duration_ms < opt.min_duration_ms)
      r.reasons.push_back(fmt::format("short ({:.0f} ms < {:.0f} ms)", r.m.duration_ms, opt.min_duration_ms));
  }
  for (const auto& [label, idx] : by_label) {
    if (static_cast<int>(idx.size()) < opt.min_label_count) continue;
    std::vector<double> level, duration;
    for (size_t i : idx) {
      level.push_back(std::log(rows[i].m.level + 1e-12));
      duration.push_back(rows[i].m.duration_ms);
    }
    std::vector<double> zl = RobustZ(level), zd = RobustZ(duration);
    for (size_t k = 0; k < idx.size(); ++k) {
      Row& r = rows[idx[k]];
      if (std::abs(zl[k]) > opt.outlier_z)
        r.reasons.push_back(fmt::format("outlier (level z = {:+.1f} within '{}')", zl[k], label));
      if (std::abs(zd[k]) > opt.outlier_z)
        r.reasons.push_back(fmt::format("outlier (duration z = {:+.1f} within '{}')", zd[k], label));
    }
  }
  std::vector<QualityIssue> issues;
  for (Row& r : rows)
    if (!r.reasons.empty()) issues.push_back({r.info.id, r.info.hash, r.info.label, r.info.source, std::move(r.reasons)});
  return issues;
}

}  // namespace mote
