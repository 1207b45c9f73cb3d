#include "data/synth/synth_random.h"

#include <cmath>
#include <numbers>

namespace mote {

namespace {

// SplitMix64's finaliser: a bijection of 64-bit words that mixes every input
// bit into every output bit, so neighbouring seeds give unrelated streams.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a: a fixed, platform-independent hash of a string (std::hash is not).
uint64_t HashText(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

SynthRandom SynthRandom::ForFile(uint64_t seed, std::string_view kind, std::string_view label, int64_t index) {
  uint64_t h = Mix(seed);
  h = Mix(h ^ HashText(kind));
  h = Mix(h ^ HashText(label));
  h = Mix(h ^ static_cast<uint64_t>(index));
  return SynthRandom(h);
}

double SynthRandom::Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

uint64_t SynthRandom::Below(uint64_t n) {
  // Reject the top partial block so that every residue is equally likely.
  uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do x = engine_();
  while (x >= limit);
  return x % n;
}

double SynthRandom::Normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // 1 - Uniform() is in (0, 1], so the logarithm is finite.
  double u1 = 1.0 - Uniform(), u2 = Uniform();
  double r = std::sqrt(-2.0 * std::log(u1));
  double angle = 2.0 * std::numbers::pi * u2;
  spare_ = r * std::sin(angle);
  has_spare_ = true;
  return r * std::cos(angle);
}

}  // namespace mote
