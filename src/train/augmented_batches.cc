#include "train/augmented_batches.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "data/dataset_store.h"

namespace mote::train {
namespace {

// A sample's values as float, in their own units (int16 counts, pixel
// levels, m/s2).
std::vector<float> AsFloat(const SampleData& s) {
  std::vector<float> out;
  switch (s.dtype) {
    case DType::kF32:
      out.assign(s.f32().begin(), s.f32().end());
      break;
    case DType::kI16:
      out.assign(s.i16().begin(), s.i16().end());
      break;
    case DType::kU8:
      out.assign(s.u8().begin(), s.u8().end());
      break;
  }
  return out;
}

// Values back into the sample's type: rounded and clamped for integers.
SampleData FromFloat(DType dtype, std::vector<uint32_t> shape, const std::vector<float>& v) {
  switch (dtype) {
    case DType::kI16: {
      std::vector<int16_t> q(v.size());
      for (size_t i = 0; i < v.size(); ++i) q[i] = static_cast<int16_t>(std::clamp(std::lround(v[i]), -32768L, 32767L));
      return SampleData::FromI16(std::move(shape), q);
    }
    case DType::kU8: {
      std::vector<uint8_t> q(v.size());
      for (size_t i = 0; i < v.size(); ++i) q[i] = static_cast<uint8_t>(std::clamp(std::lround(v[i]), 0L, 255L));
      return SampleData::FromU8(std::move(shape), q);
    }
    case DType::kF32:
      break;
  }
  return SampleData::FromF32(std::move(shape), v);
}

// Channel mean of a recording: the noise bank's mono signal.
std::vector<float> Mono(const SampleData& s) {
  const std::vector<float> v = AsFloat(s);
  const size_t channels = s.shape.size() > 1 ? s.shape[1] : 1;
  std::vector<float> out(v.size() / channels, 0.0f);
  for (size_t i = 0; i < v.size(); ++i) out[i / channels] += v[i] / static_cast<float>(channels);
  return out;
}

}  // namespace

Result<std::unique_ptr<AugmentedBatches>> AugmentedBatches::Create(Project& project, FeatureSet& features,
                                                                   std::vector<int64_t> index_rows,
                                                                   AugmentConfig config, uint64_t seed,
                                                                   int threads) {
  std::unique_ptr<AugmentedBatches> b(new AugmentedBatches());
  b->config_ = std::move(config);
  b->seed_ = seed;
  b->input_ = features.input();
  b->normalization_ = features.normalization();
  b->pool_ = std::make_unique<ThreadPool>(std::max(1, threads));
  for (int t = 0; t < b->pool_->threads(); ++t) {
    MOTE_ASSIGN_OR_RETURN(std::unique_ptr<FeatureExtractor> dsp, FeatureExtractor::ForProject(project, b->input_));
    b->dsp_.push_back(std::move(dsp));
  }
  if (b->dsp_[0]->shape().size() != features.shape().size()) {
    return Status::Internal(fmt::format("train.augment: the DSP gives {} values per window, the features {}",
                                               b->dsp_[0]->shape().size(), features.shape().size()));
  }
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  std::map<int64_t, size_t> sample_of;  // sample id -> samples_
  SampleFilter wanted;
  for (int64_t r : index_rows) wanted.ids.push_back(features.index()[r].sample_id);
  std::sort(wanted.ids.begin(), wanted.ids.end());
  wanted.ids.erase(std::unique(wanted.ids.begin(), wanted.ids.end()), wanted.ids.end());
  if (!wanted.ids.empty()) {
    MOTE_RETURN_IF_ERROR(store->ForEach(wanted, [&](const SampleInfo& info, const SampleData& data) {
      sample_of[info.id] = b->samples_.size();
      b->samples_.push_back(data);
      return Status::Ok();
    }));
  }
  for (int64_t r : index_rows) {
    const FeatureRow& row = features.index()[r];
    const auto it = sample_of.find(row.sample_id);
    if (it == sample_of.end()) {
      return Status::NotFound(fmt::format("train.augment: sample {} of the features is no longer in the dataset store",
                                          row.sample_id));
    }
    const uint32_t first = b->input_.kind == InputKind::kImage ? 0 : row.window * b->dsp_[0]->stride_frames();
    b->sources_.push_back({it->second, first});
  }
  if (!b->config_.noise_label.empty()) {
    SampleFilter noise;
    noise.labels = {b->config_.noise_label};
    noise.split = Split::kTrain;
    MOTE_RETURN_IF_ERROR(store->ForEach(noise, [&](const SampleInfo&, const SampleData& data) {
      b->noise_bank_.push_back(Mono(data));
      return Status::Ok();
    }));
    if (b->noise_bank_.empty()) {
      return Status::InvalidArgument("has no train recordings: no train sample is labelled '" +
                                     b->config_.noise_label + "'");
    }
  }
  return b;
}

RawWindow AugmentedBatches::Window(int64_t epoch, int64_t row) const {
  const Source& src = sources_[row];
  const SampleData& s = samples_[src.sample];
  const std::vector<float> all = AsFloat(s);
  RawWindow w;
  if (input_.kind == InputKind::kImage) {
    w = {.rows = s.shape[0], .cols = s.shape[1], .channels = s.shape.size() > 2 ? s.shape[2] : 1, .values = all};
  } else {
    // The window the features stage cut, or the whole sample when shorter.
    const int64_t channels = s.shape.size() > 1 ? s.shape[1] : 1;
    const int64_t frames = std::min<int64_t>(dsp_[0]->window_frames(), s.shape[0] - src.first_frame);
    w = {.rows = frames, .cols = 1, .channels = channels,
         .values = std::vector<float>(all.begin() + src.first_frame * channels,
                                      all.begin() + (src.first_frame + frames) * channels)};
  }
  Rng rng(AugmentSeed(seed_, epoch, row));
  AugmentWindow(config_, input_.sample_rate_hz / 1000, noise_bank_, &rng, &w);
  return w;
}

Status AugmentedBatches::Apply(int64_t epoch, std::span<const int64_t> rows, Tensor<float>* batch) {
  const size_t size = dsp_[0]->shape().size();
  const int64_t n = static_cast<int64_t>(rows.size());
  const int shards = static_cast<int>(std::min<int64_t>(pool_->threads(), n));
  std::vector<Status> failed(shards);
  pool_->Run(shards, [&](int shard) {
    const ShardRange range = ShardOf(n, shards, shard);
    for (int64_t i = range.begin; i < range.end && failed[shard].ok(); ++i) {
      const RawWindow w = Window(epoch, rows[i]);
      std::vector<uint32_t> shape = {static_cast<uint32_t>(w.rows), static_cast<uint32_t>(w.channels)};
      if (input_.kind == InputKind::kImage) {
        shape = {static_cast<uint32_t>(w.rows), static_cast<uint32_t>(w.cols), static_cast<uint32_t>(w.channels)};
      }
      Result<SampleFeatures> f =
          dsp_[shard]->Compute(FromFloat(samples_[sources_[rows[i]].sample].dtype, shape, w.values));
      if (!f.ok()) {
        failed[shard] = f.status();
      } else if (f->values.size() < size) {
        failed[shard] = Status::Internal("train.augment: the DSP gave no window");
      } else {
        float* out = batch->data() + i * size;
        std::copy_n(f->values.begin(), size, out);
        normalization_.Apply(out, dsp_[shard]->shape().frames);
      }
    }
  });
  for (const Status& s : failed) MOTE_RETURN_IF_ERROR(s);
  return Status::Ok();
}

}  // namespace mote::train
