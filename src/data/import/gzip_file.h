// gzip decompression for importers that take "x.gz" and "x" alike; a file is
// recognised as gzip by its magic bytes 1f 8b, not by its name.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace mote {

// True when `bytes` starts with the gzip magic 1f 8b.
bool IsGzip(std::string_view bytes);

// Decompresses gzip data (all members of a multi-member file, concatenated).
// Errors start with `name` (the file's path) and give the compressed byte
// offset: "x.gz: byte 1234: corrupt gzip data (zlib: invalid distance)", or
// say that the stream ends before its end marker (a truncated download).
// Thread-safe (no shared state).
Result<std::string> Gunzip(std::string_view compressed, const std::string& name);

}  // namespace mote
