// Feature masking (SpecAugment, Park et al. 2019): a band of consecutive
// frames and a band of consecutive features of a training row are set to
// 0 - the training split's mean once the row is normalized - so the
// network cannot lean on one moment or one part of the spectrum. Turned on
// in mote.yaml:
//
//   train:
//     augment:
//       time_mask: 8   # frames: a band of width drawn in [0, 8] per row
//       freq_mask: 3   # features of every frame: a band drawn in [0, 3]
//
// Unlike the signal transforms (augmentation.h) it works on the rows the
// model reads, after the DSP and normalization, so on its own it needs no
// DSP in the training loop.
#pragma once

#include <cstdint>
#include <span>

#include "train/rng.h"
#include "train/tensor.h"

namespace mote::train {

struct FeatureMasks {
  int64_t time = 0;  // widest band of frames, 0: off
  int64_t freq = 0;  // widest band of features, 0: off
  bool any() const { return time > 0 || freq > 0; }
};

// `row` holds `frames` frames of row.size() / frames features each,
// row-major (frames > 0 and divides row.size()). Draws the time band's
// width in [0, min(masks.time, frames)] and its start, then the feature
// band's likewise, from `rng`, and zeroes both bands.
void MaskFeatureRow(FeatureMasks masks, int64_t frames, Rng* rng, std::span<float> row);

// Masks row i of `batch` ([rows.size(), ...], one training example per
// row) with draws from an Rng seeded by (seed, epoch, rows[i]): the masks
// depend on the run's seed, the epoch and the example only, not on the
// batch order or the thread count, so --resume repeats them.
void MaskFeatureBatch(FeatureMasks masks, int64_t frames, uint64_t seed, int64_t epoch,
                      std::span<const int64_t> rows, Tensor<float>* batch);

}  // namespace mote::train
