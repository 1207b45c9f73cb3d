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

namespace {

// Sum is int32_t when frames < 65536 (|sum| + frames / 2 < 2^31 then), else
// int64_t.
template <typename Sum>
void SubtractColumnMeans(int16_t* rows, uint32_t frames, uint32_t features) {
  const Sum n = static_cast<Sum>(frames);
  for (uint32_t j = 0; j < features; ++j) {
    Sum sum = 0;
    for (uint32_t t = 0; t < frames; ++t) sum += rows[t * features + j];
    // Round half away from zero: (|sum| + n/2) / n with the sign of sum.
    const Sum magnitude = ((sum < 0 ? -sum : sum) + n / 2) / n;
    const int32_t mean = static_cast<int32_t>(sum < 0 ? -magnitude : magnitude);
    for (uint32_t t = 0; t < frames; ++t) {
      const int32_t v = rows[t * features + j] - mean;
      rows[t * features + j] = static_cast<int16_t>(v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
    }
  }
}

}  // namespace

void SubtractWindowMean(int16_t* rows, uint32_t frames, uint32_t features) {
  if (frames == 0) return;
  // 32-bit sums and divisions are single instructions on a Cortex-M4.
  if (frames < 65536) {
    SubtractColumnMeans<int32_t>(rows, frames, features);
  } else {
    SubtractColumnMeans<int64_t>(rows, frames, features);
  }
}

}  // namespace mote::dsp
