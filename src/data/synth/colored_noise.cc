#include "data/synth/colored_noise.h"

#include <array>
#include <bit>
#include <cmath>

namespace mote {

std::string_view NoiseColorName(NoiseColor color) {
  switch (color) {
    case NoiseColor::kWhite:
      return "white";
    case NoiseColor::kPink:
      return "pink";
    case NoiseColor::kBrown:
      break;
  }
  return "brown";
}

std::vector<float> ColoredNoise(NoiseColor color, size_t n, SynthRandom& rng) {
  std::vector<double> x(n);
  switch (color) {
    case NoiseColor::kWhite:
      for (double& v : x) v = rng.Normal();
      break;
    case NoiseColor::kPink: {
      // Row k is redrawn whenever bit k is the lowest set bit of the counter,
      // i.e. every 2^(k+1) samples: octave-spaced sources sum to ~1/f.
      std::array<double, 16> rows;
      double sum = 0;
      for (double& r : rows) sum += (r = rng.Normal());
      for (size_t i = 0; i < n; ++i) {
        size_t k = static_cast<size_t>(std::countr_zero(static_cast<uint64_t>(i + 1)));
        if (k < rows.size()) {
          sum -= rows[k];
          sum += (rows[k] = rng.Normal());
        }
        x[i] = sum + rng.Normal();
      }
      break;
    }
    case NoiseColor::kBrown: {
      double level = 0;
      for (double& v : x) v = level = 0.995 * level + rng.Normal();
      break;
    }
  }
  std::vector<float> out(n, 0.0f);
  if (n < 2) return out;
  double mean = 0, power = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  for (double v : x) power += (v - mean) * (v - mean);
  double scale = power > 0 ? 1 / std::sqrt(power / static_cast<double>(n)) : 0;
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<float>((x[i] - mean) * scale);
  return out;
}

}  // namespace mote
