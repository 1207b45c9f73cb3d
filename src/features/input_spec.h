// InputSpec: what every sample given to the features stage has in common
// (kind, sample rate, channels, image size), so that one block with one
// output shape serves the whole dataset. It is derived from the dataset and
// stored with the features, so that training, evaluation and the exporter can
// rebuild the same FeatureExtractor without the dataset.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "data/sample.h"

namespace mote {

enum class InputKind {
  kSeries,  // float32 {frames, axes}
  kAudio,   // int16 {frames, channels}
  kImage,   // uint8 {height, width, channels}
};
std::string_view InputKindName(InputKind kind);  // "series", "audio", "image"

struct InputSpec {
  InputKind kind = InputKind::kSeries;
  double sample_rate_hz = 0;            // series and audio; 0 for images
  uint32_t channels = 0;                // axes, audio channels, or image channels
  std::vector<std::string> axis_names;  // one per channel
  // Series and audio: frames of the longest sample (the window when
  // window.size_ms is not set). Images: height; every image has this size.
  uint32_t max_frames = 0;
  uint32_t width = 0;  // images only

  nlohmann::json ToJson() const;
  // Corruption naming `what` if `j` is not what ToJson() writes.
  static Result<InputSpec> FromJson(const nlohmann::json& j, const std::string& what);
};

// The spec `samples` share. InvalidArgument naming the first sample that
// differs from the first one (in kind, sample rate, channel count, or image
// size); InvalidArgument if `samples` is empty.
Result<InputSpec> InputSpecOf(std::span<const SampleInfo> samples);

}  // namespace mote
