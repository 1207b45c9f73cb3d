#include "micro/dsp/window_mean.h"

namespace mote::dsp {

void SubtractWindowMean(float* rows, uint32_t frames, uint32_t features) {
  if (frames == 0) return;
  for (uint32_t j = 0; j < features; ++j) {
    float sum = 0.0f;
    for (uint32_t t = 0; t < frames; ++t) sum += rows[t * features + j];
    const float mean = sum / static_cast<float>(frames);
    for (uint32_t t = 0; t < frames; ++t) rows[t * features + j] -= mean;
  }
}

void SubtractWindowMean(int16_t* rows, uint32_t frames, uint32_t features) {
  if (frames == 0) return;
  const int64_t n = frames;
  for (uint32_t j = 0; j < features; ++j) {
    int64_t sum = 0;
    for (uint32_t t = 0; t < frames; ++t) sum += rows[t * features + j];
    // Round half away from zero: (|sum| + n/2) / n with the sign of sum.
    const int64_t magnitude = ((sum < 0 ? -sum : sum) + n / 2) / n;
    const int64_t mean = sum < 0 ? -magnitude : magnitude;
    for (uint32_t t = 0; t < frames; ++t) {
      int64_t v = rows[t * features + j] - mean;
      v = v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
      rows[t * features + j] = static_cast<int16_t>(v);
    }
  }
}

}  // namespace mote::dsp
