#include "train/feature_examples.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "train/rng.h"

namespace mote::train {

Shape FeatureInputShape(const FeatureSet& features, int rank) {
  const dsp::FeatureShape s = features.shape();
  const InputSpec& in = features.input();
  if (in.kind == InputKind::kImage && in.width > 0 && s.size() == size_t{in.max_frames} * in.width * in.channels) {
    return {in.max_frames, in.width, in.channels};
  }
  if (rank == 1) return {static_cast<int64_t>(s.size())};
  if (rank == 2) return {s.frames, s.features};
  return {s.frames, s.features, 1};
}

Result<FeatureExamples> LoadFeatureExamples(FeatureSet& features, const Shape& shape, double validation_fraction,
                                            uint64_t seed) {
  const int64_t row_size = static_cast<int64_t>(features.shape().size());
  if (ShapeSize(shape) != row_size) {
    return Status::InvalidArgument(fmt::format("{}: rows of {} features cannot be shaped {}",
                                               features.dir().string(), row_size, ShapeString(shape)));
  }
  FeatureExamples out;
  std::set<std::string> labels;
  std::vector<int64_t> train_samples;
  for (const FeatureRow& row : features.index()) {
    labels.insert(row.label);
    if (row.split == Split::kTrain) train_samples.push_back(row.sample_id);
  }
  out.classes.assign(labels.begin(), labels.end());
  std::sort(train_samples.begin(), train_samples.end());
  train_samples.erase(std::unique(train_samples.begin(), train_samples.end()), train_samples.end());
  if (train_samples.empty()) return Status::InvalidArgument(features.dir().string() + ": no rows in the train split");

  // A seeded shuffle of the train samples; the first share is validation.
  Rng rng(seed);
  for (size_t i = train_samples.size(); i > 1; --i) std::swap(train_samples[i - 1], train_samples[rng.Below(i)]);
  const size_t held = static_cast<size_t>(std::floor(validation_fraction * static_cast<double>(train_samples.size())));
  const std::set<int64_t> validation_ids(train_samples.begin(), train_samples.begin() + held);

  MOTE_ASSIGN_OR_RETURN(std::vector<float> rows, features.ReadRows(0, features.rows(), /*normalized=*/true));
  for (Examples* e : {&out.train, &out.validation, &out.test}) e->shape = shape;
  for (size_t r = 0; r < features.index().size(); ++r) {
    const FeatureRow& row = features.index()[r];
    Examples& e = row.split == Split::kTest                ? out.test
                  : validation_ids.count(row.sample_id) ? out.validation
                                                           : out.train;
    if (&e == &out.train) out.train_index_rows.push_back(static_cast<int64_t>(r));
    e.features.insert(e.features.end(), rows.begin() + r * row_size, rows.begin() + (r + 1) * row_size);
    e.labels.push_back(static_cast<int32_t>(
        std::lower_bound(out.classes.begin(), out.classes.end(), row.label) - out.classes.begin()));
  }
  return out;
}

}  // namespace mote::train
