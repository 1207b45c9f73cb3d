// The shape of a block's output: `frames` rows of `features` values,
// row-major (frame 0's features first). Known before any sample is seen:
// the estimator and the exporter size buffers and models from it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp {

struct FeatureShape {
  uint32_t frames = 0;
  uint32_t features = 0;

  size_t size() const { return size_t{frames} * features; }
};

}  // namespace mote::dsp
