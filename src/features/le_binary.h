// Little-endian fields of mote's binary feature files (features.bin,
// normalization.bin): a 4-byte magic, uint32 header fields, float32 arrays.
// Host order is little-endian on every platform mote builds for (x86-64,
// AArch64), as for the sample blob, so values are copied as they are.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace mote {

static_assert(std::endian::native == std::endian::little, "mote's binary files assume a little-endian host");

inline void AppendU32(std::string* out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out->append(b, 4);
}

inline void AppendFloats(std::string* out, std::span<const float> values) {
  out->append(reinterpret_cast<const char*>(values.data()), values.size_bytes());
}

// The uint32 at byte `offset` of `bytes`; the caller checks the size.
inline uint32_t ReadU32(std::string_view bytes, size_t offset) {
  uint32_t v;
  std::memcpy(&v, bytes.data() + offset, 4);
  return v;
}

inline void ReadFloats(std::string_view bytes, size_t offset, std::span<float> out) {
  std::memcpy(out.data(), bytes.data() + offset, out.size_bytes());
}

}  // namespace mote
