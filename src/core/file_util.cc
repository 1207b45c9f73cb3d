#include "core/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace mote {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return Status::NotFound(path.string() + ": no such file");
    return Status::IoError(path.string() + ": cannot open for reading");
  }
  // One read of the known size: streaming through an ostringstream copies a
  // large file several times (Fashion-MNIST's 26 MB took a quarter second).
  std::string bytes;
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (!ec) {
    bytes.resize(size);
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<size_t>(in.gcount()));
  }
  // Whatever is left (a file that grew, or one without a size such as a pipe).
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) bytes.append(buf, static_cast<size_t>(in.gcount()));
  if (in.bad()) return Status::IoError(path.string() + ": read failed");
  return bytes;
}

namespace {
Status Errno(const fs::path& path, const char* what) {
  return Status::IoError(path.string() + ": " + what + ": " + std::strerror(errno));
}

Status FsyncDir(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Errno(dir, "open directory");
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno(dir, "fsync directory");
}
}  // namespace

Status WriteFileAtomically(const fs::path& path, std::string_view bytes) {
  fs::path dir = path.parent_path();
  std::error_code ec;
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create directory: " + ec.message());

  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return Errno(path, "create temporary file");
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno(path, "write");
      ::close(fd);
      ::unlink(tmpl.c_str());
      return s;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Status s = Errno(path, "flush");
    ::unlink(tmpl.c_str());
    return s;
  }
  ::chmod(tmpl.c_str(), 0644);
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    Status s = Errno(path, "rename");
    ::unlink(tmpl.c_str());
    return s;
  }
  return FsyncDir(dir);
}

}  // namespace mote
