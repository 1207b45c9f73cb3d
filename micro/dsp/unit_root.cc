#include "micro/dsp/unit_root.h"

#include <cmath>

namespace mote::dsp {

CosSin TurnCosSin(uint32_t k, uint32_t n) {
  // The angle is (8k/n) eighths of a turn: octant o plus a remainder r/n of
  // an eighth. Odd octants measure the remainder from the octant's far end so
  // that the argument given to cosf/sinf is always in [0, pi/4].
  const uint32_t eighths = 8u * (k % n);
  const uint32_t octant = eighths / n;
  const uint32_t rem = eighths % n;
  const uint32_t steps = (octant & 1u) ? n - rem : rem;
  const float phi = static_cast<float>(steps) * (kPi / 4.0f) / static_cast<float>(n);
  const float c = std::cos(phi);
  const float s = std::sin(phi);
  switch (octant) {
    case 0: return {c, s};
    case 1: return {s, c};
    case 2: return {-s, c};
    case 3: return {-c, s};
    case 4: return {-c, -s};
    case 5: return {-s, -c};
    case 6: return {s, -c};
    default: return {c, -s};
  }
}

}  // namespace mote::dsp
