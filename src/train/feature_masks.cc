#include "train/feature_masks.h"

#include <algorithm>

#include "train/augmentation.h"

namespace mote::train {
namespace {

// A band of width in [0, min(widest, size)] at a uniform start: [begin, end).
std::pair<int64_t, int64_t> DrawBand(int64_t widest, int64_t size, Rng* rng) {
  const int64_t width = static_cast<int64_t>(rng->Below(std::min(widest, size) + 1));
  const int64_t begin = static_cast<int64_t>(rng->Below(size - width + 1));
  return {begin, begin + width};
}

}  // namespace

void MaskFeatureRow(FeatureMasks masks, int64_t frames, Rng* rng, std::span<float> row) {
  const int64_t features = static_cast<int64_t>(row.size()) / frames;
  if (masks.time > 0) {
    const auto [begin, end] = DrawBand(masks.time, frames, rng);
    std::fill(row.begin() + begin * features, row.begin() + end * features, 0.0f);
  }
  if (masks.freq > 0) {
    const auto [begin, end] = DrawBand(masks.freq, features, rng);
    for (int64_t f = 0; f < frames; ++f) {
      std::fill(row.begin() + f * features + begin, row.begin() + f * features + end, 0.0f);
    }
  }
}

void MaskFeatureBatch(FeatureMasks masks, int64_t frames, uint64_t seed, int64_t epoch,
                      std::span<const int64_t> rows, Tensor<float>* batch) {
  if (!masks.any() || rows.empty()) return;
  const size_t size = static_cast<size_t>(batch->size()) / rows.size();
  for (size_t i = 0; i < rows.size(); ++i) {
    // Its own stream, apart from the signal transforms' draws for the row.
    Rng rng(AugmentSeed(seed, epoch, rows[i]) ^ 0x464D41534Bull);
    MaskFeatureRow(masks, frames, &rng, std::span<float>(batch->data() + i * size, size));
  }
}

}  // namespace mote::train
