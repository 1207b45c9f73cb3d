#include "features/window_block.h"

#include <cstdio>
#include <type_traits>

#include "micro/dsp/arena.h"
#include "micro/dsp/fixed_log.h"
#include "micro/dsp/image_block.h"
#include "micro/dsp/mel_scale.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/mfe_q15.h"
#include "micro/dsp/micro_speech/micro_speech_frontend.h"
#include "micro/dsp/spectrogram_q15.h"

namespace mote {

namespace {

namespace ms = dsp::micro_speech;

std::string Hz(float hz) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f Hz", static_cast<double>(hz));
  return buf;
}

std::vector<std::string> Numbered(const std::string& prefix, uint32_t n) {
  std::vector<std::string> names;
  for (uint32_t i = 0; i < n; ++i) names.push_back(prefix + std::to_string(i));
  return names;
}

// Centre frequency of each mel filter, as "mel 3 (240 Hz)".
std::vector<std::string> MelNames(const dsp::MelParams& mel) {
  const float low = dsp::HzToMel(mel.low_freq, mel.mel_scale);
  const float high = dsp::HzToMel(mel.UpperEdge(), mel.mel_scale);
  std::vector<std::string> names;
  for (uint32_t m = 0; m < mel.num_filters; ++m) {
    float centre = dsp::MelToHz(low + static_cast<float>(m + 1) * (high - low) / static_cast<float>(mel.num_filters + 1),
                                mel.mel_scale);
    names.push_back("mel " + std::to_string(m) + " (" + Hz(centre) + ")");
  }
  return names;
}

// mfcc, mfe and spectrogram, float (Out = float) or Q15 (Out = int16_t).
template <typename Block, typename Params, typename Out>
class FramedBlock : public WindowBlock {
 public:
  FramedBlock(const Params& params, dsp::FeatureShape shape, std::vector<std::string> names, bool pcm,
              uint32_t window_frames)
      : shape_(shape), names_(std::move(names)), pcm_(pcm), window_frames_(window_frames),
        memory_(Block::WorkspaceBytes(params)), scratch_(std::is_same_v<Out, float> ? 0 : shape.size()) {
    dsp::Arena arena(memory_.data(), memory_.size());
    status_ = block_.Init(params, &arena);
  }
  dsp::DspStatus status() const { return status_; }

  BlockInputForm input_form() const override { return pcm_ ? BlockInputForm::kPcm : BlockInputForm::kValues; }
  dsp::FeatureShape shape() const override { return shape_; }
  std::vector<std::string> FeatureNames() const override { return names_; }

  void Compute(const BlockInput& in, uint32_t start, float* out) override {
    const dsp::Signal signal = pcm_ ? dsp::Signal(in.pcm.data() + start, window_frames_)
                                    : dsp::Signal(in.values.data() + start, window_frames_);
    // The capacity is exactly the shape, so Compute cannot refuse.
    if constexpr (std::is_same_v<Out, float>) {
      block_.Compute(signal, out, shape_.size());
    } else {
      block_.Compute(signal, scratch_.data(), scratch_.size());
      for (size_t i = 0; i < scratch_.size(); ++i) out[i] = static_cast<float>(scratch_[i]) * dsp::kFeatureStep;
    }
  }

