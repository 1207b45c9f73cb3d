// Computes the features of a whole dataset into a folder (the features
// stage's output; formats in docs/formats.md):
//   features.bin          float32 [rows x frames*features], block output before normalization
//   index.json            sample id, window, label, split, padded per row
//   normalization.json/.bin  per-feature offset and scale from the train split
//   stats.json            per-feature mean/std/min/max over all rows, counts per label, timing
//   features.json         block, parameters, input spec, shape, feature names
//
// Samples are processed in manifest order in batches; within a batch the
// work is shared by `threads` threads (each with its own FeatureExtractor)
// and the results are written in manifest order, so the files do not depend
// on the thread count or on scheduling.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"
#include "data/dataset_manifest.h"
#include "project/project.h"

namespace mote {

struct FeatureBuildOptions {
  int threads = 2;
  bool show_progress = true;
};

// Writes the files above into `out_dir` (an existing, empty folder) and
// returns the digest of what later stages read (SHA-256 over features.bin,
// index.json, normalization.bin and features.json). InvalidArgument for
// parameters that do not suit the data (at their mote.yaml position) or
// samples that disagree in kind, rate or channels (naming the sample);
// Cancelled on SIGINT.
Result<std::string> BuildFeatureSet(Project& project, const DatasetManifest& manifest,
                                    const std::filesystem::path& out_dir, const FeatureBuildOptions& options);

}  // namespace mote
