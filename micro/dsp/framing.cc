#include "micro/dsp/framing.h"

namespace mote::dsp {

uint32_t FrameCount(uint32_t length, uint32_t frame_length, uint32_t frame_stride, Padding padding) {
  if (length == 0) return 0;
  switch (padding) {
    case Padding::kNone:
      return length < frame_length ? 0 : (length - frame_length) / frame_stride + 1;
    case Padding::kEnd:
      return length <= frame_length ? 1 : (length - frame_length + frame_stride - 1) / frame_stride + 1;
    case Padding::kCenter: {
      // For an odd frame_length the padded signal is one sample shorter
      // than length + frame_length, and a non-empty signal still fills one frame.
      const uint64_t padded = uint64_t{length} + 2 * (frame_length / 2);
      return static_cast<uint32_t>((padded - frame_length) / frame_stride + 1);
    }
  }
  return 0;
}

int64_t FrameStart(uint32_t index, uint32_t frame_length, uint32_t frame_stride, Padding padding) {
  const int64_t start = int64_t{index} * frame_stride;
  return padding == Padding::kCenter ? start - frame_length / 2 : start;
}

}  // namespace mote::dsp
