// Test images and a one-call runner for the image block.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "micro/dsp/arena.h"
#include "micro/dsp/image_block.h"

namespace mote::dsp::testing {

// width x height x channels bytes, uniformly random (seeded): the hardest
// case for rounding, every neighbour differs.
std::vector<uint8_t> RandomImage(uint32_t width, uint32_t height, uint32_t channels, uint32_t seed);

// The parameters of a center crop of an input_width x input_height image
// resized by area averaging to output_width x output_height (the rest at
// their defaults: RGB, [0, 1] floats), as mote.yaml's image template has it.
ImageParams CenterCropAreaParams(uint32_t input_width, uint32_t input_height, uint32_t output_width,
                                 uint32_t output_height);

// Runs an ImageBlock built from `params` on `image` with output type T;
// fails the test (and returns what was written) on any error.
template <typename T>
std::vector<T> RunImageBlock(const ImageParams& params, const std::vector<uint8_t>& image) {
  std::vector<unsigned char> memory(ImageBlock::WorkspaceBytes(params));
  Arena arena(memory.data(), memory.size());
  ImageBlock block;
  std::vector<T> out(ImageOutputShape(params).size());
  EXPECT_EQ(block.Init(params, &arena), DspStatus::kOk);
  EXPECT_EQ(block.Compute(image.data(), image.size(), out.data(), out.size()), DspStatus::kOk);
  return out;
}

}  // namespace mote::dsp::testing
