// IDX files (the MNIST / Fashion-MNIST format), gzipped or not. An images file
// (magic 0x00000803: unsigned bytes, dims n x rows x cols) is read together
// with its labels file (0x00000801: n unsigned bytes), paired by name:
// train-images-idx3-ubyte(.gz) <-> train-labels-idx1-ubyte(.gz). Each image
// becomes a u8 {rows, cols, 1} sample with source "file#index"; files named
// t10k-* go to the test split and train-* to the train split.
#include <cstdio>
#include <map>
#include <optional>

#include "data/import/ascii_case.h"
#include "data/import/gzip_reader.h"
#include "data/import/importer.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;

enum class Role { kImages, kLabels };

// The file name without a trailing ".gz", lower-cased.
std::string BaseName(const fs::path& p) {
  std::string name = AsciiLower(p.filename().string());
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  return name;
}

void ReplaceFirst(std::string* s, std::string_view from, std::string_view to) {
  if (size_t at = s->find(from); at != std::string::npos) s->replace(at, from.size(), to);
}

std::optional<Role> RoleFromName(const fs::path& p) {
  std::string name = BaseName(p);
  if (name.find("images") != std::string::npos) return Role::kImages;
  if (name.find("labels") != std::string::npos) return Role::kLabels;
  return std::nullopt;
}

// Files of one pair share this key: "train-images-idx3-ubyte.gz" and
// "train-labels-idx1-ubyte" both give "<dir>/train-*-idx-ubyte".
std::string PairKey(const fs::path& p) {
  std::string name = BaseName(p);
  ReplaceFirst(&name, "images", "*");
  ReplaceFirst(&name, "labels", "*");
  ReplaceFirst(&name, "idx3", "idx");
  ReplaceFirst(&name, "idx1", "idx");
  return (p.parent_path() / name).string();
}

// The name the partner of `p` would have, for the message when it is missing.
std::string PartnerName(const fs::path& p, Role role) {
  std::string name = p.filename().string();
  if (role == Role::kImages) {
    ReplaceFirst(&name, "images", "labels");
    ReplaceFirst(&name, "idx3", "idx1");
  } else {
    ReplaceFirst(&name, "labels", "images");
    ReplaceFirst(&name, "idx1", "idx3");
  }
  return name;
}

std::string Hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

uint32_t BigEndian32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// An open IDX file whose header has been read and checked; the payload is
// then read in records (one image, or all the labels) as it is needed, so a
// 47 MB images file is never held in memory at once.
class IdxFile {
 public:
  static Result<IdxFile> Open(const fs::path& path, Role role) {
    IdxFile f;
    f.name_ = path.string();
    MOTE_ASSIGN_OR_RETURN(f.reader_, GzipReader::Open(path));
    const uint32_t expected = role == Role::kImages ? kImagesMagic : kLabelsMagic;
    const size_t rank = role == Role::kImages ? 3 : 1;
    std::vector<uint8_t> header(4 + 4 * rank);
    MOTE_ASSIGN_OR_RETURN(size_t got, f.reader_->Read(header.data(), header.size()));
    if (got >= 4 && BigEndian32(header.data()) != expected)
      return Status::InvalidArgument(f.name_ + ": byte 0: bad magic " + Hex32(BigEndian32(header.data())) +
                                     ", expected " + Hex32(expected) +
                                     (role == Role::kImages ? " (IDX images of unsigned bytes)"
                                                            : " (IDX labels of unsigned bytes)"));
    if (got < header.size())
      return Status::InvalidArgument(f.name_ + ": truncated: an IDX header is " + std::to_string(header.size()) +
                                     " bytes, the file has " + std::to_string(got) + f.Unpacked());
    f.offset_ = header.size();
    f.expected_size_ = header.size();
    uint64_t count = 1;
    for (size_t i = 0; i < rank; ++i) {
      f.dims_.push_back(BigEndian32(header.data() + 4 + 4 * i));
      count *= f.dims_.back();
      f.shape_ += (i ? "x" : "") + std::to_string(f.dims_.back());
    }
    f.expected_size_ += count;
    return f;
  }

  const std::string& name() const { return name_; }
  const std::vector<uint32_t>& dims() const { return dims_; }
  uint64_t offset() const { return offset_; }  // of the next payload byte

  // Reads the next `n` payload bytes into `out`; a file that ends early is an
  // error naming the size its header implies.
  Status ReadRecord(size_t n, std::vector<uint8_t>* out) {
    out->resize(n);
    MOTE_ASSIGN_OR_RETURN(size_t got, reader_->Read(out->data(), n));
    offset_ += got;
    if (got < n) return SizeError("truncated", offset_);
    return Status::Ok();
  }

  // After the last record: anything left over is an error too.
  Status ExpectEnd() {
    uint8_t extra[4096];
    uint64_t size = offset_;
    while (true) {
      MOTE_ASSIGN_OR_RETURN(size_t got, reader_->Read(extra, sizeof extra));
      if (got == 0) break;
      size += got;
    }
    return size == offset_ ? Status::Ok() : SizeError("trailing data", size);
  }

 private:
  // Sizes in messages are of the decompressed data; say so.
  std::string Unpacked() const { return reader_->gzipped() ? " (decompressed)" : ""; }

