// Stream windowing: how a signal of `length` samples is cut into frames of
// `frame_length` samples whose starts are `frame_stride` samples apart.
//
// Padding decides what happens at the edges; samples outside the signal
// read as zero (Signal::CopyWithZeros):
//   kNone    only whole frames: (length - frame_length) / stride + 1 frames,
//            0 if the signal is shorter than one frame (Kaldi, python_speech_features);
//   kEnd     the last partial frame is kept, zero-filled: every sample is in
//            at least one frame, ceil((length - frame_length) / stride) + 1
//            frames, 1 for a short non-empty signal;
//   kCenter  frame t is centred on sample t * stride (frame_length / 2 zeros
//            before the signal, as librosa's center=True with zero padding):
//            (length + 2 * (frame_length / 2) - frame_length) / stride + 1 frames.
// An empty signal has no frames in any mode.
#pragma once

#include <cstdint>

namespace mote::dsp {

enum class Padding : uint8_t {
  kNone = 0,
  kEnd = 1,
  kCenter = 2,
};

constexpr bool IsPadding(Padding padding) { return static_cast<uint8_t>(padding) <= 2; }

// Number of frames, as defined above. Requires frame_length >= 1,
// frame_stride >= 1 and IsPadding(padding).
uint32_t FrameCount(uint32_t length, uint32_t frame_length, uint32_t frame_stride, Padding padding);

// Index in the signal of frame `index`'s first sample; negative for a
// kCenter frame that starts in the leading padding.
int64_t FrameStart(uint32_t index, uint32_t frame_length, uint32_t frame_stride, Padding padding);

}  // namespace mote::dsp
