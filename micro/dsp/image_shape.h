// The shape of an image: `height` rows of `width` pixels of `channels`
// interleaved values (HWC, top row first), as mote stores images and as a
// model's [1, height, width, channels] input tensor lays them out.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp {

struct ImageShape {
  uint32_t height = 0;
  uint32_t width = 0;
  uint32_t channels = 0;

  size_t size() const { return size_t{height} * width * channels; }
};

}  // namespace mote::dsp
