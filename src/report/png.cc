#include "report/png.h"

#include <stb_image_write.h>

namespace mote {
namespace {

void AppendBytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

}  // namespace

std::string EncodePng(uint32_t width, uint32_t height, uint32_t channels, const uint8_t* pixels) {
  std::string png;
  stbi_write_png_to_func(AppendBytes, &png, static_cast<int>(width), static_cast<int>(height),
                         static_cast<int>(channels), pixels, static_cast<int>(width * channels));
  return png;
}

}  // namespace mote
