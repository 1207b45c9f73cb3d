#include "data/import/gzip_reader.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace mote {

namespace {
constexpr size_t kInputBuffer = 1 << 16;
}  // namespace

Result<std::unique_ptr<GzipReader>> GzipReader::Open(const std::filesystem::path& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno == ENOENT) return Status::NotFound(path.string() + ": no such file");
    return Status::IoError(path.string() + ": cannot open for reading: " + std::strerror(errno));
  }
  std::unique_ptr<GzipReader> r(new GzipReader(path.string(), f));
  r->in_.resize(kInputBuffer);
  MOTE_RETURN_IF_ERROR(r->Refill());
  r->gzipped_ = r->z_.avail_in >= 2 && r->in_[0] == 0x1f && r->in_[1] == 0x8b;
  if (r->gzipped_) {
    if (inflateInit2(&r->z_, 16 + MAX_WBITS) != Z_OK) return Status::Internal(r->name_ + ": zlib init failed");
    r->z_ready_ = true;
  }
  return r;
}

GzipReader::~GzipReader() {
  if (z_ready_) inflateEnd(&z_);
  std::fclose(file_);
}

Status GzipReader::Refill() {
  size_t got = std::fread(in_.data(), 1, in_.size(), file_);
  if (got < in_.size()) {
    if (std::ferror(file_)) return Status::IoError(name_ + ": read failed at byte " + std::to_string(consumed_));
    eof_ = true;
  }
  z_.next_in = in_.data();
  z_.avail_in = static_cast<uInt>(got);
  consumed_ += got;
  return Status::Ok();
}

Result<size_t> GzipReader::Read(uint8_t* dst, size_t n) {
  if (gzipped_) return Inflate(dst, n);
  // Plain file: serve the buffered input, then read the rest directly.
  size_t done = 0;
  while (done < n) {
    if (z_.avail_in == 0) {
      if (eof_) break;
      MOTE_RETURN_IF_ERROR(Refill());
      continue;
    }
    size_t take = std::min<size_t>(n - done, z_.avail_in);
    std::memcpy(dst + done, z_.next_in, take);
    z_.next_in += take;
    z_.avail_in -= static_cast<uInt>(take);
    done += take;
  }
  return done;
}

Result<size_t> GzipReader::Inflate(uint8_t* dst, size_t n) {
  size_t done = 0;
  while (done < n && !stream_end_) {
    if (z_.avail_in == 0 && !eof_) MOTE_RETURN_IF_ERROR(Refill());
    z_.next_out = dst + done;
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n - done, UINT_MAX));
    const uInt before = z_.avail_out;
    int rc = inflate(&z_, Z_NO_FLUSH);
    done += before - z_.avail_out;
    const uint64_t position = consumed_ - z_.avail_in;
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (as `cat a.gz b.gz` makes).
      if (z_.avail_in == 0 && !eof_) MOTE_RETURN_IF_ERROR(Refill());
      if (z_.avail_in >= 2 && z_.next_in[0] == 0x1f && z_.next_in[1] == 0x8b) inflateReset(&z_);
      else stream_end_ = true;
      continue;
    }
    if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR || rc == Z_STREAM_ERROR)
      return Status::InvalidArgument(name_ + ": byte " + std::to_string(position) + ": corrupt gzip data (zlib: " +
                                     (z_.msg ? z_.msg : "error " + std::to_string(rc)) + ")");
    if (z_.avail_in == 0 && eof_ && z_.avail_out != 0)
      return Status::InvalidArgument(name_ + ": truncated gzip data: the stream ends at byte " +
                                     std::to_string(consumed_) + " without its end marker");
  }
  return done;
}

}  // namespace mote
