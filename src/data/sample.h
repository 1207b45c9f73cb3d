// A sample: one recording (a time series, an audio clip or an image) with its
// label and provenance. Its payload is stored by content: the SHA-256 of the
// encoded blob (header + values) is the sample's identity, so the same values
// imported twice are one sample.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace mote {

// Element type of a payload. Values are stored little-endian.
enum class DType : uint8_t {
  kU8 = 1,   // images
  kI16 = 2,  // audio (PCM)
  kF32 = 3,  // sensor time series
};
size_t DTypeSize(DType t);
std::string_view DTypeName(DType t);                  // "u8", "i16", "f32"
std::optional<DType> DTypeFromName(std::string_view name);

enum class Split : uint8_t { kTrain, kTest };
std::string_view SplitName(Split s);                  // "train", "test"
std::optional<Split> SplitFromName(std::string_view name);

// One sensor axis (or audio channel, or image channel).
struct Axis {
  std::string name;   // "accX", "audio", "gray"
  std::string units;  // "m/s2", "", ...
};

// The values of a sample. Layout by kind:
//   time series / audio: shape {frames, axes}, row-major (frame-interleaved)
//   image:               shape {height, width, channels}
struct SampleData {
  DType dtype = DType::kF32;
  std::vector<uint32_t> shape;
  std::vector<uint8_t> bytes;  // size == product(shape) * DTypeSize(dtype)

  size_t element_count() const;
  // Typed views; require the matching dtype.
  std::span<const float> f32() const;
  std::span<const int16_t> i16() const;
  std::span<const uint8_t> u8() const { return bytes; }

  static SampleData FromF32(std::vector<uint32_t> shape, std::span<const float> values);
  static SampleData FromI16(std::vector<uint32_t> shape, std::span<const int16_t> values);
  static SampleData FromU8(std::vector<uint32_t> shape, std::span<const uint8_t> values);
};

// The stored blob: "MSMP", version 1, dtype, rank, 0, then rank little-endian
// uint32 dimensions, then the payload (see docs/formats.md).
std::vector<uint8_t> EncodeSample(const SampleData& data);
// Corruption if the header is malformed or the size does not match the shape.
Result<SampleData> DecodeSample(std::span<const uint8_t> blob);

// What the store knows about a sample besides its values.
struct SampleInfo {
  int64_t id = 0;            // stable, assigned by the store, never reused
  std::string hash;          // hex SHA-256 of the encoded blob
  std::string label;
  Split split = Split::kTrain;
  bool excluded = false;
  std::string exclude_reason;
  std::string source;        // file (and record within it) it came from
  std::vector<Axis> axes;
  double sample_rate_hz = 0; // 0 for images
  DType dtype = DType::kF32;
  std::vector<uint32_t> shape;
  std::string created_at;    // ISO-8601 UTC

  // Length in milliseconds for time series and audio; 0 for images.
  double duration_ms() const;
  bool is_image() const { return sample_rate_hz == 0; }
};

}  // namespace mote
