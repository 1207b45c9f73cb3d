// Projects for the CLI tests of training (`mote train`, `mote eval`, runs,
// --resume): a motion project with synthetic recordings; a K-means run's
// recorded model.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "train/kmeans.h"

namespace mote::testing {

// `mote init p --template motion` in `dir` and `mote data synth motion
// --count count`; returns dir/p (a test failure if a command fails).
std::filesystem::path MakeMotionProject(const std::filesystem::path& dir, int count);

// Appends `text` (sections such as model: and train:) to the project's mote.yaml.
void AppendToMoteYaml(const std::filesystem::path& project, const std::string& text);

// The K-means model run `run` of `project` recorded
// (.mote/runs/<run>/kmeans.json) as the trainer's KMeansModel: dims,
// scale_by_spread, centroids and spreads (a test failure if unreadable).
train::KMeansModel ReadRecordedKMeans(const std::filesystem::path& project, int64_t run);

}  // namespace mote::testing
