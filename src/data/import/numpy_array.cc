#include "data/import/numpy_array.h"

#include <cstring>
#include <limits>
#include <string_view>

#include <fmt/format.h>
#include <zlib.h>

namespace mote {

namespace {

constexpr uint8_t kNpyMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentral = 0x06054b50;

Status Bad(const std::string& what, uint64_t byte, const std::string& why) {
  return Status::InvalidArgument(fmt::format("{}: byte {}: {}", what, byte, why));
}

uint64_t LittleEndian(std::span<const uint8_t> b, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | b[at + i];
  return v;
}

// The value of `key` in the header dict: the text after "'key':" up to the
// end of a quoted string, a parenthesized tuple, or a bare word.
Result<std::string> DictValue(std::string_view header, std::string_view key, const std::string& what,
                              uint64_t header_at) {
  const std::string quoted = fmt::format("'{}':", key);
  size_t at = header.find(quoted);
  if (at == std::string_view::npos) return Bad(what, header_at, fmt::format("header has no '{}'", key));
  at += quoted.size();
  while (at < header.size() && header[at] == ' ') ++at;
  if (at >= header.size()) return Bad(what, header_at + at, fmt::format("header ends in '{}'", key));
  const char open = header[at];
  const char close = open == '\'' ? '\'' : open == '"' ? '"' : open == '(' ? ')' : ',';
  const size_t first = open == close || open == '(' ? at + 1 : at;
  const size_t end = header.find(close, first);
  if (end == std::string_view::npos) return Bad(what, header_at + at, fmt::format("unterminated '{}'", key));
  return std::string(header.substr(first, end - first));
}

Result<std::vector<uint64_t>> ParseShape(const std::string& tuple, const std::string& what, uint64_t at) {
  std::vector<uint64_t> shape;
  size_t i = 0;
  while (i < tuple.size()) {
    while (i < tuple.size() && (tuple[i] == ' ' || tuple[i] == ',')) ++i;
    if (i == tuple.size()) break;
    uint64_t v = 0;
    const size_t start = i;
    while (i < tuple.size() && tuple[i] >= '0' && tuple[i] <= '9') {
      if (v > (std::numeric_limits<uint64_t>::max() - 9) / 10) return Bad(what, at, "shape too large");
      v = v * 10 + static_cast<uint64_t>(tuple[i++] - '0');
    }
    if (i == start) return Bad(what, at, fmt::format("shape ({}) is not a tuple of sizes", tuple));
    shape.push_back(v);
  }
  return shape;
}

// One element of `kind` ('b', 'i', 'u', 'f') and `size` bytes, little-endian.
double Element(const uint8_t* p, char kind, int size) {
  uint64_t bits = 0;
  for (int i = size - 1; i >= 0; --i) bits = bits << 8 | p[i];
  if (kind == 'f') {
    if (size == 4) {
      float f;
      const uint32_t u = static_cast<uint32_t>(bits);
      std::memcpy(&f, &u, 4);
      return f;
    }
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  if (kind == 'i' && size < 8 && (bits >> (8 * size - 1)) & 1) bits |= ~uint64_t{0} << (8 * size);  // sign-extend
  return kind == 'i' ? static_cast<double>(static_cast<int64_t>(bits)) : static_cast<double>(bits);
}

// Inflates raw deflate data `in` into exactly `out.size()` bytes.
Status InflateRaw(std::span<const uint8_t> in, std::span<uint8_t> out, const std::string& what,
                          uint64_t at) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return Status::Internal(what + ": zlib init failed");
  z.next_in = const_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), std::numeric_limits<uInt>::max()));
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const size_t used = z.total_in, produced = z.total_out;
  const std::string msg = z.msg ? z.msg : "";
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    return Bad(what, at + used,
               rc == Z_BUF_ERROR ? "deflate data ends early or is longer than its stated size"
                                 : "corrupt deflate data (zlib: " + msg + ")");
  }
  if (produced != out.size()) return Bad(what, at, "deflate data shorter than its stated size");
  return Status::Ok();
}

}  // namespace

