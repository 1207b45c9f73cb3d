#include "train/training_baseline.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mote::train {

namespace {

using json = nlohmann::json;

// Counts of `values` in `bins` equal bins over [lo, hi] (lo == hi widens to
// lo +- 0.5 so a constant still has a bin); values outside go to below and
// above. A value on an inner edge belongs to the bin it opens; hi to the last.
json HistogramJson(std::span<const double> values, double lo, double hi, int bins) {
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  std::vector<double> edges(bins + 1);
  for (int i = 0; i <= bins; ++i) edges[i] = lo + (hi - lo) * i / bins;
  edges[bins] = hi;  // exact, whatever the rounding above
  std::vector<int64_t> counts(bins, 0);
  int64_t below = 0, above = 0;
  for (double v : values) {
    if (v < lo) {
      ++below;
    } else if (v > hi) {
      ++above;
    } else {
      // upper_bound finds the first edge above v; the bin is the one before.
      const auto it = std::upper_bound(edges.begin(), edges.end(), v);
      ++counts[std::min<ptrdiff_t>(bins - 1, it - edges.begin() - 1)];
    }
  }
  return {{"edges", edges}, {"counts", counts}, {"below", below}, {"above", above},
          {"count", static_cast<int64_t>(values.size())}};
}

struct ColumnSummary {
  double mean = 0, std = 0, min = 0, max = 0;
  std::vector<double> quantiles;  // at kBaselineQuantiles
  json histogram;
};

// Summarizes `values` (at least one; reordered). Quantile p interpolates
// linearly between the order statistics around position p * (n - 1); each
// is found by nth_element on what lies right of the previous one, so no
// full sort is needed.
ColumnSummary Summarize(std::vector<double>& values) {
  ColumnSummary s;
  const size_t n = values.size();
  double sum = 0;
  s.min = s.max = values.front();
  for (double v : values) {
    sum += v;
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
  }
  s.mean = sum / static_cast<double>(n);
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.std = std::sqrt(squares / static_cast<double>(n));
  auto from = values.begin();
  for (double p : kBaselineQuantiles) {  // increasing
    const double pos = p * static_cast<double>(n - 1);
    const size_t i = static_cast<size_t>(std::floor(pos));
    std::nth_element(from, values.begin() + i, values.end());
    from = values.begin() + i;
    double q = values[i];
    const double fraction = pos - static_cast<double>(i);
    if (i + 1 < n && fraction > 0) q += fraction * (*std::min_element(from + 1, values.end()) - q);
    s.quantiles.push_back(q);
  }
  s.histogram = HistogramJson(values, s.quantiles.front(), s.quantiles.back(), kFeatureHistogramBins);
  return s;
}

// The values of features [first, last) averaged per frame of every row.
std::vector<double> BandValues(const BaselineInput& in, uint32_t first, uint32_t last) {
  std::vector<double> out;
  const size_t frames_total = in.train_rows.size() / in.features;
  out.reserve(frames_total);
  for (size_t t = 0; t < frames_total; ++t) {
    const float* row = in.train_rows.data() + t * in.features;
    double sum = 0;
    for (uint32_t f = first; f < last; ++f) sum += row[f];
    out.push_back(sum / (last - first));
  }
  return out;
}

json FeaturesJson(const BaselineInput& in) {
  const int64_t values = in.features ? static_cast<int64_t>(in.train_rows.size() / in.features) : 0;
  json per = {{"mean", json::array()}, {"std", json::array()}, {"min", json::array()},
              {"max", json::array()}, {"quantiles", json::array()}};
  std::vector<json> feature_histograms;
  if (values > 0) {
    for (uint32_t f = 0; f < in.features; ++f) {
      std::vector<double> column = BandValues(in, f, f + 1);
      const ColumnSummary s = Summarize(column);
      per["mean"].push_back(s.mean);
      per["std"].push_back(s.std);
      per["min"].push_back(s.min);
      per["max"].push_back(s.max);
      per["quantiles"].push_back(s.quantiles);
      feature_histograms.push_back(s.histogram);
    }
  }
  // Channels: each feature, or kMaxHistogramChannels contiguous bands.
  const bool banded = in.features > static_cast<uint32_t>(kMaxHistogramChannels);
  const uint32_t channels = banded ? kMaxHistogramChannels : in.features;
  json list = json::array();
  for (uint32_t c = 0; values > 0 && c < channels; ++c) {
    const uint32_t first = banded ? c * in.features / channels : c;
    const uint32_t last = banded ? (c + 1) * in.features / channels : c + 1;
    json h;
    if (banded) {
      std::vector<double> band = BandValues(in, first, last);
      h = Summarize(band).histogram;
      h["name"] = last - first == 1 ? in.feature_names[first]
                                    : fmt::format("{}..{}", in.feature_names[first], in.feature_names[last - 1]);
    } else {
      h = feature_histograms[c];
      h["name"] = in.feature_names[c];
    }
    h["features"] = {first, last};
    list.push_back(std::move(h));
  }
  json quantiles = json::array();
  for (double p : kBaselineQuantiles) quantiles.push_back(p);
  return {{"values", "dsp output before normalization, train split"},
          {"frames", in.frames},
          {"features", in.features},
          {"names", in.feature_names},
          {"examples", in.frames ? values / in.frames : 0},
          {"values_per_feature", values},
          {"quantile_probabilities", quantiles},
          {"per_feature", per},
          {"histograms", {{"channel", banded ? "band_mean" : "feature"},
                          {"bins", kFeatureHistogramBins},
                          {"channels", list}}}};
}

json ClassesJson(const BaselineInput& in) {
  int64_t train_total = 0;
  for (int64_t c : in.class_mix.train) train_total += c;
  json fractions = json::array();
  for (int64_t c : in.class_mix.train) {
    fractions.push_back(train_total ? static_cast<double>(c) / static_cast<double>(train_total) : 0.0);
  }
  return {{"names", in.classes},
          {"train", in.class_mix.train},
          {"validation", in.class_mix.validation},
          {"test", in.class_mix.test},
          {"train_fraction", fractions}};
}

json HeldOutJson(const BaselineInput& in) {
  double sum = 0;
  for (double v : in.held_out) sum += v;
  const double mean = in.held_out.empty() ? 0.0 : sum / static_cast<double>(in.held_out.size());
  json h;
  if (in.measure == HeldOutMeasure::kConfidence) {
    h = HistogramJson(in.held_out, 0.0, 1.0, kConfidenceBins);
  } else {
    // Errors and scores are unbounded: the histogram spans the split's own
    // 1st to 99th percentile, like the features'.
    std::vector<double> values = in.held_out;
    h = values.empty() ? HistogramJson(values, 0.0, 0.0, kFeatureHistogramBins) : Summarize(values).histogram;
  }
  h["split"] = in.held_out_split;
  h["mean"] = mean;
  return h;
}

}  // namespace

