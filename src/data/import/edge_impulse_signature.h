// The HMAC-SHA256 signature of Edge Impulse's data acquisition format. The
// signer encodes the whole message (JSON or CBOR) with "signature" set to 64
// '0' characters, computes HMAC-SHA256 over those bytes with the project's
// HMAC key (the key string's bytes), and writes the 64 lower-case hex digits
// of the result over the zeros in place. So a receiver verifies the file's
// own bytes with the signature zeroed again; re-encoding the parsed message
// would not reproduce them.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace mote {

// Verifies `signature` (64 hex digits, either case; the value of the
// message's "signature" field) of the JSON or CBOR message `encoded` with
// `key`. Errors are one line that starts with `name` and names the field:
// "x.json: field 'signature': HMAC-SHA256 does not match ...". Thread-safe.
Status VerifySignature(std::string_view encoded, bool cbor, std::string_view signature, std::string_view key,
                       const std::string& name);

}  // namespace mote
