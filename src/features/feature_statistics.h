// Per-feature running statistics (count, mean, standard deviation, min, max)
// over rows of features, each column one feature: every frame of every
// window adds one value to each column. Welford's update keeps the variance
// accurate for features with a large mean and a small spread (dB values).
//
// Not thread-safe; one accumulator per stream of rows, fed in a fixed order
// so that the result does not depend on thread scheduling.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace mote {

class FeatureStatistics {
 public:
  explicit FeatureStatistics(uint32_t features = 0);

  // Adds `frames` rows of features() values (row-major).
  void Add(const float* rows, uint32_t frames);

  uint32_t features() const { return static_cast<uint32_t>(mean_.size()); }
  // Rows added (values per feature).
  int64_t count() const { return count_; }
  double mean(uint32_t f) const { return mean_[f]; }
  // Population standard deviation; 0 with fewer than two rows.
  double stddev(uint32_t f) const;
  float min(uint32_t f) const { return min_[f]; }
  float max(uint32_t f) const { return max_[f]; }

  // {"count": n, "mean": [...], "std": [...], "min": [...], "max": [...]},
  // with `names` as "names" when given.
  nlohmann::json ToJson(const std::vector<std::string>& names = {}) const;

 private:
  int64_t count_ = 0;
  std::vector<double> mean_, m2_;
  std::vector<float> min_, max_;
};

}  // namespace mote
