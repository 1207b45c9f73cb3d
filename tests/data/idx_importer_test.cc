// The IDX importer: pairs images with labels by name, reads gzipped and plain
// files, puts t10k-* in test, and rejects bad magic, count mismatches,
// truncated files and images without labels with one line and no change.
#include <gtest/gtest.h>
#include <zlib.h>

#include "core/file_util.h"
#include "data/dataset_store.h"
#include "data/import_test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;

void PutBigEndian32(std::vector<uint8_t>* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<uint8_t>(v >> shift));
}

// An IDX images file: n images of rows x cols, pixel (i, r, c) = base + i*31 +
// r*7 + c (so that files with different bases hold different images).
std::vector<uint8_t> IdxImages(uint32_t n, uint32_t rows, uint32_t cols, uint32_t base = 0) {
  std::vector<uint8_t> out;
  PutBigEndian32(&out, 0x00000803);
  for (uint32_t d : {n, rows, cols}) PutBigEndian32(&out, d);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t c = 0; c < cols; ++c) out.push_back(static_cast<uint8_t>(base + i * 31 + r * 7 + c));
  return out;
}

std::vector<uint8_t> IdxLabels(const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> out;
  PutBigEndian32(&out, 0x00000801);
  PutBigEndian32(&out, static_cast<uint32_t>(labels.size()));
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

void WriteGzip(const fs::path& path, const std::vector<uint8_t>& bytes) {
  fs::create_directories(path.parent_path());
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

constexpr uint32_t kTestBase = 100;

class IdxImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // train: 3 images of 2x3, gzipped; t10k: 2 images, plain.
    WriteGzip(dir_ / "train-images-idx3-ubyte.gz", IdxImages(3, 2, 3));
    WriteGzip(dir_ / "train-labels-idx1-ubyte.gz", IdxLabels({2, 0, 1}));
    WriteBytes(dir_ / "t10k-images-idx3-ubyte", IdxImages(2, 2, 3, kTestBase));
    WriteBytes(dir_ / "t10k-labels-idx1-ubyte", IdxLabels({1, 1}));
  }
  TempDir tmp_;
  fs::path dir_ = tmp_ / "idx";
};

TEST_F(IdxImporterTest, ReadsPairedFilesWithValuesLabelsAndSplits) {
  ImportOptions options;
  options.class_names = {"zero", "one", "two"};
  // Labels given before their images, and the sets interleaved: pairing is by name.
  auto samples = ReadWith("idx", {dir_ / "t10k-labels-idx1-ubyte", dir_ / "train-images-idx3-ubyte.gz",
                                  dir_ / "t10k-images-idx3-ubyte", dir_ / "train-labels-idx1-ubyte.gz"},
                          options);
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 5u);
  // The t10k pair was named first.
  const std::vector<std::string> labels = {"one", "one", "two", "zero", "one"};
  const std::vector<Split> splits = {Split::kTest, Split::kTest, Split::kTrain, Split::kTrain, Split::kTrain};
  for (size_t k = 0; k < 5; ++k) {
    const ImportedSample& s = (*samples)[k];
    size_t i = k < 2 ? k : k - 2;
    EXPECT_EQ(s.label, labels[k]) << k;
    ASSERT_TRUE(s.split.has_value());
    EXPECT_EQ(*s.split, splits[k]) << k;
    EXPECT_EQ(s.data.dtype, DType::kU8);
    EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{2, 3, 1}));
    EXPECT_EQ(s.sample_rate_hz, 0);
    ASSERT_EQ(s.data.bytes.size(), 6u);
    for (uint32_t r = 0; r < 2; ++r)
      for (uint32_t c = 0; c < 3; ++c)
        EXPECT_EQ(s.data.bytes[r * 3 + c], (k < 2 ? kTestBase : 0) + i * 31 + r * 7 + c) << k;
    std::string file = k < 2 ? "t10k-images-idx3-ubyte" : "train-images-idx3-ubyte.gz";
    EXPECT_EQ(s.source, (dir_ / file).string() + "#" + std::to_string(i));
  }
}

