#include "data/import/edge_impulse_signature.h"

#include <sodium.h>

#include <algorithm>

#include "core/hash.h"

namespace mote {

namespace {
constexpr size_t kHexLength = 64;
// CBOR: text string of 9 bytes (0x69) "signature", then a text string whose
// length (64) follows in one byte (0x78 0x40).
constexpr std::string_view kCborKey = "\x69signature\x78\x40";
constexpr std::string_view kJsonKey = "\"signature\"";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the signature's 64 hex digits sit in `encoded`: the value of the key
// "signature" that equals `signature`. npos if there is none.
size_t FindSignature(std::string_view encoded, bool cbor, std::string_view signature) {
  if (signature.size() != kHexLength) return std::string_view::npos;
  std::string_view key = cbor ? kCborKey : kJsonKey;
  for (size_t k = encoded.find(key); k != std::string_view::npos; k = encoded.find(key, k + 1)) {
    size_t at = k + key.size();
    if (!cbor) {
      // A key is followed by ':' (a string value "signature" is not).
      while (at < encoded.size() && IsSpace(encoded[at])) ++at;
      if (at >= encoded.size() || encoded[at] != ':') continue;
      ++at;
      while (at < encoded.size() && IsSpace(encoded[at])) ++at;
      if (at >= encoded.size() || encoded[at] != '"') continue;
      ++at;
    }
    if (encoded.substr(at, kHexLength) == signature) return at;
  }
  return std::string_view::npos;
}

// HMAC-SHA256 of `encoded` with the 64 digits at `at` replaced by '0'.
Digest SignedMac(std::string_view encoded, size_t at, std::string_view key) {
  static const bool sodium_ready = sodium_init() >= 0;
  (void)sodium_ready;
  const std::string zeros(kHexLength, '0');
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  auto update = [&](std::string_view part) {
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  update(encoded.substr(0, at));
  update(zeros);
  update(encoded.substr(std::min(at + kHexLength, encoded.size())));
  Digest mac;
  crypto_auth_hmacsha256_final(&state, mac.data());
  return mac;
}

}  // namespace

Status VerifySignature(std::string_view encoded, bool cbor, std::string_view signature, std::string_view key,
                       const std::string& name) {
  Digest given;
  if (!FromHex(signature, &given))
    return Status::InvalidArgument(name + ": field 'signature': expected 64 hex digits, got '" + std::string(signature) +
                                   "'");
  size_t at = FindSignature(encoded, cbor, signature);
  if (at == std::string_view::npos)
    return Status::InvalidArgument(name + ": field 'signature': cannot find its 64 digits in the file's bytes, so "
                                   "the signed bytes cannot be rebuilt");
  Digest computed = SignedMac(encoded, at, key);
  if (sodium_memcmp(given.data(), computed.data(), given.size()) != 0)
    return Status::InvalidArgument(name + ": field 'signature': HMAC-SHA256 does not match (wrong --hmac-key, or the "
                                   "file was changed after it was signed)");
  return Status::Ok();
}

}  // namespace mote
