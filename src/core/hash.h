// SHA-256 (libsodium) and the hex form mote uses for every content address.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <sodium.h>

#include "core/status.h"

namespace mote {

using Digest = std::array<uint8_t, 32>;

// Incremental SHA-256. Not thread-safe; one instance per stream.
class Sha256 {
 public:
  Sha256();
  Sha256& Update(std::span<const uint8_t> bytes);
  Sha256& Update(std::string_view text);
  // Adds a length prefix before `text`, so that ("ab","c") and ("a","bc")
  // hash differently; use it when hashing a sequence of fields.
  Sha256& UpdateField(std::string_view text);
  Digest Finish();  // the object must not be used afterwards

 private:
  crypto_hash_sha256_state state_;
};

Digest Sha256Of(std::span<const uint8_t> bytes);
Digest Sha256Of(std::string_view text);
// Streams the file; IoError names the path if it cannot be read.
Result<Digest> Sha256OfFile(const std::filesystem::path& path);

std::string ToHex(std::span<const uint8_t> bytes);
// Parses 64 hex digits; false on anything else.
bool FromHex(std::string_view hex, Digest* out);

}  // namespace mote