Result<NumpyArray> ParseNpy(std::span<const uint8_t> b, const std::string& what) {
  if (b.size() < 10 || std::memcmp(b.data(), kNpyMagic, sizeof kNpyMagic) != 0) {
    return Bad(what, 0, "not a NumPy .npy array (no \\x93NUMPY magic)");
  }
  const int major = b[6];
  if (major < 1 || major > 3) return Bad(what, 6, fmt::format("unsupported .npy version {}", major));
  const int length_bytes = major == 1 ? 2 : 4;
  const size_t header_at = 8 + length_bytes;
  if (b.size() < header_at) return Bad(what, 8, "file ends in the header length");
  const uint64_t header_len = LittleEndian(b, 8, length_bytes);
  if (b.size() - header_at < header_len) return Bad(what, header_at, "file ends inside the header");
  const std::string_view header(reinterpret_cast<const char*>(b.data() + header_at), header_len);

  NumpyArray a;
  MOTE_ASSIGN_OR_RETURN(a.descr, DictValue(header, "descr", what, header_at));
  MOTE_ASSIGN_OR_RETURN(std::string fortran, DictValue(header, "fortran_order", what, header_at));
  MOTE_ASSIGN_OR_RETURN(std::string shape, DictValue(header, "shape", what, header_at));
  if (fortran.find("True") != std::string::npos) {
    return Bad(what, header_at, "Fortran-order arrays are not supported (save with C order)");
  }
  MOTE_ASSIGN_OR_RETURN(a.shape, ParseShape(shape, what, header_at));
  if (a.shape.size() > 2) {
    return Bad(what, header_at, fmt::format("arrays of rank {} are not supported (0 to 2)", a.shape.size()));
  }

  // descr: byte order, kind, size ("<u2", "|u1", "<f8", "|b1").
  const std::string& d = a.descr;
  const bool ok_form = d.size() == 3 && (d[0] == '<' || d[0] == '|' || d[0] == '=' || d[0] == '>') &&
                       std::string_view("biuf").find(d[1]) != std::string_view::npos && d[2] >= '1' && d[2] <= '8';
  if (!ok_form) return Bad(what, header_at, fmt::format("unsupported dtype '{}'", d));
  const char kind = d[1];
  const int size = d[2] - '0';
  const bool sized = kind == 'f' ? (size == 4 || size == 8) : (size == 1 || size == 2 || size == 4 || size == 8);
  if (!sized) return Bad(what, header_at, fmt::format("unsupported dtype '{}'", d));
  if (d[0] == '>' && size > 1) return Bad(what, header_at, fmt::format("big-endian dtype '{}' is not supported", d));

  uint64_t count = 1;
  for (uint64_t s : a.shape) {
    if (s != 0 && count > std::numeric_limits<uint64_t>::max() / s) return Bad(what, header_at, "shape too large");
    count *= s;
  }
  const size_t data_at = header_at + header_len;
  if (count > (b.size() - data_at) / size || (b.size() - data_at) != count * size) {
    return Bad(what, data_at, fmt::format("{} values of {} bytes need {} bytes, the file holds {}", count, size,
                                          count * size, b.size() - data_at));
  }
  a.values.reserve(count);
  for (uint64_t i = 0; i < count; ++i) a.values.push_back(Element(b.data() + data_at + i * size, kind, size));
  return a;
}

bool LooksLikeZip(std::span<const uint8_t> b) { return b.size() >= 4 && LittleEndian(b, 0, 4) == kLocalHeader; }

Result<std::vector<NumpyArray>> ParseNpz(std::span<const uint8_t> b, const std::string& what) {
  std::vector<NumpyArray> arrays;
  size_t at = 0;
  while (true) {
    if (b.size() - at < 4) return Bad(what, at, "archive ends without a central directory");
    const uint32_t sig = static_cast<uint32_t>(LittleEndian(b, at, 4));
    if (sig == kCentralHeader || sig == kEndOfCentral) break;
    if (sig != kLocalHeader) return Bad(what, at, "not a zip local file header");
    if (b.size() - at < 30) return Bad(what, at, "archive ends inside a local file header");
    const uint16_t flags = static_cast<uint16_t>(LittleEndian(b, at + 6, 2));
    const uint16_t method = static_cast<uint16_t>(LittleEndian(b, at + 8, 2));
    uint32_t crc = static_cast<uint32_t>(LittleEndian(b, at + 14, 4));
    uint64_t csize = LittleEndian(b, at + 18, 4), usize = LittleEndian(b, at + 22, 4);
    const size_t name_len = LittleEndian(b, at + 26, 2), extra_len = LittleEndian(b, at + 28, 2);
    if (b.size() - at - 30 < name_len + extra_len) return Bad(what, at, "archive ends inside a member name");
    const std::string name(reinterpret_cast<const char*>(b.data() + at + 30), name_len);
    const std::string member = what + "#" + name;
    // Zip64: sizes of 0xFFFFFFFF are in extra field 0x0001 (uncompressed, then compressed).
    for (size_t e = at + 30 + name_len; e + 4 <= at + 30 + name_len + extra_len;) {
      const uint64_t id = LittleEndian(b, e, 2), len = LittleEndian(b, e + 2, 2);
      if (id == 1 && len >= 16 && e + 4 + len <= at + 30 + name_len + extra_len) {
        if (usize == 0xFFFFFFFF) usize = LittleEndian(b, e + 4, 8);
        if (csize == 0xFFFFFFFF) csize = LittleEndian(b, e + 12, 8);
      }
      e += 4 + len;
    }
    const size_t data_at = at + 30 + name_len + extra_len;
    if (flags & 1) return Bad(member, at, "encrypted zip members are not supported");
    if (flags & 8) return Bad(member, at, "zip members with sizes after the data (flag bit 3) are not supported");
    if (method != 0 && method != 8) {
      return Bad(member, at, fmt::format("zip compression method {} is not supported", method));
    }
    if (b.size() - data_at < csize) return Bad(member, data_at, "archive ends inside the member");
    std::vector<uint8_t> data;
    if (method == 0) {
      if (csize != usize) return Bad(member, at, "stored member whose sizes differ");
      data.assign(b.begin() + data_at, b.begin() + data_at + csize);
    } else {
      data.resize(usize);
      MOTE_RETURN_IF_ERROR(InflateRaw(b.subspan(data_at, csize), data, member, data_at));
    }
    const uint32_t actual = static_cast<uint32_t>(crc32(0L, data.data(), static_cast<uInt>(data.size())));
    if (actual != crc) {
      return Bad(member, data_at, fmt::format("CRC-32 {:08x} does not match the stored {:08x}", actual, crc));
    }
    if (name.ends_with(".npy")) {
      MOTE_ASSIGN_OR_RETURN(NumpyArray a, ParseNpy(data, member));
      a.name = name.substr(0, name.size() - 4);
      arrays.push_back(std::move(a));
    }
    at = data_at + csize;
  }
  return arrays;
}

}  // namespace mote
