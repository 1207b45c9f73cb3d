// manifest.json, the output of the `dataset` stage (dataset_stage.cc): the
// working set as the stages after it see it.
//   {"digest": "<hex>", "samples": [{"id": 1, "hash": "<hex>", "label": "wave", "split": "train"}, ...]}
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/sample.h"

namespace mote {

struct ManifestSample {
  int64_t id = 0;
  std::string hash;
  std::string label;
  Split split = Split::kTrain;
};

struct DatasetManifest {
  std::string digest;
  std::vector<ManifestSample> samples;  // by id
};

// Corruption naming the file and the entry when it is malformed.
Result<DatasetManifest> ReadDatasetManifest(const std::filesystem::path& path);

}  // namespace mote
