// Pictures of a few samples' features for people: for each label, the first
// window of its first `per_label` samples (in index order) as an SVG (the
// image block: a PNG), plus an index.html listing them. Time-frequency blocks (mfcc, mfe, spectrogram,
// micro_speech) become heatmaps (time across, feature up; MFCC as z-scores
// over the dataset so that c0 does not swamp the rest), spectral features a
// bar chart of z-scores, raw series a line per axis, raw images a grey
// image, the image block's output the picture it is (gray or RGB, on the
// dataset's value range).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "features/feature_set.h"

namespace mote {

struct FeaturePicture {
  std::string label;
  int64_t sample_id = 0;
  std::string file;  // name within the folder
};

// Writes the pictures and index.html into `dir` (created if missing; .svg
// and .png files left there by an earlier run are removed first). Each file is
// written atomically.
Result<std::vector<FeaturePicture>> WriteFeaturePictures(FeatureSet& set, const std::filesystem::path& dir,
                                                         int per_label);

}  // namespace mote
