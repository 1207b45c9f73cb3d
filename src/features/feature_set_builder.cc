#include "features/feature_set_builder.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "core/hash.h"
#include "core/interrupt.h"
#include "core/progress.h"
#include "features/feature_extractor.h"
#include "features/feature_file.h"
#include "features/feature_index.h"
#include "features/feature_normalization.h"
#include "features/feature_statistics.h"

namespace mote {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Samples loaded and computed together; bounds memory, not parallelism.
constexpr size_t kBatchSamples = 64;

struct LabelCounts {
  int64_t train_samples = 0, test_samples = 0, rows = 0;
};

// The store's metadata of each manifest sample, in manifest order.
Result<std::vector<SampleInfo>> ManifestInfos(DatasetStore& store, const DatasetManifest& manifest) {
  SampleFilter all;
  all.with_excluded = true;  // the manifest, not today's exclusions, decides
  MOTE_ASSIGN_OR_RETURN(std::vector<SampleInfo> listed, store.List(all));
  std::map<int64_t, SampleInfo> by_id;
  for (SampleInfo& s : listed) by_id.emplace(s.id, std::move(s));
  std::vector<SampleInfo> infos;
  infos.reserve(manifest.samples.size());
  for (const ManifestSample& m : manifest.samples) {
    auto it = by_id.find(m.id);
    if (it == by_id.end() || it->second.hash != m.hash)
      return Status::Corruption("dataset manifest: sample " + std::to_string(m.id) + " is not in the store");
    infos.push_back(it->second);
  }
  return infos;
}

// Computes results[i] for i in [0, data.size()) on `extractors.size()`
// threads, thread k taking i = k, k + n, ...
void ComputeBatch(std::vector<std::unique_ptr<FeatureExtractor>>& extractors, const std::vector<SampleData>& data,
                  std::vector<std::optional<Result<SampleFeatures>>>* results) {
  results->assign(data.size(), std::nullopt);
  auto work = [&](size_t k) {
    for (size_t i = k; i < data.size(); i += extractors.size()) (*results)[i] = extractors[k]->Compute(data[i]);
  };
  std::vector<std::thread> helpers;
  for (size_t k = 1; k < extractors.size(); ++k) helpers.emplace_back(work, k);
  work(0);
  for (std::thread& t : helpers) t.join();
}

Result<std::string> OutputDigest(const fs::path& dir) {
  Sha256 h;
  for (const char* name : {"features.bin", "index.json", "normalization.bin", "features.json"}) {
    MOTE_ASSIGN_OR_RETURN(Digest d, Sha256OfFile(dir / name));
    h.UpdateField(name).UpdateField(ToHex(d));
  }
  return ToHex(h.Finish());
}

}  // namespace

Result<std::string> BuildFeatureSet(Project& project, const DatasetManifest& manifest, const fs::path& out_dir,
                                    const FeatureBuildOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  MOTE_ASSIGN_OR_RETURN(std::vector<SampleInfo> infos, ManifestInfos(*store, manifest));
  MOTE_ASSIGN_OR_RETURN(InputSpec input, InputSpecOf(infos));
  std::vector<std::unique_ptr<FeatureExtractor>> extractors;
  for (int k = 0; k < std::max(options.threads, 1); ++k) {
    MOTE_ASSIGN_OR_RETURN(auto e, FeatureExtractor::ForProject(project, input));
    extractors.push_back(std::move(e));
  }
  const FeatureExtractor& first = *extractors.front();
  const dsp::FeatureShape shape = first.shape();
  const std::vector<std::string> names = first.FeatureNames();

  MOTE_ASSIGN_OR_RETURN(auto writer, FeatureFileWriter::Create(out_dir / "features.bin", shape));
  FeatureStatistics all(shape.features), train(shape.features);
  std::map<std::string, LabelCounts> labels;
  std::vector<FeatureRow> index;
  int64_t padded_samples = 0;
  Progress progress("features", static_cast<int64_t>(infos.size()), "samples", options.show_progress);

  std::vector<SampleData> batch;
  std::vector<std::optional<Result<SampleFeatures>>> results;
  for (size_t begin = 0; begin < infos.size(); begin += kBatchSamples) {
    if (Interrupted()) return Status::Cancelled("interrupted");
    const size_t end = std::min(infos.size(), begin + kBatchSamples);
    batch.clear();
    for (size_t i = begin; i < end; ++i) {
      MOTE_ASSIGN_OR_RETURN(SampleData d, store->Load(infos[i].hash));
      batch.push_back(std::move(d));
    }
    ComputeBatch(extractors, batch, &results);
    for (size_t i = begin; i < end; ++i) {
      const SampleInfo& info = infos[i];
      const ManifestSample& m = manifest.samples[i];
      const Result<SampleFeatures>& r = *results[i - begin];
      if (!r.ok()) return r.status().WithPrefix("sample " + std::to_string(info.id) + " (" + info.source + ")");
      MOTE_RETURN_IF_ERROR(writer->Append(r->values.data(), r->windows));
      all.Add(r->values.data(), r->windows * shape.frames);
      if (m.split == Split::kTrain) train.Add(r->values.data(), r->windows * shape.frames);
      LabelCounts& c = labels[m.label];
      (m.split == Split::kTrain ? c.train_samples : c.test_samples) += 1;
      c.rows += r->windows;
      padded_samples += r->padded;
      for (uint32_t w = 0; w < r->windows; ++w) index.push_back({m.id, w, m.label, m.split, r->padded});
    }
    progress.Update(static_cast<int64_t>(end));
  }
  progress.Finish();
  MOTE_RETURN_IF_ERROR(writer->Finish());
  MOTE_RETURN_IF_ERROR(WriteFeatureIndex(out_dir / "index.json", index));

  const DspConfig& dsp = first.dsp();
  if (dsp.normalize != NormalizeMode::kNone && train.count() == 0)
    return dsp.section.Error("normalize", "needs samples in the train split; every sample is in test");
  MOTE_RETURN_IF_ERROR(FeatureNormalization::FromTrain(dsp.normalize, train).Write(out_dir));

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  json label_json = json::object();
  for (const auto& [label, c] : labels)
    label_json[label] = {{"train_samples", c.train_samples}, {"test_samples", c.test_samples}, {"rows", c.rows}};
  json stats = {{"rows", writer->rows()},
                {"samples", infos.size()},
                {"padded_samples", padded_samples},
                {"shape", {{"frames", shape.frames}, {"features", shape.features}}},
                {"seconds", seconds},
                {"samples_per_second", seconds > 0 ? static_cast<double>(infos.size()) / seconds : 0.0},
                {"threads", extractors.size()},
                {"features", all.ToJson(names)},
                {"labels", label_json}};
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(out_dir / "stats.json", stats.dump(2)));

  json meta = {{"format", 1},
               {"dsp", dsp.Canonical()},
               {"input", input.ToJson()},
               {"window_frames", first.window_frames()},
               {"stride_frames", first.stride_frames()},
               {"shape", {{"frames", shape.frames}, {"features", shape.features}}},
               {"feature_names", names},
               {"rows", writer->rows()}};
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(out_dir / "features.json", meta.dump(2)));
  return OutputDigest(out_dir);
}

}  // namespace mote
