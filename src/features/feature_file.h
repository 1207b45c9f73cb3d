// features.bin: the feature matrix of a features stage output, one row per
// window, each row a window's frames x features float32 values (row-major):
//
//   offset  size  field
//   0       4     magic "MFEA"
//   4       4     version, 1
//   8       4     rows (uint32)
//   12      4     frames per row (uint32)
//   16      4     features per frame (uint32)
//   20      ...   rows * frames * features float32, little-endian
//
// The values are the block's output before normalization; index.json says
// which sample and window each row is (docs/formats.md).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"
#include "micro/dsp/feature_shape.h"

namespace mote {

// Writes a features.bin front to back. Not thread-safe. The file is not
// atomic by itself: it lives in a stage's temporary output folder, which
// the pipeline renames into place only when the stage succeeds.
class FeatureFileWriter {
 public:
  static Result<std::unique_ptr<FeatureFileWriter>> Create(const std::filesystem::path& path,
                                                           dsp::FeatureShape shape);
  ~FeatureFileWriter();
  // Appends `rows` rows of shape.size() floats.
  Status Append(const float* values, uint32_t rows);
  // Writes the row count into the header, flushes and syncs; call once.
  Status Finish();
  uint32_t rows() const { return rows_; }

 private:
  FeatureFileWriter(std::FILE* file, std::filesystem::path path, dsp::FeatureShape shape)
      : file_(file), path_(std::move(path)), shape_(shape) {}
  std::FILE* file_;
  std::filesystem::path path_;
  dsp::FeatureShape shape_;
  uint32_t rows_ = 0;
};

// Reads rows of a features.bin. Not thread-safe.
class FeatureFileReader {
 public:
  // Corruption naming the file and byte when the header or size is wrong.
  static Result<std::unique_ptr<FeatureFileReader>> Open(const std::filesystem::path& path);
  ~FeatureFileReader();
  uint32_t rows() const { return rows_; }
  dsp::FeatureShape shape() const { return shape_; }
  // Reads rows [first, first + count) into `out` (count * shape().size() floats).
  Status ReadRows(uint32_t first, uint32_t count, float* out);

 private:
  FeatureFileReader(std::FILE* file, std::filesystem::path path, uint32_t rows, dsp::FeatureShape shape)
      : file_(file), path_(std::move(path)), rows_(rows), shape_(shape) {}
  std::FILE* file_;
  std::filesystem::path path_;
  uint32_t rows_;
  dsp::FeatureShape shape_;
};

}  // namespace mote
