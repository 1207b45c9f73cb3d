// Images through stb_image: PNG, JPEG, BMP and binary PGM/PPM. One file is one
// u8 {height, width, channels} sample that keeps the file's colour model:
// gray stays one channel, colour is three (RGB); an alpha channel is dropped.
#include <stb_image.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>

#include "core/file_util.h"
#include "data/import/ascii_case.h"
#include "data/import/importer.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 7> kExtensions = {".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm", ".pnm"};

struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};

Status NotAnImage(const fs::path& path) {
  const char* reason = stbi_failure_reason();
  return Status::InvalidArgument(path.string() + ": not a PNG/JPEG/BMP/PGM image (stb: " +
                                 (reason ? reason : "unknown error") + ")");
}

Result<ImportedSample> ReadImage(const fs::path& path) {
  MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  if (bytes.size() > INT32_MAX) return Status::Unsupported(path.string() + ": image file larger than 2 GB");
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int size = static_cast<int>(bytes.size());
  int width = 0, height = 0, file_channels = 0;
  if (!stbi_info_from_memory(data, size, &width, &height, &file_channels)) return NotAnImage(path);
  // 1: gray, 2: gray + alpha, 3: RGB, 4: RGBA.
  const int channels = file_channels <= 2 ? 1 : 3;
  std::unique_ptr<unsigned char, StbFree> pixels(stbi_load_from_memory(data, size, &width, &height, &file_channels,
                                                                       channels));
  if (!pixels) return NotAnImage(path);
  ImportedSample s;
  const size_t count = static_cast<size_t>(width) * static_cast<size_t>(height) * static_cast<size_t>(channels);
  s.data = SampleData::FromU8(
      {static_cast<uint32_t>(height), static_cast<uint32_t>(width), static_cast<uint32_t>(channels)},
      {pixels.get(), count});
  if (channels == 1) s.axes = {{"gray", ""}};
  else s.axes = {{"red", ""}, {"green", ""}, {"blue", ""}};
  s.source = path.string();
  return s;
}

class ImageImporter : public Importer {
 public:
  std::string_view name() const override { return "image"; }

  bool Accepts(const fs::path& path, std::span<const uint8_t> head) const override {
    std::string ext = LowerExtension(path);
    if (std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end()) return true;
    auto starts = [&](std::string_view magic) {
      return head.size() >= magic.size() && std::memcmp(head.data(), magic.data(), magic.size()) == 0;
    };
    // BMP: "BM", the file size, then four reserved zero bytes; PGM/PPM: "P5"
    // or "P6" and a blank. Two letters alone would catch text files.
    const bool bmp = starts("BM") && head.size() >= 14 && head[6] == 0 && head[7] == 0 && head[8] == 0 && head[9] == 0;
    const bool pnm = (starts("P5") || starts("P6")) && head.size() > 2 && std::isspace(head[2]);
    return starts("\x89PNG\r\n\x1a\n") || starts("\xFF\xD8\xFF") || bmp || pnm;
  }

  Status Read(std::span<const fs::path> files, const ImportOptions&, const SampleSink& sink) const override {
    for (const fs::path& f : files) {
      MOTE_ASSIGN_OR_RETURN(ImportedSample s, ReadImage(f));
      MOTE_RETURN_IF_ERROR(sink(std::move(s)));
    }
    return Status::Ok();
  }
};

}  // namespace

MOTE_REGISTER_IMPORTER(ImageImporter);

}  // namespace mote
