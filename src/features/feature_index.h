// index.json: which sample and window each row of features.bin is.
//   {"columns": ["sample_id", "window", "label", "split", "padded"],
//    "rows": [[12, 0, "wave", "train", false], ...]}
// Rows are in the order of features.bin: samples in the dataset manifest's
// order (by id), each sample's windows in time order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/sample.h"

namespace mote {

struct FeatureRow {
  int64_t sample_id = 0;
  uint32_t window = 0;  // index of the window within its sample
  std::string label;
  Split split = Split::kTrain;
  bool padded = false;  // the sample was shorter than a window
};

Status WriteFeatureIndex(const std::filesystem::path& path, const std::vector<FeatureRow>& rows);
// Corruption naming the file and row when it is not what WriteFeatureIndex writes.
Result<std::vector<FeatureRow>> ReadFeatureIndex(const std::filesystem::path& path);

}  // namespace mote
