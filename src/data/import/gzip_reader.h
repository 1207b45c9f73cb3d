// Streams the bytes of a file that may be gzip-compressed, recognised by its
// magic bytes 1f 8b rather than its name, so importers take "x.gz" and "x"
// alike without holding the whole decompressed file in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <zlib.h>

#include "core/status.h"

namespace mote {

// Not thread-safe; one reader per thread.
class GzipReader {
 public:
  // Opens `path`; NotFound/IoError name it.
  static Result<std::unique_ptr<GzipReader>> Open(const std::filesystem::path& path);
  ~GzipReader();
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;

  // Reads up to `n` bytes into `dst`; fewer only when the data ends. For gzip
  // files the data is the decompressed stream (all members of a multi-member
  // file). Errors start with the path and give the compressed byte offset:
  // "x.gz: byte 1234: corrupt gzip data (zlib: invalid distance)", or say
  // that the gzip stream ends before its end marker (a truncated download).
  Result<size_t> Read(uint8_t* dst, size_t n);

  bool gzipped() const { return gzipped_; }

 private:
  GzipReader(std::string name, FILE* file) : name_(std::move(name)), file_(file) {}
  Status Refill();  // more compressed input; sets eof_ at the end of the file
  Result<size_t> Inflate(uint8_t* dst, size_t n);

  std::string name_;
  FILE* file_;
  bool gzipped_ = false;
  bool eof_ = false;          // no more bytes in the file
  bool stream_end_ = false;   // the last gzip member ended
  z_stream z_{};              // next_in/avail_in: unread input, for plain files too
  bool z_ready_ = false;
  std::vector<uint8_t> in_;   // compressed input buffer
  uint64_t consumed_ = 0;     // compressed bytes handed to zlib so far
};

}  // namespace mote
