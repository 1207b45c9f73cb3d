// WindowBlock: one micro/dsp block set up for windows of a fixed length,
// writing float features. It adapts the blocks' different inputs (int16
// or float signals, frame-interleaved axes) and outputs (float, Q15 int16,
// int8) to one interface, so that FeatureExtractor does not care which block
// it runs. Q15 features are written as value / 64 and micro_speech's int8 or
// log values as they are: exactly what the device computes, as floats.
//
// Not thread-safe: the block's tables and scratch live in the object. Create
// one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "features/dsp_config.h"
#include "features/input_spec.h"
#include "micro/dsp/feature_shape.h"

namespace mote {

// Which member of BlockInput a block reads.
enum class BlockInputForm {
  kValues,  // float values, frame-interleaved
  kPcm,     // int16 mono audio
  kImage,   // the image's bytes as stored (uint8 HWC)
};

// A sample's values as the blocks read them, padded with zeros to at least
// one window. Audio blocks read one channel: `pcm` for int16 audio (the
// channels mixed), else `values` with one channel. The image block reads
// `image`. The other blocks read `values`, frame-interleaved: int16 audio as
// sample / 32768 (Q15), images as rows of width * channels bytes.
struct BlockInput {
  uint32_t frames = 0;           // per channel, after padding (images: rows)
  uint32_t channels = 1;         // values per frame
  std::vector<int16_t> pcm;      // kPcm; else empty
  std::vector<uint8_t> image;    // kImage: height * width * channels bytes; else empty
  std::vector<float> values;     // kValues: frames * channels; else empty
};

class WindowBlock {
 public:
  virtual ~WindowBlock() = default;

  // The block of `dsp` (already ForSampleRate()) for windows of
  // `window_frames` frames of `input`. InvalidArgument at the mote.yaml key
  // when the window yields no features (e.g. shorter than one frame) or the
  // data does not suit the block (audio blocks need one channel).
  static Result<std::unique_ptr<WindowBlock>> Create(const DspConfig& dsp, const InputSpec& input,
                                                     uint32_t window_frames);

  // The member of BlockInput the block reads.
  virtual BlockInputForm input_form() const { return BlockInputForm::kValues; }
  // Output shape of one window.
  virtual dsp::FeatureShape shape() const = 0;
  // Names of the shape().features columns ("c0", "accX rms", "250 Hz", ...).
  virtual std::vector<std::string> FeatureNames() const = 0;
  // Features of the window starting at frame `start` (start + window_frames
  // <= in.frames) into `out` (shape().size() floats).
  virtual void Compute(const BlockInput& in, uint32_t start, float* out) = 0;
};

}  // namespace mote
