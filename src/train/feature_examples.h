// The examples a model trains on, read from a features stage output
// (features/feature_set.h): normalized rows, class indices, and a
// validation split held out of the train split.
//
// Classes are the labels of every row sorted by name (index = position),
// so the test split's classes are known even if the train split lacks one.
// Validation takes whole samples (every window of a sample goes to the same
// side), chosen by a seeded shuffle of the train split's sample ids: windows
// of one recording never sit on both sides.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "features/feature_set.h"
#include "train/trainer.h"

namespace mote::train {

struct FeatureExamples {
  std::vector<std::string> classes;
  Examples train, validation, test;
  // The FeatureSet::index() row of each train example (augmentation
  // recomputes a row from its sample, augmented_batches.h).
  std::vector<int64_t> train_index_rows;
};

// How each row is shaped for the model: images [height, width, channels];
// other kinds [frames, features] when `rank` is 2, [frames, features, 1]
// when it is 3 (a 2-D convolution over time and features), [frames *
// features] when it is 1.
Shape FeatureInputShape(const FeatureSet& features, int rank);

// Reads every row of `features` (normalized) shaped as `shape` (whose size
// must be the row size). `validation_fraction` in [0, 1): the share of the
// train split's samples held out. InvalidArgument when the shape does not
// match or the train split is empty.
Result<FeatureExamples> LoadFeatureExamples(FeatureSet& features, const Shape& shape, double validation_fraction,
                                            uint64_t seed);

}  // namespace mote::train
