#include "micro/dsp/log_compress.h"

#include "micro/dsp/log2_exp2.h"

namespace mote::dsp {

// Log2F and Exp2F rather than libm: the same features on every target.
float PowerFromDecibels(float noise_floor_db) { return Exp2F(noise_floor_db * kOctavesPerDecibel); }

void LogWithFloor(const float* in, uint32_t count, float floor, float* out) {
  for (uint32_t i = 0; i < count; ++i) out[i] = Log2F(in[i] > floor ? in[i] : floor) * kLn2;
}

void DecibelsWithFloor(const float* in, uint32_t count, float floor, float* out) {
  for (uint32_t i = 0; i < count; ++i) out[i] = Log2F(in[i] > floor ? in[i] : floor) * kDecibelsPerOctave;
}

}  // namespace mote::dsp
