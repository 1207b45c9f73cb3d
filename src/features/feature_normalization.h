// FeatureNormalization: the per-feature (offset, scale) pairs that
// micro/dsp/normalize.h applies, y = (x - offset) * scale, computed from the
// train split's statistics only, so that test samples never leak into what
// the model is trained on:
//   standard  offset = mean, scale = 1 / std
//   minmax    offset = min,  scale = 1 / (max - min)    (train values -> [0, 1])
//   none      offset = 0,    scale = 1
// A feature whose spread is at most 1e-6 * max(1, |offset|) (constant in
// train) gets scale 1, so it is shifted but never blown up.
//
// Stored in a stage output as normalization.json (readable, with the mode
// and the train count) and normalization.bin (the two float32 arrays an
// exporter embeds in firmware):
//   0  "MNRM"   4  version = 1   8  features (uint32)
//   12 offset[features] float32, then scale[features] float32, little-endian.
//
// For a fixed-point block (numeric: q15) feeding an int8 model, the exporter
// folds these arrays and the model input's quantization into integer tables
// (FoldForInt8Input) that dsp::NormalizeQ15ToInt8 applies on the device and
// on the host alike: the int16 features go straight to the model's int8
// input, without float. docs/dsp.md, "Normalization", has the arithmetic and
// its measured agreement with the float path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/status.h"
#include "features/dsp_config.h"
#include "features/feature_statistics.h"
#include "micro/dsp/normalize.h"

namespace mote {

// The tables dsp::NormalizeQ15ToInt8 reads, one entry per feature.
struct Int8InputTables {
  std::vector<int32_t> multiplier;
  std::vector<int64_t> bias;
  std::vector<uint8_t> shift;

  // A view for micro/dsp; valid while this object lives unchanged.
  dsp::Int8InputNormalization View() const;
};

struct FeatureNormalization {
  NormalizeMode mode = NormalizeMode::kNone;
  int64_t train_rows = 0;     // rows of the train split the values come from
  std::vector<float> offset;  // [features]
  std::vector<float> scale;   // [features]

  // From the statistics of the train split's rows.
  static FeatureNormalization FromTrain(NormalizeMode mode, const FeatureStatistics& train);

  uint32_t features() const { return static_cast<uint32_t>(offset.size()); }
  // A view for micro/dsp; valid while this object lives unchanged.
  dsp::NormalizationArrays View() const;
  // Normalizes `frames` rows of features() values in place, with the same
  // function the device runs.
  void Apply(float* rows, uint32_t frames) const;

  // The normalization of int16 features worth `feature_step` each (the Q15
  // blocks: 1 / 64) followed by an int8 model input's quantization
  // (q = round(y / input_scale) + zero_point), as integer tables: what an
  // exporter embeds next to a Q15 block. dsp::NormalizeQ15ToInt8 with them
  // gives the float path's value, or one off where y / input_scale lies
  // within about 1e-6 of a half (measured in tests/features/normalization_test.cc).
  // InvalidArgument when input_scale is not positive and finite, zero_point
  // is outside [-128, 127], or a feature's step * scale / input_scale is not
  // finite or at least 2^24.
  Result<Int8InputTables> FoldForInt8Input(double feature_step, double input_scale, int32_t zero_point) const;

  // Writes normalization.json and normalization.bin into `dir`.
  Status Write(const std::filesystem::path& dir) const;
  // Reads them back; Corruption naming the file and byte or field on damage.
  static Result<FeatureNormalization> Read(const std::filesystem::path& dir);
};

}  // namespace mote
