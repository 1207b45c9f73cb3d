// `mote data check`: finds samples that would hurt training. A sample is
// flagged as
//   clipped   - more than `clip_fraction` of its values sit at its own extreme
//               values (flat tops), or at the int16 limits for audio;
//   silent    - no signal: audio RMS below `silence_dbfs`, a time series
//               whose every axis is flat, an image of one colour;
//   short     - shorter than `min_duration_ms` (time series and audio);
//   outlier   - its level (RMS / pixel spread) or duration is more than
//               `outlier_z` robust standard deviations (median and MAD) from
//               the others of its label.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/dataset_store.h"

namespace mote {

struct QualityCheckOptions {
  double clip_fraction = 0.01;
  double silence_dbfs = -60;
  double min_duration_ms = 0;   // 0: no minimum (the CLI passes window.size_ms)
  double outlier_z = 3.5;
  int min_label_count = 8;      // labels with fewer samples get no outlier test
};

struct QualityIssue {
  int64_t id;
  std::string hash, label, source;
  std::vector<std::string> reasons;  // "clipped (3.2% at extremes)", ...
};

// Measures every sample of the working set that `filter` selects.
Result<std::vector<QualityIssue>> CheckQuality(DatasetStore& store, const SampleFilter& filter,
                                               const QualityCheckOptions& options);

}  // namespace mote
