#include "features/feature_extractor.h"

#include <algorithm>
#include <cmath>

#include "features/format_hz.h"
#include "project/project.h"

namespace mote {

namespace {

// window.size_ms (or stride_ms) in frames at `rate`; InvalidArgument (at
// `section`, the window: section, when given) below one frame.
Result<uint32_t> WindowFrames(const YamlSection* section, const char* key, double ms, double rate) {
  double frames = std::round(ms * rate / 1000.0);
  if (frames >= 1 && frames <= 4e9) return static_cast<uint32_t>(frames);
  const std::string problem = "is less than one sample at " + FormatHz(rate);
  if (section) return section->Error(key, problem);
  return Status::InvalidArgument(std::string("window.") + key + " " + problem);
}

}  // namespace

Result<std::unique_ptr<FeatureExtractor>> FeatureExtractor::Make(const DspConfig& dsp, const WindowConfig& window,
                                                                 const InputSpec& input,
                                                                 const YamlSection* window_section) {
  DspConfig resolved = dsp;
  if (dsp.block != DspBlock::kRaw) {
    MOTE_ASSIGN_OR_RETURN(resolved, dsp.ForSampleRate(input.sample_rate_hz));
  }
  if (dsp.block == DspBlock::kImage && input.kind == InputKind::kImage) {
    MOTE_ASSIGN_OR_RETURN(resolved, resolved.ForImageSize(input.width, input.max_frames, input.channels));
  }
  uint32_t window_frames = input.max_frames, stride_frames = input.max_frames;
  if (input.kind != InputKind::kImage && window.size_ms > 0) {
    const double stride_ms = window.stride_ms > 0 ? window.stride_ms : window.size_ms;
    MOTE_ASSIGN_OR_RETURN(window_frames, WindowFrames(window_section, "size_ms", window.size_ms, input.sample_rate_hz));
    MOTE_ASSIGN_OR_RETURN(stride_frames, WindowFrames(window_section, "stride_ms", stride_ms, input.sample_rate_hz));
  }
  if (window_frames == 0) return Status::InvalidArgument("the samples are empty: no window to compute features for");
  MOTE_ASSIGN_OR_RETURN(auto block, WindowBlock::Create(resolved, input, window_frames));
  return std::unique_ptr<FeatureExtractor>(
      new FeatureExtractor(std::move(resolved), input, window_frames, stride_frames, std::move(block)));
}

Result<std::unique_ptr<FeatureExtractor>> FeatureExtractor::Create(const DspConfig& dsp, const WindowConfig& window,
                                                                   const InputSpec& input) {
  return Make(dsp, window, input, nullptr);
}

Result<std::unique_ptr<FeatureExtractor>> FeatureExtractor::ForProject(const Project& project,
                                                                       const InputSpec& input) {
  MOTE_ASSIGN_OR_RETURN(DspConfig dsp, ParseProjectDspConfig(project));
  MOTE_ASSIGN_OR_RETURN(YamlSection window, project.yaml().Section("window"));
  return Make(dsp, project.window(), input, &window);
}

uint32_t FeatureExtractor::WindowCount(uint32_t frames) const {
  if (frames <= window_frames_) return 1;
  return (frames - window_frames_) / stride_frames_ + 1;
}

Status FeatureExtractor::Prepare(const SampleData& sample, BlockInput* in) const {
  const std::string shape_error = "sample does not match the dataset the features were set up for";
  const bool image = input_.kind == InputKind::kImage;
  const DType want = image ? DType::kU8 : input_.kind == InputKind::kAudio ? DType::kI16 : DType::kF32;
  if (sample.dtype != want || sample.shape.size() != (image ? 3u : 2u))
    return Status::InvalidArgument(shape_error + " (" + std::string(DTypeName(sample.dtype)) + " instead of " +
                                   std::string(DTypeName(want)) + ")");
  if (image && (sample.shape[0] != input_.max_frames || sample.shape[1] != input_.width ||
                sample.shape[2] != input_.channels))
    return Status::InvalidArgument(shape_error + " (image size)");
  if (!image && sample.shape[1] != input_.channels) return Status::InvalidArgument(shape_error + " (channels)");

  const uint32_t frames = sample.shape[0];
  const uint32_t channels = image ? sample.shape[1] * sample.shape[2] : sample.shape[1];
  in->frames = std::max(frames, window_frames_);
  in->pcm.clear();
  in->image.clear();
  in->values.clear();
  if (block_->input_form() == BlockInputForm::kImage) {
    in->channels = channels;
    in->image.assign(sample.u8().begin(), sample.u8().end());
    return Status::Ok();
  }
  if (block_->input_form() == BlockInputForm::kPcm) {
    // Mono: the mean of the channels, rounded to nearest.
    std::span<const int16_t> pcm = sample.i16();
    in->channels = 1;
    in->pcm.assign(in->frames, 0);
    for (uint32_t t = 0; t < frames; ++t) {
      int32_t sum = 0;
      for (uint32_t c = 0; c < channels; ++c) sum += pcm[size_t{t} * channels + c];
      in->pcm[t] = static_cast<int16_t>(std::lround(static_cast<double>(sum) / channels));
    }
    return Status::Ok();
  }
  in->channels = channels;
  in->values.assign(size_t{in->frames} * channels, 0.0f);
  switch (sample.dtype) {
    case DType::kF32: std::copy(sample.f32().begin(), sample.f32().end(), in->values.begin()); break;
    case DType::kI16:
      std::transform(sample.i16().begin(), sample.i16().end(), in->values.begin(),
                     [](int16_t v) { return static_cast<float>(v) / 32768.0f; });
      break;
    case DType::kU8:
      std::transform(sample.u8().begin(), sample.u8().end(), in->values.begin(),
                     [](uint8_t v) { return static_cast<float>(v); });
      break;
  }
  return Status::Ok();
}

Result<SampleFeatures> FeatureExtractor::Compute(const SampleData& sample) {
  MOTE_RETURN_IF_ERROR(Prepare(sample, &scratch_));
  SampleFeatures out;
  const uint32_t frames = sample.shape[0];
  out.padded = frames < window_frames_;
  out.windows = WindowCount(frames);
  const size_t per_window = shape().size();
  out.values.resize(out.windows * per_window);
  for (uint32_t w = 0; w < out.windows; ++w) block_->Compute(scratch_, w * stride_frames_, out.values.data() + w * per_window);
  return out;
}

}  // namespace mote
