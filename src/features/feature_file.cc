#include "features/feature_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "features/le_binary.h"

namespace mote {

namespace {

constexpr char kFeatureFileMagic[4] = {'M', 'F', 'E', 'A'};
constexpr uint32_t kFeatureFileVersion = 1;
constexpr size_t kFeatureFileHeaderBytes = 20;

std::string Header(uint32_t rows, dsp::FeatureShape shape) {
  std::string h(kFeatureFileMagic, 4);
  AppendU32(&h, kFeatureFileVersion);
  AppendU32(&h, rows);
  AppendU32(&h, shape.frames);
  AppendU32(&h, shape.features);
  return h;
}

Status IoError(const std::filesystem::path& path, const char* what) {
  return Status::IoError(path.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

Result<std::unique_ptr<FeatureFileWriter>> FeatureFileWriter::Create(const std::filesystem::path& path,
                                                                     dsp::FeatureShape shape) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return IoError(path, "cannot create");
  std::unique_ptr<FeatureFileWriter> w(new FeatureFileWriter(f, path, shape));
  const std::string header = Header(0, shape);
  if (std::fwrite(header.data(), 1, header.size(), f) != header.size()) return IoError(path, "write");
  return w;
}

FeatureFileWriter::~FeatureFileWriter() {
  if (file_) std::fclose(file_);
}

Status FeatureFileWriter::Append(const float* values, uint32_t rows) {
  const size_t count = size_t{rows} * shape_.size();
  if (std::fwrite(values, sizeof(float), count, file_) != count) return IoError(path_, "write");
  rows_ += rows;
  return Status::Ok();
}

Status FeatureFileWriter::Finish() {
  const std::string header = Header(rows_, shape_);
  if (std::fseek(file_, 0, SEEK_SET) != 0 || std::fwrite(header.data(), 1, header.size(), file_) != header.size() ||
      std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0)
    return IoError(path_, "write");
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) return IoError(path_, "close");
  return Status::Ok();
}

Result<std::unique_ptr<FeatureFileReader>> FeatureFileReader::Open(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return errno == ENOENT ? Status::NotFound(path.string() + ": no such file") : IoError(path, "cannot open");
  std::unique_ptr<FeatureFileReader> r(new FeatureFileReader(f, path, 0, {}));
  char buf[kFeatureFileHeaderBytes];
  const std::string name = path.string();
  if (std::fread(buf, 1, kFeatureFileHeaderBytes, f) != kFeatureFileHeaderBytes)
    return Status::Corruption(name + ": byte 0: shorter than the 20-byte header");
  const std::string_view header(buf, kFeatureFileHeaderBytes);
  if (header.substr(0, 4) != std::string_view(kFeatureFileMagic, 4))
    return Status::Corruption(name + ": byte 0: bad magic, expected MFEA");
  if (ReadU32(header, 4) != kFeatureFileVersion)
    return Status::Corruption(name + ": byte 4: version " + std::to_string(ReadU32(header, 4)) + ", expected 1");
  r->rows_ = ReadU32(header, 8);
  r->shape_ = {ReadU32(header, 12), ReadU32(header, 16)};
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  const uintmax_t want = kFeatureFileHeaderBytes + uintmax_t{r->rows_} * r->shape_.size() * sizeof(float);
  if (ec || size != want)
    return Status::Corruption(name + ": " + std::to_string(size) + " bytes, expected " + std::to_string(want) +
                              " for " + std::to_string(r->rows_) + " rows of " + std::to_string(r->shape_.frames) +
                              "x" + std::to_string(r->shape_.features));
  return r;
}

FeatureFileReader::~FeatureFileReader() {
  if (file_) std::fclose(file_);
}

Status FeatureFileReader::ReadRows(uint32_t first, uint32_t count, float* out) {
  if (uint64_t{first} + count > rows_)
    return Status::InvalidArgument(path_.string() + ": rows " + std::to_string(first) + ".." +
                                   std::to_string(uint64_t{first} + count) + " past the last row " +
                                   std::to_string(rows_));
  const size_t per_row = shape_.size();
  const long offset = static_cast<long>(kFeatureFileHeaderBytes + uint64_t{first} * per_row * sizeof(float));
  const size_t n = size_t{count} * per_row;
  if (std::fseek(file_, offset, SEEK_SET) != 0 || std::fread(out, sizeof(float), n, file_) != n)
    return IoError(path_, "read");
  return Status::Ok();
}

}  // namespace mote