 private:
  dsp::FeatureShape shape_;
  std::vector<std::string> names_;
  bool pcm_;
  uint32_t window_frames_;
  std::vector<uint8_t> memory_;  // the block's arena
  std::vector<Out> scratch_;     // Q15 output before conversion
  Block block_;
  dsp::DspStatus status_ = dsp::DspStatus::kOk;
};

class SpectralBlock : public WindowBlock {
 public:
  SpectralBlock(const dsp::SpectralParams& params, const InputSpec& input, uint32_t window_frames)
      : params_(params), channels_(input.channels), window_frames_(window_frames),
        memory_(dsp::SpectralFeatures::WorkspaceBytes(params)) {
    dsp::Arena arena(memory_.data(), memory_.size());
    status_ = block_.Init(params, &arena);
    for (const std::string& axis : input.axis_names) {
      names_.push_back(axis + " rms");
      names_.push_back(axis + " skewness");
      names_.push_back(axis + " kurtosis");
      for (uint32_t p = 1; p <= params.num_peaks; ++p) {
        names_.push_back(axis + " peak" + std::to_string(p) + " Hz");
        names_.push_back(axis + " peak" + std::to_string(p) + " height");
      }
      for (uint32_t b = 0; b + 1 < params.num_band_edges; ++b) {
        char band[64];
        std::snprintf(band, sizeof band, " band %g-%g Hz", static_cast<double>(params.band_edges[b]),
                      static_cast<double>(params.band_edges[b + 1]));
        names_.push_back(axis + band);
      }
    }
  }
  dsp::DspStatus status() const { return status_; }
  dsp::FeatureShape shape() const override { return dsp::SpectralOutputShape(params_, channels_); }
  std::vector<std::string> FeatureNames() const override { return names_; }
  void Compute(const BlockInput& in, uint32_t start, float* out) override {
    block_.Compute(in.values.data() + size_t{start} * channels_, window_frames_, channels_, out, shape().size());
  }

 private:
  dsp::SpectralParams params_;
  uint32_t channels_;
  uint32_t window_frames_;
  std::vector<uint8_t> memory_;
  dsp::SpectralFeatures block_;
  std::vector<std::string> names_;
  dsp::DspStatus status_ = dsp::DspStatus::kOk;
};

// Per-pixel column names of an image row: "x3" (gray) or "x3 R".
std::vector<std::string> PixelNames(uint32_t width, uint32_t channels, const std::vector<std::string>& channel_names) {
  std::vector<std::string> names;
  for (uint32_t x = 0; x < width; ++x)
    for (uint32_t c = 0; c < channels; ++c)
      names.push_back("x" + std::to_string(x) + (channels > 1 ? " " + channel_names[c] : ""));
  return names;
}

// The values themselves, times `scale`: {window_frames, channels}.
class RawBlock : public WindowBlock {
 public:
  RawBlock(float scale, const InputSpec& input, uint32_t window_frames)
      : scale_(scale), shape_{window_frames, input.kind == InputKind::kImage ? input.width * input.channels
                                                                               : input.channels} {
    if (input.kind != InputKind::kImage) {
      names_ = input.axis_names;
      return;
    }
    names_ = PixelNames(input.width, input.channels, input.axis_names);
  }
  dsp::FeatureShape shape() const override { return shape_; }
  std::vector<std::string> FeatureNames() const override { return names_; }
  void Compute(const BlockInput& in, uint32_t start, float* out) override {
    const float* from = in.values.data() + size_t{start} * shape_.features;
    for (size_t i = 0; i < shape_.size(); ++i) out[i] = from[i] * scale_;
  }

 private:
  float scale_;
  dsp::FeatureShape shape_;
  std::vector<std::string> names_;
};

// TFLM micro_speech's front end. Each window is a clip: the noise estimates
// start from zero at the window's start, as ProcessClip does.
class MicroSpeechBlock : public WindowBlock {
 public:
  MicroSpeechBlock(const ms::MicroSpeechFrontendParams& params, bool log_output, uint32_t window_frames)
      : frontend_(params), log_output_(log_output), window_frames_(window_frames),
        shape_{static_cast<uint32_t>(ms::MicroSpeechWindowCount(params, window_frames)),
               static_cast<uint32_t>(ms::kFeaturesPerWindow)},
        int8_(shape_.size()), log_(ms::kNumChannels) {}
  BlockInputForm input_form() const override { return BlockInputForm::kPcm; }
  dsp::FeatureShape shape() const override { return shape_; }
  std::vector<std::string> FeatureNames() const override { return Numbered("ch", shape_.features); }
  void Compute(const BlockInput& in, uint32_t start, float* out) override {
    const int16_t* clip = in.pcm.data() + start;
    if (!log_output_) {
      frontend_.ProcessClip(clip, window_frames_, int8_.data(), shape_.frames);
      for (size_t i = 0; i < int8_.size(); ++i) out[i] = int8_[i];
      return;
    }
    frontend_.Reset();
    for (uint32_t t = 0; t < shape_.frames; ++t) {
      frontend_.ProcessWindowLog(clip + size_t{t} * frontend_.params().stride_samples, log_.data());
      for (size_t c = 0; c < log_.size(); ++c) out[size_t{t} * shape_.features + c] = log_[c];
    }
  }

