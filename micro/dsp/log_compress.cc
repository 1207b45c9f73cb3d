#include "micro/dsp/log_compress.h"

#include <cmath>

namespace mote::dsp {

float PowerFromDecibels(float noise_floor_db) { return std::pow(10.0f, noise_floor_db / 10.0f); }

void LogWithFloor(const float* in, uint32_t count, float floor, float* out) {
  for (uint32_t i = 0; i < count; ++i) out[i] = std::log(in[i] > floor ? in[i] : floor);
}

void DecibelsWithFloor(const float* in, uint32_t count, float floor, float* out) {
  for (uint32_t i = 0; i < count; ++i) out[i] = 10.0f * std::log10(in[i] > floor ? in[i] : floor);
}

}  // namespace mote::dsp
