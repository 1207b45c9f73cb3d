// IDX files (the MNIST / Fashion-MNIST format), gzipped or not. An images file
// (magic 0x00000803: unsigned bytes, dims n x rows x cols) is read together
// with its labels file (0x00000801: n unsigned bytes), paired by name:
// train-images-idx3-ubyte(.gz) <-> train-labels-idx1-ubyte(.gz). Each image
// becomes a u8 {rows, cols, 1} sample with source "file#index"; files named
// t10k-* go to the test split and train-* to the train split.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>

#include "core/file_util.h"
#include "data/import/gzip_file.h"
#include "data/import/importer.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;

enum class Role { kImages, kLabels };

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The file name without a trailing ".gz", lower-cased.
std::string BaseName(const fs::path& p) {
  std::string name = Lower(p.filename().string());
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

uint32_t BigEndian32(const std::string& bytes, size_t at) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data() + at);
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// A parsed IDX file: its dimensions and (a view of) its payload.
struct IdxArray {
  std::string name;  // the path, for messages
  std::string bytes;
  std::vector<uint32_t> dims;
  size_t payload_offset = 0;
  const uint8_t* payload() const { return reinterpret_cast<const uint8_t*>(bytes.data()) + payload_offset; }
};

Result<IdxArray> ReadIdx(const fs::path& path, Role role) {
  IdxArray a;
  a.name = path.string();
  MOTE_ASSIGN_OR_RETURN(std::string raw, ReadFile(path));
  const bool gzipped = IsGzip(raw);
  if (gzipped) {
    MOTE_ASSIGN_OR_RETURN(a.bytes, Gunzip(raw, a.name));
  } else {
    a.bytes = std::move(raw);
  }
  // Sizes in messages are of the decompressed data; say so.
  const std::string unpacked = gzipped ? " (decompressed)" : "";
  uint32_t expected = role == Role::kImages ? kImagesMagic : kLabelsMagic;
  size_t rank = role == Role::kImages ? 3 : 1;
  if (a.bytes.size() < 4)
    return Status::InvalidArgument(a.name + ": byte 0: too short for an IDX header (" +
                                   std::to_string(a.bytes.size()) + " bytes" + unpacked + ")");
  uint32_t magic = BigEndian32(a.bytes, 0);
  if (magic != expected)
    return Status::InvalidArgument(a.name + ": byte 0: bad magic " + Hex32(magic) + ", expected " + Hex32(expected) +
                                   (role == Role::kImages ? " (IDX images of unsigned bytes)"
                                                          : " (IDX labels of unsigned bytes)"));
  a.payload_offset = 4 + 4 * rank;
  if (a.bytes.size() < a.payload_offset)
    return Status::InvalidArgument(a.name + ": truncated: the IDX header needs " + std::to_string(a.payload_offset) +
                                   " bytes, the file has " + std::to_string(a.bytes.size()) + unpacked);
  uint64_t expected_size = a.payload_offset;
  uint64_t count = 1;
  std::string shape;
  for (size_t i = 0; i < rank; ++i) {
    a.dims.push_back(BigEndian32(a.bytes, 4 + 4 * i));
    count *= a.dims.back();
    shape += (i ? "x" : "") + std::to_string(a.dims.back());
  }
  expected_size += count;
  if (a.bytes.size() != expected_size)
    return Status::InvalidArgument(a.name + ": " + (a.bytes.size() < expected_size ? "truncated" : "trailing data") +
                                   ": the header declares " + shape + " bytes, so the file should be " +
                                   std::to_string(expected_size) + " bytes, but it has " +
                                   std::to_string(a.bytes.size()) + unpacked);
  return a;
}

std::optional<Split> SplitOfFile(const fs::path& p) {
  std::string name = BaseName(p);
  if (name.starts_with("t10k") || name.starts_with("test")) return Split::kTest;
  if (name.starts_with("train")) return Split::kTrain;
  return std::nullopt;
}

Status ReadPair(const fs::path& images_path, const fs::path& labels_path, const ImportOptions& options,
                const SampleSink& sink) {
  MOTE_ASSIGN_OR_RETURN(IdxArray images, ReadIdx(images_path, Role::kImages));
  MOTE_ASSIGN_OR_RETURN(IdxArray labels, ReadIdx(labels_path, Role::kLabels));
  if (images.dims[0] != labels.dims[0])
    return Status::InvalidArgument(labels.name + ": byte 4: holds " + std::to_string(labels.dims[0]) +
                                   " labels, but " + images.name + " holds " + std::to_string(images.dims[0]) +
                                   " images");
  const uint32_t rows = images.dims[1], cols = images.dims[2];
  const size_t image_size = size_t{rows} * cols;
  const std::optional<Split> split = SplitOfFile(images_path);
  const std::string source_prefix = images.name + "#";
  std::vector<std::string> digit_names;
  for (size_t i = 0; i <= 255 && options.class_names.empty(); ++i) digit_names.push_back(std::to_string(i));
  const std::vector<std::string>& names = options.class_names.empty() ? digit_names : options.class_names;
  for (uint32_t i = 0; i < images.dims[0]; ++i) {
    uint8_t label = labels.payload()[i];
    if (label >= names.size())
      return Status::InvalidArgument(labels.name + ": byte " + std::to_string(labels.payload_offset + i) +
                                     ": label " + std::to_string(label) + " has no class name (" +
                                     std::to_string(names.size()) + " class names given)");
    ImportedSample s;
    s.data = SampleData::FromU8({rows, cols, 1}, {images.payload() + size_t{i} * image_size, image_size});
    s.label = names[label];
    s.split = split;
    s.axes = {{"gray", ""}};
    s.source = source_prefix + std::to_string(i);
    MOTE_RETURN_IF_ERROR(sink(std::move(s)));
  }
  return Status::Ok();
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
