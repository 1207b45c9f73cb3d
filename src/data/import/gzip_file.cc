#include "data/import/gzip_file.h"

#include <zlib.h>

#include <algorithm>
#include <climits>


namespace mote {

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<uint8_t>(bytes[0]) == 0x1f && static_cast<uint8_t>(bytes[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view in, const std::string& name) {
  std::string out;
  // The trailer's ISIZE is the last member's size mod 2^32: a good first guess
  // that saves the repeated growth of a 50 MB buffer. Deflate cannot expand
  // more than 1032:1, which bounds what a corrupt trailer can make us reserve.
  if (in.size() >= 18) {
    const auto* t = reinterpret_cast<const uint8_t*>(in.data() + in.size() - 4);
    size_t isize = uint32_t(t[0]) | uint32_t(t[1]) << 8 | uint32_t(t[2]) << 16 | uint32_t(t[3]) << 24;
    out.reserve(std::min(isize, in.size() * 1032));
  }
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Status::Internal(name + ": zlib init failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  size_t consumed = 0;  // input handed to zlib so far, beyond what avail_in counts
  int rc = Z_OK;
  while (true) {
    if (z.avail_in == 0 && consumed < in.size()) {
      size_t chunk = std::min<size_t>(in.size() - consumed, UINT_MAX);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + consumed));
      z.avail_in = static_cast<uInt>(chunk);
      consumed += chunk;
    }
    if (out.size() == out.capacity()) out.reserve(std::max<size_t>(out.capacity() * 2, 1 << 16));
    size_t before = out.size();
    out.resize(out.capacity());
    z.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    z.avail_out = static_cast<uInt>(std::min<size_t>(out.size() - before, UINT_MAX));
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(out.size() - z.avail_out);
    size_t position = consumed - z.avail_in;
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (as `cat a.gz b.gz` makes).
      if (position < in.size() && IsGzip(in.substr(position))) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR) {
      std::string msg = z.msg ? z.msg : "error " + std::to_string(rc);
      inflateEnd(&z);
      return Status::InvalidArgument(name + ": byte " + std::to_string(position) + ": corrupt gzip data (zlib: " +
                                     msg + ")");
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && consumed == in.size()) {
      inflateEnd(&z);
      return Status::InvalidArgument(name + ": truncated gzip data: the stream ends at byte " +
                                     std::to_string(in.size()) + " without its end marker");
    }
  }
  inflateEnd(&z);
  return out;
}

}  // namespace mote