 private:
  ms::MicroSpeechFrontend frontend_;
  bool log_output_;
  uint32_t window_frames_;
  dsp::FeatureShape shape_;
  std::vector<int8_t> int8_;
  std::vector<int16_t> log_;
};

// micro/dsp's image block: one window is the whole image, the output
// {output_height, output_width * channels}. uint8 and int8 outputs are
// written as their integer values.
class ImageWindowBlock : public WindowBlock {
 public:
  ImageWindowBlock(const dsp::ImageParams& params, const InputSpec& input)
      : params_(params), memory_(dsp::ImageBlock::WorkspaceBytes(params)),
        names_(PixelNames(params.output_width, params.OutputChannels(), input.axis_names)) {
    const dsp::ImageShape s = dsp::ImageOutputShape(params);
    shape_ = {s.height, s.width * s.channels};
    if (params.output_type != dsp::ImageOutputType::kFloat32) bytes_.resize(s.size());
    dsp::Arena arena(memory_.data(), memory_.size());
    status_ = block_.Init(params, &arena);
  }
  dsp::DspStatus status() const { return status_; }
  BlockInputForm input_form() const override { return BlockInputForm::kImage; }
  dsp::FeatureShape shape() const override { return shape_; }
  std::vector<std::string> FeatureNames() const override { return names_; }
  void Compute(const BlockInput& in, uint32_t /*start: one window per image*/, float* out) override {
    // Sizes were checked by FeatureExtractor and Init, so Compute cannot refuse.
    switch (params_.output_type) {
      case dsp::ImageOutputType::kFloat32: block_.Compute(in.image.data(), in.image.size(), out, shape_.size()); return;
      case dsp::ImageOutputType::kUint8:
        block_.Compute(in.image.data(), in.image.size(), bytes_.data(), bytes_.size());
        for (size_t i = 0; i < bytes_.size(); ++i) out[i] = bytes_[i];
        return;
      case dsp::ImageOutputType::kInt8: {
        auto* q = reinterpret_cast<int8_t*>(bytes_.data());
        block_.Compute(in.image.data(), in.image.size(), q, bytes_.size());
        for (size_t i = 0; i < bytes_.size(); ++i) out[i] = q[i];
        return;
      }
    }
  }

 private:
  dsp::ImageParams params_;
  dsp::FeatureShape shape_;
  std::vector<uint8_t> memory_;
  std::vector<uint8_t> bytes_;  // uint8 or int8 output before conversion
  std::vector<std::string> names_;
  dsp::ImageBlock block_;
  dsp::DspStatus status_ = dsp::DspStatus::kOk;
};

template <typename Block>
Result<std::unique_ptr<WindowBlock>> Checked(const DspConfig& dsp, std::unique_ptr<Block> block) {
  if (block->status() != dsp::DspStatus::kOk) return dsp.DspError(block->status());
  return std::unique_ptr<WindowBlock>(std::move(block));
}

template <typename Float, typename Q15, typename Params>
Result<std::unique_ptr<WindowBlock>> Framed(const DspConfig& dsp, const Params& params, dsp::FeatureShape shape,
                                            std::vector<std::string> names, bool pcm, uint32_t window_frames) {
  if (dsp.numeric == DspNumeric::kQ15)
    return Checked(dsp, std::make_unique<FramedBlock<Q15, Params, int16_t>>(params, shape, std::move(names), pcm,
                                                                           window_frames));
  return Checked(dsp, std::make_unique<FramedBlock<Float, Params, float>>(params, shape, std::move(names), pcm,
                                                                         window_frames));
}

}  // namespace

