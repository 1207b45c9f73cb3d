#include "features/feature_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mote {

FeatureStatistics::FeatureStatistics(uint32_t features)
    : mean_(features, 0.0), m2_(features, 0.0), min_(features, std::numeric_limits<float>::infinity()),
      max_(features, -std::numeric_limits<float>::infinity()) {}

void FeatureStatistics::Add(const float* rows, uint32_t frames) {
  const size_t n = mean_.size();
  for (uint32_t t = 0; t < frames; ++t) {
    const float* row = rows + t * n;
    ++count_;
    const double inv = 1.0 / static_cast<double>(count_);
    for (size_t f = 0; f < n; ++f) {
      const double x = row[f];
      const double delta = x - mean_[f];
      mean_[f] += delta * inv;
      m2_[f] += delta * (x - mean_[f]);
      min_[f] = std::min(min_[f], row[f]);
      max_[f] = std::max(max_[f], row[f]);
    }
  }
}

double FeatureStatistics::stddev(uint32_t f) const {
  if (count_ < 2) return 0.0;
  return std::sqrt(std::max(0.0, m2_[f] / static_cast<double>(count_)));
}

nlohmann::json FeatureStatistics::ToJson(const std::vector<std::string>& names) const {
  nlohmann::json mean = nlohmann::json::array(), sd = nlohmann::json::array(), lo = nlohmann::json::array(),
                 hi = nlohmann::json::array();
  for (uint32_t f = 0; f < features(); ++f) {
    mean.push_back(mean_[f]);
    sd.push_back(stddev(f));
    lo.push_back(count_ ? min_[f] : 0.0f);
    hi.push_back(count_ ? max_[f] : 0.0f);
  }
  nlohmann::json j = {{"count", count_}, {"mean", mean}, {"std", sd}, {"min", lo}, {"max", hi}};
  if (!names.empty()) j["names"] = names;
  return j;
}

}  // namespace mote
