#include "micro/dsp/unit_root.h"

namespace mote::dsp {
namespace {

// Taylor polynomials on [0, pi/4], where the first omitted terms are below
// 2e-9: as accurate as float allows. They use only +, - and *, which IEEE
// arithmetic rounds the same way on every target (hardware FPU or soft
// float), unlike libm's sinf/cosf: the tables built from them, and with them
// the Q15 FFT, are bit-identical on the host and on the device. (This needs
// no fused multiply-add contraction. GCC contracts C++ by default, even with
// -std=c++17, wherever the target has an FMA, as the Cortex-M4F does, so
// micro/ is built with -ffp-contract=off: cmake/micro_flags.cmake.)
float SinSmall(float x) {
  const float s = x * x;
  return x * (1.0f + s * (-1.0f / 6 + s * (1.0f / 120 + s * (-1.0f / 5040 + s * (1.0f / 362880)))));
}

float CosSmall(float x) {
  const float s = x * x;
  return 1.0f + s * (-0.5f + s * (1.0f / 24 + s * (-1.0f / 720 + s * (1.0f / 40320 + s * (-1.0f / 3628800)))));
}

}  // namespace

CosSin TurnCosSin(uint32_t k, uint32_t n) {
  // The angle is (8k/n) eighths of a turn: octant o plus a remainder r/n of
  // an eighth. Odd octants measure the remainder from the octant's far end so
  // that the argument of the polynomials is always in [0, pi/4].
  const uint32_t eighths = 8u * (k % n);
  const uint32_t octant = eighths / n;
  const uint32_t rem = eighths % n;
  const uint32_t steps = (octant & 1u) ? n - rem : rem;
  const float phi = static_cast<float>(steps) * (kPi / 4.0f) / static_cast<float>(n);
  const float c = CosSmall(phi);
  const float s = SinSmall(phi);
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

float SinHalfTurns(float x) {
  // r = x - 2k in [-1, 1] with k the nearest integer to x / 2 (exact for
  // |x| < 2^22), then sin(pi r) = -sin(-pi r) = sin(pi (1 - r)).
  const float half = 0.5f * x;
  const float k = static_cast<float>(static_cast<int32_t>(half < 0.0f ? half - 0.5f : half + 0.5f));
  float r = x - 2.0f * k;
  const bool negative = r < 0.0f;
  if (negative) r = -r;
  if (r > 0.5f) r = 1.0f - r;
  const float s = r <= 0.25f ? SinSmall(kPi * r) : CosSmall(kPi * (0.5f - r));
  return negative ? -s : s;
}

}  // namespace mote::dsp