ClassMix CountClasses(const FeatureExamples& ex) {
  auto count = [&ex](const Examples& e) {
    std::vector<int64_t> n(ex.classes.size(), 0);
    for (int32_t label : e.labels) ++n[label];
    return n;
  };
  return {count(ex.train), count(ex.validation), count(ex.test)};
}

json TrainingBaselineJson(const BaselineInput& in) {
  json j = {{"format", "mote-training-baseline"},
            {"version", kTrainingBaselineVersion},
            {"features", FeaturesJson(in)},
            {"classes", ClassesJson(in)}};
  j[HeldOutKey(in.measure)] = HeldOutJson(in);
  return j;
}

HeldOutSplit ChooseHeldOutSplit(const FeatureExamples& ex) {
  if (ex.validation.count() > 0) return {&ex.validation, "validation"};
  return {&ex.test, "test"};
}

Result<json> ComputeTrainingBaseline(const FeatureSet& features, const FeatureExamples& ex, const ClassMix& class_mix,
                                     HeldOutMeasure measure, std::vector<double> held_out) {
  BaselineInput in;
  in.frames = features.shape().frames;
  in.features = features.shape().features;
  in.feature_names = features.feature_names();
  std::vector<float> raw = ex.train.features;
  const FeatureNormalization& norm = features.normalization();
  if (norm.features() != in.features) {
    return Status::Internal(fmt::format("{}: normalization has {} features, the rows {}", features.dir().string(),
                                        norm.features(), in.features));
  }
  for (size_t i = 0; i < raw.size(); ++i) {
    const size_t f = i % in.features;
    raw[i] = raw[i] / norm.scale[f] + norm.offset[f];
  }
  in.train_rows = raw;
  in.classes = ex.classes;
  in.class_mix = class_mix;
  in.measure = measure;
  in.held_out_split = ChooseHeldOutSplit(ex).name;
  in.held_out = std::move(held_out);
  return TrainingBaselineJson(in);
}

Result<std::vector<double>> EvaluateHeldOut(const FeatureExamples& ex, bool classifier, Trainer& trainer) {
  MOTE_ASSIGN_OR_RETURN(Evaluation e, trainer.Evaluate(*ChooseHeldOutSplit(ex).examples));
  if (classifier) return std::vector<double>(e.confidences.begin(), e.confidences.end());
  return std::move(e.reconstruction_errors);
}

}  // namespace mote::train