Result<std::unique_ptr<WindowBlock>> WindowBlock::Create(const DspConfig& dsp, const InputSpec& input,
                                                         uint32_t window_frames) {
  const std::string block_name(DspBlockName(dsp.block));
  if (IsAudioBlock(dsp.block)) {
    if (input.kind == InputKind::kImage)
      return dsp.section.Error("block", block_name + " reads audio or a one-axis series; the data is images");
    if (input.kind == InputKind::kSeries && input.channels != 1)
      return dsp.section.Error("block", block_name + " reads one channel; the data has " +
                                            std::to_string(input.channels) + " axes (use spectral or raw)");
    if (dsp.block == DspBlock::kMicroSpeech && input.kind != InputKind::kAudio)
      return dsp.section.Error("block", "micro_speech reads 16 kHz int16 audio; the data is a float series");
  }
  if (dsp.block == DspBlock::kSpectral && input.kind == InputKind::kImage)
    return dsp.section.Error("block", "spectral reads time series; the data is images");
  if (dsp.block == DspBlock::kImage && input.kind != InputKind::kImage)
    return dsp.section.Error("block", "image reads images; the data is " + std::string(InputKindName(input.kind)));

  const bool pcm = input.kind == InputKind::kAudio;
  auto too_short = [&](dsp::FeatureShape shape) -> Status {
    if (shape.frames > 0) return Status::Ok();
    return dsp.section.Error("frame_length_ms", "is longer than a window (" + std::to_string(window_frames) +
                                                    " samples); lengthen window.size_ms or shorten the frame");
  };
  switch (dsp.block) {
    case DspBlock::kRaw:
      return std::unique_ptr<WindowBlock>(std::make_unique<RawBlock>(dsp.raw_scale, input, window_frames));
    case DspBlock::kMfcc: {
      dsp::FeatureShape shape = dsp::MfccOutputShape(dsp.mfcc, window_frames);
      MOTE_RETURN_IF_ERROR(too_short(shape));
      return Framed<dsp::Mfcc, dsp::MfccQ15>(dsp, dsp.mfcc, shape, Numbered("c", shape.features), pcm, window_frames);
    }
    case DspBlock::kMfe: {
      dsp::FeatureShape shape = dsp::MfeOutputShape(dsp.mfe, window_frames);
      MOTE_RETURN_IF_ERROR(too_short(shape));
      return Framed<dsp::Mfe, dsp::MfeQ15>(dsp, dsp.mfe, shape, MelNames(dsp.mfe.mel), pcm, window_frames);
    }
    case DspBlock::kSpectrogram: {
      dsp::FeatureShape shape = dsp::SpectrogramOutputShape(dsp.spectrogram, window_frames);
      MOTE_RETURN_IF_ERROR(too_short(shape));
      std::vector<std::string> names;
      const float bin_hz = static_cast<float>(input.sample_rate_hz) / static_cast<float>(dsp.spectrogram.frame.fft_length);
      for (uint32_t k = 0; k < shape.features; ++k) names.push_back(Hz(static_cast<float>(k) * bin_hz));
      return Framed<dsp::Spectrogram, dsp::SpectrogramQ15>(dsp, dsp.spectrogram, shape, std::move(names), pcm,
                                                           window_frames);
    }
    case DspBlock::kSpectral:
      return Checked(dsp, std::make_unique<SpectralBlock>(dsp.spectral, input, window_frames));
    case DspBlock::kMicroSpeech: {
      auto block = std::make_unique<MicroSpeechBlock>(dsp.micro_speech, dsp.micro_speech_log_output, window_frames);
      if (block->shape().frames == 0)
        return dsp.section.Error("block", "micro_speech needs windows of at least 480 samples (30 ms); a window is " +
                                              std::to_string(window_frames) + " samples");
      return std::unique_ptr<WindowBlock>(std::move(block));
    }
    case DspBlock::kImage:
      return Checked(dsp, std::make_unique<ImageWindowBlock>(dsp.image, input));
  }
  return Status::Internal("unknown DSP block");
}

}  // namespace mote
