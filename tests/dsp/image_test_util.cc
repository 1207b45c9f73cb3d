#include "dsp/image_test_util.h"

#include <random>

namespace mote::dsp::testing {

std::vector<uint8_t> RandomImage(uint32_t width, uint32_t height, uint32_t channels, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<uint8_t> image(size_t{width} * height * channels);
  for (uint8_t& v : image) v = static_cast<uint8_t>(byte(rng));
  return image;
}

}  // namespace mote::dsp::testing
