// What the device benchmarks share about ../shared/models: where it is and
// when an output counts as the golden one. Header-only; needs
// MOTE_SOURCE_DIR defined by the target.
#pragma once

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace mote::bench {

// $MOTE_SHARED_MODELS, else ../shared/models beside the source tree.
inline std::filesystem::path ModelsDir() {
  if (const char* env = std::getenv("MOTE_SHARED_MODELS"); env && *env) return env;
  return std::filesystem::path(MOTE_SOURCE_DIR) / ".." / "shared" / "models";
}

// int8 (any non-float output): byte for byte; float32: within 1e-5
// relative plus 1e-6 absolute, element by element.
inline bool SameAsGolden(const std::string& got, const std::string& expected, bool is_float) {
  if (got.size() != expected.size()) return false;
  if (!is_float) return got == expected;
  for (size_t i = 0; i < got.size() / 4; ++i) {
    float g, e;
    std::memcpy(&g, got.data() + 4 * i, 4);
    std::memcpy(&e, expected.data() + 4 * i, 4);
    if (!(std::fabs(g - e) <= 1e-5 * std::fabs(e) + 1e-6)) return false;
  }
  return true;
}

}  // namespace mote::bench
