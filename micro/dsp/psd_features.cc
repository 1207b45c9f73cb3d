#include "micro/dsp/psd_features.h"

namespace mote::dsp {

void FindSpectralPeaks(const float* psd, uint32_t bins, float bin_hz, float threshold, uint32_t count, float* out) {
  // Insertion into a short sorted list: count is at most kMaxSpectralPeaks.
  uint32_t found = 0;
  uint32_t best[kMaxSpectralPeaks];
  for (uint32_t k = 1; k + 1 < bins; ++k) {
    const float h = psd[k];
    if (!(h > psd[k - 1] && h >= psd[k + 1] && h >= threshold)) continue;
    uint32_t at = found < count ? found++ : count;
    while (at > 0 && psd[best[at - 1]] < h) {
      if (at < count) best[at] = best[at - 1];
      --at;
    }
    if (at < count) best[at] = k;
  }
  for (uint32_t i = 0; i < count; ++i) {
    out[2 * i] = i < found ? static_cast<float>(best[i]) * bin_hz : 0.0f;
    out[2 * i + 1] = i < found ? psd[best[i]] : 0.0f;
  }
}

float BandPower(const float* psd, uint32_t bins, float bin_hz, float low_hz, float high_hz) {
  float sum = 0.0f;
  for (uint32_t k = 0; k < bins; ++k) {
    const float hz = static_cast<float>(k) * bin_hz;
    if (hz >= low_hz && hz < high_hz) sum += psd[k];
  }
  return sum * bin_hz;
}

}  // namespace mote::dsp