TEST_F(IdxImporterTest, DigitsAreLabelsWithoutClassNames) {
  auto samples = ReadWith("idx", {dir_ / "train-images-idx3-ubyte.gz", dir_ / "train-labels-idx1-ubyte.gz"});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 3u);
  EXPECT_EQ((*samples)[0].label, "2");
  EXPECT_EQ((*samples)[1].label, "0");
  EXPECT_EQ((*samples)[2].label, "1");
}

TEST_F(IdxImporterTest, ImportsThroughTheCliIntoTheStore) {
  fs::path project = MakeProject(tmp_);
  RunResult r = RunImport(project, {(dir_ / "train-images-idx3-ubyte.gz").string(),
                                    (dir_ / "train-labels-idx1-ubyte.gz").string(),
                                    (dir_ / "t10k-images-idx3-ubyte").string(),
                                    (dir_ / "t10k-labels-idx1-ubyte").string(), "--class-names", "a,b,c"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  ASSERT_TRUE(store.ok());
  auto list = (*store)->List(SampleFilter{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 5u);
  int test = 0;
  for (const SampleInfo& s : *list) {
    bool from_t10k = s.source.find("t10k-images") != std::string::npos;
    EXPECT_EQ(s.split, from_t10k ? Split::kTest : Split::kTrain) << s.source;
    test += s.split == Split::kTest;
    EXPECT_EQ(s.shape, (std::vector<uint32_t>{2, 3, 1}));
  }
  EXPECT_EQ(test, 2);
  EXPECT_EQ((*list)[0].label, "c");  // train label 2
}

TEST_F(IdxImporterTest, SplitFlagOverridesTheFileName) {
  fs::path project = MakeProject(tmp_);
  RunResult r = RunImport(project, {(dir_ / "t10k-images-idx3-ubyte").string(),
                                    (dir_ / "t10k-labels-idx1-ubyte").string(), "--split", "train"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  ASSERT_TRUE(store.ok());
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->all.train, 2);
  EXPECT_EQ(stats->all.test, 0);
}

TEST_F(IdxImporterTest, WrongMagicNamesByteZeroAndTheValue) {
  fs::path project = MakeProject(tmp_);
  // A labels file under an images name.
  WriteBytes(dir_ / "bad-images-idx3-ubyte", IdxLabels({1, 2}));
  WriteBytes(dir_ / "bad-labels-idx1-ubyte", IdxLabels({1, 2}));
  ExpectImportFails(project,
                    {(dir_ / "train-images-idx3-ubyte.gz").string(), (dir_ / "train-labels-idx1-ubyte.gz").string(),
                     (dir_ / "bad-images-idx3-ubyte").string(), (dir_ / "bad-labels-idx1-ubyte").string()},
                    {"bad-images-idx3-ubyte: byte 0: bad magic 0x00000801, expected 0x00000803"});
}

TEST_F(IdxImporterTest, CountMismatchNamesBothFiles) {
  fs::path project = MakeProject(tmp_);
  WriteGzip(dir_ / "train-labels-idx1-ubyte.gz", IdxLabels({2, 0}));
  ExpectImportFails(project,
                    {(dir_ / "train-images-idx3-ubyte.gz").string(), (dir_ / "train-labels-idx1-ubyte.gz").string()},
                    {"train-labels-idx1-ubyte.gz: byte 4: holds 2 labels", "train-images-idx3-ubyte.gz holds 3 images"});
}

TEST_F(IdxImporterTest, TruncatedFileNamesTheExpectedSize) {
  fs::path project = MakeProject(tmp_);
  std::vector<uint8_t> images = IdxImages(2, 2, 3);
  images.resize(images.size() - 4);  // 16 header bytes + 12 pixels, less 4
  WriteBytes(dir_ / "t10k-images-idx3-ubyte", images);
  ExpectImportFails(project, {(dir_ / "t10k-images-idx3-ubyte").string(), (dir_ / "t10k-labels-idx1-ubyte").string()},
                    {"t10k-images-idx3-ubyte: truncated", "should be 28 bytes, but it has 24"});
}

TEST_F(IdxImporterTest, TruncatedGzipIsAnError) {
  fs::path project = MakeProject(tmp_);
  auto bytes = ReadFile(dir_ / "train-images-idx3-ubyte.gz");
  ASSERT_TRUE(bytes.ok());
  std::string cut = bytes->substr(0, bytes->size() - 10);
  WriteText(dir_ / "train-images-idx3-ubyte.gz", cut);
  ExpectImportFails(project,
                    {(dir_ / "train-images-idx3-ubyte.gz").string(), (dir_ / "train-labels-idx1-ubyte.gz").string()},
                    {"train-images-idx3-ubyte.gz: truncated gzip data", "byte " + std::to_string(cut.size())});
}

TEST_F(IdxImporterTest, TrailingDataIsAnError) {
  fs::path project = MakeProject(tmp_);
  std::vector<uint8_t> labels = IdxLabels({1, 1});
  labels.push_back(7);
  WriteBytes(dir_ / "t10k-labels-idx1-ubyte", labels);
  ExpectImportFails(project, {(dir_ / "t10k-images-idx3-ubyte").string(), (dir_ / "t10k-labels-idx1-ubyte").string()},
                    {"t10k-labels-idx1-ubyte: trailing data", "should be 10 bytes, but it has 11"});
}

TEST_F(IdxImporterTest, CorruptGzipNamesTheCompressedByte) {
  fs::path project = MakeProject(tmp_);
  // Large enough that the damage lands inside the deflate stream.
  std::vector<uint8_t> images = IdxImages(200, 28, 28);
  for (size_t i = 16; i < images.size(); ++i) images[i] = static_cast<uint8_t>(i * 2654435761u >> 13);
  WriteGzip(dir_ / "big-images-idx3-ubyte.gz", images);
  WriteGzip(dir_ / "big-labels-idx1-ubyte.gz", IdxLabels(std::vector<uint8_t>(200, 0)));
  auto bytes = ReadFile(dir_ / "big-images-idx3-ubyte.gz");
  ASSERT_TRUE(bytes.ok());
  std::string damaged = *bytes;
  for (size_t i = damaged.size() / 2; i < damaged.size() / 2 + 64; ++i) damaged[i] = '\xff';
  WriteText(dir_ / "big-images-idx3-ubyte.gz", damaged);
  ExpectImportFails(project,
                    {(dir_ / "big-images-idx3-ubyte.gz").string(), (dir_ / "big-labels-idx1-ubyte.gz").string()},
                    {"big-images-idx3-ubyte.gz: byte ", ": corrupt gzip data (zlib: "});
}

TEST_F(IdxImporterTest, ImagesWithoutLabelsIsAnError) {
  fs::path project = MakeProject(tmp_);
  ExpectImportFails(project, {(dir_ / "train-images-idx3-ubyte.gz").string()},
                    {"train-images-idx3-ubyte.gz: no labels file", "train-labels-idx1-ubyte.gz"});
}

TEST_F(IdxImporterTest, LabelWithoutClassNameIsAnError) {
  fs::path project = MakeProject(tmp_);
  // Label 2 is the first byte of the payload (offset 8).
  ExpectImportFails(project,
                    {(dir_ / "train-images-idx3-ubyte.gz").string(), (dir_ / "train-labels-idx1-ubyte.gz").string(),
                     "--class-names", "a,b"},
                    {"train-labels-idx1-ubyte.gz: byte 8: label 2 has no class name"});
}

// The real data set, when installed: reading (not storing) the 10,000 test
// images is fast and checks the format against files we did not write.
TEST(IdxFashionMnistTest, ReadsTheTestSet) {
  fs::path dir = "/usr/share/datasets/fashion-mnist";
  if (!fs::exists(dir / "t10k-images-idx3-ubyte.gz")) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  auto samples = ReadWith("idx", {dir / "t10k-images-idx3-ubyte.gz", dir / "t10k-labels-idx1-ubyte.gz"});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 10000u);
  std::vector<int> per_class(10);
  for (const ImportedSample& s : *samples) {
    ASSERT_EQ(s.data.shape, (std::vector<uint32_t>{28, 28, 1}));
    ASSERT_EQ(*s.split, Split::kTest);
    ++per_class.at(std::stoul(s.label));
  }
  for (int n : per_class) EXPECT_EQ(n, 1000);  // Fashion-MNIST's test set is balanced
}

}  // namespace
}  // namespace mote::testing
