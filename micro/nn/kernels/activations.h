// RELU and RELU6 on float32: each value clamped to [min, max] (0 and
// FLT_MAX, or 0 and 6), the parameters the kernels' prepare computes;
// callable directly by generated code.
#pragma once

#include <cstdint>

namespace mote::nn {

struct ClampParams {
  uint32_t elements;
  float min, max;
};

void ClampFloat(const ClampParams& p, const float* input, float* output);

}  // namespace mote::nn
