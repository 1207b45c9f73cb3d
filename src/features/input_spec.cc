#include "features/input_spec.h"

#include <algorithm>
#include <cmath>

#include "features/format_hz.h"

namespace mote {

namespace {

InputKind KindOf(DType t) {
  switch (t) {
    case DType::kF32: return InputKind::kSeries;
    case DType::kI16: return InputKind::kAudio;
    case DType::kU8: return InputKind::kImage;
  }
  return InputKind::kSeries;
}

std::string Describe(const SampleInfo& s) { return "sample " + std::to_string(s.id) + " (" + s.source + ")"; }

std::string ImageSize(const SampleInfo& s) {
  std::string t;
  for (uint32_t d : s.shape) t += (t.empty() ? "" : "x") + std::to_string(d);
  return t;
}

}  // namespace

std::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kSeries: return "series";
    case InputKind::kAudio: return "audio";
    case InputKind::kImage: return "image";
  }
  return "?";
}

nlohmann::json InputSpec::ToJson() const {
  return {{"kind", InputKindName(kind)}, {"sample_rate_hz", sample_rate_hz}, {"channels", channels},
          {"axis_names", axis_names},    {"max_frames", max_frames},         {"width", width}};
}

Result<InputSpec> InputSpec::FromJson(const nlohmann::json& j, const std::string& what) {
  InputSpec s;
  try {
    std::string kind = j.at("kind").get<std::string>();
    if (kind == "series") s.kind = InputKind::kSeries;
    else if (kind == "audio") s.kind = InputKind::kAudio;
    else if (kind == "image") s.kind = InputKind::kImage;
    else return Status::Corruption(what + ": input.kind: unknown kind '" + kind + "'");
    s.sample_rate_hz = j.at("sample_rate_hz").get<double>();
    s.channels = j.at("channels").get<uint32_t>();
    s.axis_names = j.at("axis_names").get<std::vector<std::string>>();
    s.max_frames = j.at("max_frames").get<uint32_t>();
    s.width = j.at("width").get<uint32_t>();
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(what + ": input: " + e.what());
  }
  return s;
}

Result<InputSpec> InputSpecOf(std::span<const SampleInfo> samples) {
  if (samples.empty()) return Status::InvalidArgument("no samples to compute features for");
  const SampleInfo& first = samples.front();
  InputSpec spec;
  spec.kind = KindOf(first.dtype);
  spec.sample_rate_hz = first.sample_rate_hz;
  if (first.shape.size() < 2)
    return Status::InvalidArgument(Describe(first) + ": expected a {frames, channels} or image shape");
  if (spec.kind == InputKind::kImage) {
    if (first.shape.size() != 3) return Status::InvalidArgument(Describe(first) + ": an image must be {h, w, c}");
    spec.max_frames = first.shape[0];
    spec.width = first.shape[1];
    spec.channels = first.shape[2];
  } else {
    spec.channels = first.shape[1];
  }
  for (const Axis& a : first.axes) spec.axis_names.push_back(a.name);
  spec.axis_names.resize(spec.channels);
  for (size_t i = 0; i < spec.axis_names.size(); ++i)
    if (spec.axis_names[i].empty()) spec.axis_names[i] = "axis" + std::to_string(i);

  for (const SampleInfo& s : samples) {
    InputKind kind = KindOf(s.dtype);
    if (kind != spec.kind)
      return Status::InvalidArgument(Describe(s) + " is " + std::string(InputKindName(kind)) + " but " +
                                     Describe(first) + " is " + std::string(InputKindName(spec.kind)) +
                                     "; one feature block needs one kind of data");
    if (kind == InputKind::kImage) {
      if (s.shape != first.shape)
        return Status::InvalidArgument(Describe(s) + " is " + ImageSize(s) + " but " + Describe(first) + " is " +
                                       ImageSize(first) + "; raw image features need one image size");
      continue;
    }
    if (std::fabs(s.sample_rate_hz - spec.sample_rate_hz) > 1e-9 * spec.sample_rate_hz)
      return Status::InvalidArgument(Describe(s) + " is sampled at " + FormatHz(s.sample_rate_hz) + " but " +
                                     Describe(first) + " at " + FormatHz(spec.sample_rate_hz) +
                                     "; features need one sample rate (resample on import: data.audio_rate_hz)");
    if (s.shape.size() != 2 || s.shape[1] != spec.channels)
      return Status::InvalidArgument(Describe(s) + " has " + std::to_string(s.shape.size() == 2 ? s.shape[1] : 0) +
                                     " channels but " + Describe(first) + " has " + std::to_string(spec.channels));
    spec.max_frames = std::max(spec.max_frames, s.shape[0]);
  }
  return spec;
}

}  // namespace mote