  Status SizeError(const char* what, uint64_t actual) const {
    return Status::InvalidArgument(name_ + ": " + what + ": the header declares " + shape_ +
                                   " bytes, so the file should be " + std::to_string(expected_size_) +
                                   " bytes, but it has " + std::to_string(actual) + Unpacked());
  }

  std::string name_, shape_;
  std::unique_ptr<GzipReader> reader_;
  std::vector<uint32_t> dims_;
  uint64_t offset_ = 0, expected_size_ = 0;
};

std::optional<Split> SplitOfFile(const fs::path& p) {
  std::string name = BaseName(p);
  if (name.starts_with("t10k") || name.starts_with("test")) return Split::kTest;
  if (name.starts_with("train")) return Split::kTrain;
  return std::nullopt;
}

Status ReadPair(const fs::path& images_path, const fs::path& labels_path, const ImportOptions& options,
                const SampleSink& sink) {
  MOTE_ASSIGN_OR_RETURN(IdxFile images, IdxFile::Open(images_path, Role::kImages));
  MOTE_ASSIGN_OR_RETURN(IdxFile labels, IdxFile::Open(labels_path, Role::kLabels));
  const uint32_t n = images.dims()[0], rows = images.dims()[1], cols = images.dims()[2];
  if (labels.dims()[0] != n)
    return Status::InvalidArgument(labels.name() + ": byte 4: holds " + std::to_string(labels.dims()[0]) +
                                   " labels, but " + images.name() + " holds " + std::to_string(n) + " images");
  const uint64_t labels_offset = labels.offset();
  std::vector<uint8_t> label_bytes;
  MOTE_RETURN_IF_ERROR(labels.ReadRecord(n, &label_bytes));
  MOTE_RETURN_IF_ERROR(labels.ExpectEnd());
  std::vector<std::string> names = options.class_names;
  if (names.empty())
    for (int digit = 0; digit <= 255; ++digit) names.push_back(std::to_string(digit));
  const std::optional<Split> split = SplitOfFile(images_path);
  const std::string source_prefix = images.name() + "#";
  const size_t image_size = size_t{rows} * cols;
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t label = label_bytes[i];
    if (label >= names.size())
      return Status::InvalidArgument(labels.name() + ": byte " + std::to_string(labels_offset + i) + ": label " +
                                     std::to_string(label) + " has no class name (" + std::to_string(names.size()) +
                                     " class names given)");
    ImportedSample s;
    s.data.dtype = DType::kU8;
    s.data.shape = {rows, cols, 1};
    MOTE_RETURN_IF_ERROR(images.ReadRecord(image_size, &s.data.bytes));
    s.label = names[label];
    s.split = split;
    s.axes = {{"gray", ""}};
    s.source = source_prefix + std::to_string(i);
    MOTE_RETURN_IF_ERROR(sink(std::move(s)));
  }
  return images.ExpectEnd();
}

class IdxImporter : public Importer {
 public:
  std::string_view name() const override { return "idx"; }

  bool Accepts(const fs::path& path, std::span<const uint8_t> head) const override {
    std::string name = BaseName(path);
    if (name.ends_with("-ubyte") || name.ends_with(".idx")) return true;
    // An unnamed IDX file of unsigned bytes: 00 00 08 <rank>.
    return head.size() >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08 && (head[3] == 1 || head[3] == 3);
  }

  Status Read(std::span<const fs::path> files, const ImportOptions& options, const SampleSink& sink) const override {
    struct Pair {
      std::optional<fs::path> images, labels;
    };
    std::map<std::string, Pair> pairs;
    std::vector<std::string> order;  // keys in the order their first file was given
    for (const fs::path& f : files) {
      MOTE_ASSIGN_OR_RETURN(Role role, RoleOf(f));
      std::string key = PairKey(f);
      Pair& p = pairs[key];
      if (!p.images && !p.labels) order.push_back(key);
      std::optional<fs::path>& slot = role == Role::kImages ? p.images : p.labels;
      if (slot)
        return Status::InvalidArgument(f.string() + ": pairs with the same file as " + slot->string() +
                                       "; give one images file and one labels file per set");
      slot = f;
    }
    for (const std::string& key : order) {
      const Pair& p = pairs[key];
      if (!p.labels)
        return Status::InvalidArgument(p.images->string() + ": no labels file given with it (expected " +
                                       PartnerName(*p.images, Role::kImages) + " in the same command)");
      if (!p.images)
        return Status::InvalidArgument(p.labels->string() + ": no images file given with it (expected " +
                                       PartnerName(*p.labels, Role::kLabels) + " in the same command)");
      MOTE_RETURN_IF_ERROR(ReadPair(*p.images, *p.labels, options, sink));
    }
    return Status::Ok();
  }

 private:
  // Images or labels, by name: pairing goes by name too, so a file whose
  // name says neither could not be paired anyway.
  static Result<Role> RoleOf(const fs::path& f) {
    if (auto role = RoleFromName(f)) return *role;
    return Status::InvalidArgument(f.string() + ": cannot tell an IDX images file from a labels file by its name; "
                                   "name it like train-images-idx3-ubyte / train-labels-idx1-ubyte");
  }
};

}  // namespace

MOTE_REGISTER_IMPORTER(IdxImporter);

}  // namespace mote
