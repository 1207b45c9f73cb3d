#include "data/import/sound_chunks.h"

#include <array>
#include <cstring>
#include <fstream>

namespace mote {

namespace {

uint32_t Read32(const uint8_t* p, bool big_endian) {
  return big_endian ? uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3])
                    : uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | uint32_t(p[0]);
}

}  // namespace

Status CheckSoundChunks(const std::filesystem::path& path) {
  std::error_code ec;
  const uint64_t file_size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot open for reading");
  std::array<uint8_t, 12> header{};
  if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) return Status::Ok();  // not a RIFF/FORM file
  bool big_endian;
  const char* sound_chunk;
  if (std::memcmp(header.data(), "RIFF", 4) == 0 && std::memcmp(header.data() + 8, "WAVE", 4) == 0) {
    big_endian = false;
    sound_chunk = "data";
  } else if (std::memcmp(header.data(), "RIFX", 4) == 0 && std::memcmp(header.data() + 8, "WAVE", 4) == 0) {
    big_endian = true;
    sound_chunk = "data";
  } else if (std::memcmp(header.data(), "FORM", 4) == 0 &&
             (std::memcmp(header.data() + 8, "AIFF", 4) == 0 || std::memcmp(header.data() + 8, "AIFC", 4) == 0)) {
    big_endian = true;
    sound_chunk = "SSND";
  } else {
    return Status::Ok();
  }
  uint64_t offset = header.size();
  while (offset + 8 <= file_size) {
    std::array<uint8_t, 8> chunk{};
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(reinterpret_cast<char*>(chunk.data()), chunk.size()))
      return Status::IoError(path.string() + ": read failed at byte " + std::to_string(offset));
    const std::string id(reinterpret_cast<const char*>(chunk.data()), 4);
    const uint64_t size = Read32(chunk.data() + 4, big_endian);
    const bool is_sound = id == sound_chunk;
    if (is_sound && size == 0xFFFFFFFF) return Status::Ok();
    const uint64_t available = file_size - offset - 8;
    if (size > available) {
      std::string printable;
      for (char c : id) printable += (c >= 32 && c < 127) ? c : '?';
      return Status::InvalidArgument(path.string() + ": byte " + std::to_string(offset) + ": '" + printable +
                                     "' chunk declares " + std::to_string(size) + " bytes, but the file ends after " +
                                     std::to_string(available) + " of them (" +
                                     (is_sound ? "truncated file" : "corrupt header or truncated file") + ")");
    }
    if (is_sound) return Status::Ok();  // what follows the samples does not matter for their length
    offset += 8 + size + (size & 1);  // chunks are padded to an even length
  }
  return Status::Ok();
}

}  // namespace mote
