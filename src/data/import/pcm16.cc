#include "data/import/pcm16.h"

#include <algorithm>
#include <cmath>

namespace mote {

std::vector<int16_t> FloatToPcm16(std::span<const float> samples) {
  std::vector<int16_t> out(samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    float scaled = std::isnan(samples[i]) ? 0.0f : std::nearbyint(samples[i] * 32768.0f);
    out[i] = static_cast<int16_t>(std::clamp(scaled, -32768.0f, 32767.0f));
  }
  return out;
}

std::vector<float> Pcm16ToFloat(std::span<const int16_t> samples) {
  std::vector<float> out(samples.size());
  std::transform(samples.begin(), samples.end(), out.begin(), [](int16_t s) { return static_cast<float>(s) / 32768.0f; });
  return out;
}

}  // namespace mote
