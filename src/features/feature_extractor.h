// FeatureExtractor: turns one sample into the features a model sees, as
// mote.yaml's `dsp:` and `window:` sections say. Training, evaluation and the
// exporter use it; the features stage runs it over the dataset.
//
// A sample is cut into windows of window.size_ms starting every
// window.stride_ms (in samples at the data's rate, rounded); a tail shorter
// than a window is dropped, and a sample shorter than one window gives one
// window padded with zeros at the end (SampleFeatures::padded says so).
// Without window.size_ms the window is the longest sample of the dataset
// (InputSpec::max_frames). Images are always whole (raw block: one window of
// {height, width * channels}).
//
// Channels: audio blocks (mfcc, mfe, spectrogram, micro_speech) read one
// channel; multi-channel int16 audio is mixed to mono (the mean of the
// channels, rounded), and a float series must have one axis. spectral and
// raw read every axis (int16 audio as sample / 32768).
//
// The output shape of a window depends on the parameters and the InputSpec
// only, never on a sample's values: the estimator and the exporter can size
// buffers and models from it.
//
// Not thread-safe (it holds the block's scratch memory): create one per
// thread; Create is cheap.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/data_config.h"
#include "data/sample.h"
#include "features/dsp_config.h"
#include "features/input_spec.h"
#include "features/window_block.h"
#include "micro/dsp/feature_shape.h"

namespace mote {

class Project;

struct SampleFeatures {
  uint32_t windows = 0;
  bool padded = false;        // shorter than one window: zeros were appended
  std::vector<float> values;  // windows * shape().size(), window by window
};

class FeatureExtractor {
 public:
  // InvalidArgument at the mote.yaml key when the parameters do not suit
  // data like `input` (a frame longer than the window, a cutoff above the
  // Nyquist frequency, an audio block on three axes, ...).
  static Result<std::unique_ptr<FeatureExtractor>> Create(const DspConfig& dsp, const WindowConfig& window,
                                                          const InputSpec& input);
  // The same from a project's mote.yaml (errors as ParseProjectDspConfig).
  static Result<std::unique_ptr<FeatureExtractor>> ForProject(const Project& project, const InputSpec& input);

  // Shape of one window's features.
  dsp::FeatureShape shape() const { return block_->shape(); }
  // Names of the shape().features columns.
  std::vector<std::string> FeatureNames() const { return block_->FeatureNames(); }
  // Window length and stride in frames of the input (image: rows).
  uint32_t window_frames() const { return window_frames_; }
  uint32_t stride_frames() const { return stride_frames_; }
  // Windows of a sample with `frames` frames (1 when frames <= window_frames()).
  uint32_t WindowCount(uint32_t frames) const;

  // The configuration, its parameter structs completed for the input's rate.
  const DspConfig& dsp() const { return dsp_; }
  const InputSpec& input() const { return input_; }

  // Every window's features of `sample`. InvalidArgument if the sample does
  // not match input() (dtype, channels, image size).
  Result<SampleFeatures> Compute(const SampleData& sample);

 private:
  FeatureExtractor(DspConfig dsp, InputSpec input, uint32_t window_frames, uint32_t stride_frames,
                   std::unique_ptr<WindowBlock> block)
      : dsp_(std::move(dsp)), input_(std::move(input)), window_frames_(window_frames),
        stride_frames_(stride_frames), block_(std::move(block)) {}
  static Result<std::unique_ptr<FeatureExtractor>> Make(const DspConfig& dsp, const WindowConfig& window,
                                                        const InputSpec& input, const YamlSection* window_section);
  Status Prepare(const SampleData& sample, BlockInput* in) const;

  DspConfig dsp_;
  InputSpec input_;
  uint32_t window_frames_;
  uint32_t stride_frames_;
  std::unique_ptr<WindowBlock> block_;
  BlockInput scratch_;  // reused between samples
};

}  // namespace mote
