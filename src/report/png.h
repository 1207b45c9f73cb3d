// PNG encoding in memory (stb_image_write), for the pictures mote writes into
// reports/: feature pictures and the cells of an SVG heatmap.
#pragma once

#include <cstdint>
#include <string>

namespace mote {

// The PNG file of a `width` x `height` image of `channels` (1 gray, 3 RGB,
// 4 RGBA) 8-bit values per pixel, rows top first, packed (no row padding).
// Requires `pixels` to hold width * height * channels bytes. Thread-safe.
std::string EncodePng(uint32_t width, uint32_t height, uint32_t channels, const uint8_t* pixels);

}  // namespace mote
