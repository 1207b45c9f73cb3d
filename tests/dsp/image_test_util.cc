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

ImageParams CenterCropAreaParams(uint32_t input_width, uint32_t input_height, uint32_t output_width,
                                 uint32_t output_height) {
  ImageParams params;
  params.input_width = input_width;
  params.input_height = input_height;
  params.crop = CropMode::kCenter;
  params.output_width = output_width;
  params.output_height = output_height;
  params.resize = ResizeMethod::kArea;
  return params;
}

}  // namespace mote::dsp::testing
