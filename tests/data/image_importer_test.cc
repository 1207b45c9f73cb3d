// The image importer: PNG, BMP, PGM and JPEG keep the file's channel count
// (alpha dropped) and exact pixels where the format is lossless; a non-image
// or a truncated image is a one-line error that leaves the store unchanged.
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <cstdlib>

#include "core/file_util.h"
#include "data/dataset_store.h"
#include "data/import_test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;

// w x h pixels of `channels`, value (y, x, c) = 40*y + 13*x + 90*c (mod 256).
std::vector<uint8_t> Pattern(int w, int h, int channels) {
  std::vector<uint8_t> px;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < channels; ++c) px.push_back(static_cast<uint8_t>(40 * y + 13 * x + 90 * c));
  return px;
}

class ImageImporterTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_); }
  Result<ImportedSample> ReadOne(const fs::path& file) {
    auto samples = ReadWith("image", {file});
    if (!samples.ok()) return samples.status();
    if (samples->size() != 1) return Status::Internal("expected one sample, got " + std::to_string(samples->size()));
    return std::move((*samples)[0]);
  }
  TempDir tmp_;
  fs::path dir_ = tmp_ / "img";
};

TEST_F(ImageImporterTest, RgbPngIsExact) {
  fs::path png = dir_ / "rgb.png";
  std::vector<uint8_t> px = Pattern(5, 4, 3);
  ASSERT_TRUE(stbi_write_png(png.c_str(), 5, 4, 3, px.data(), 5 * 3));
  auto s = ReadOne(png);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->data.dtype, DType::kU8);
  EXPECT_EQ(s->data.shape, (std::vector<uint32_t>{4, 5, 3}));
  EXPECT_EQ(s->data.bytes, px);
  ASSERT_EQ(s->axes.size(), 3u);
  EXPECT_EQ(s->axes[0].name, "red");
  EXPECT_EQ(s->sample_rate_hz, 0);
  EXPECT_EQ(s->source, png.string());
}

TEST_F(ImageImporterTest, AlphaIsDroppedAndGrayStaysOneChannel) {
  fs::path rgba = dir_ / "rgba.png";
  std::vector<uint8_t> px4 = Pattern(3, 2, 4);
  ASSERT_TRUE(stbi_write_png(rgba.c_str(), 3, 2, 4, px4.data(), 3 * 4));
  auto s = ReadOne(rgba);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->data.shape, (std::vector<uint32_t>{2, 3, 3}));
  std::vector<uint8_t> rgb;
  for (size_t i = 0; i < px4.size(); i += 4) rgb.insert(rgb.end(), px4.begin() + i, px4.begin() + i + 3);
  EXPECT_EQ(s->data.bytes, rgb);

  fs::path gray_alpha = dir_ / "ga.png";
  std::vector<uint8_t> px2 = Pattern(3, 2, 2);
  ASSERT_TRUE(stbi_write_png(gray_alpha.c_str(), 3, 2, 2, px2.data(), 3 * 2));
  auto g = ReadOne(gray_alpha);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->data.shape, (std::vector<uint32_t>{2, 3, 1}));
  ASSERT_EQ(g->axes.size(), 1u);
  EXPECT_EQ(g->axes[0].name, "gray");
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(g->data.bytes[i], px2[2 * i]);
}

TEST_F(ImageImporterTest, BmpAndPgmAreExact) {
  fs::path bmp = dir_ / "x.bmp";
  std::vector<uint8_t> px = Pattern(7, 3, 3);
  ASSERT_TRUE(stbi_write_bmp(bmp.c_str(), 7, 3, 3, px.data()));
  auto b = ReadOne(bmp);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->data.shape, (std::vector<uint32_t>{3, 7, 3}));
  EXPECT_EQ(b->data.bytes, px);

  fs::path pgm = dir_ / "x.pgm";
  std::vector<uint8_t> gray = Pattern(4, 3, 1);
  std::string text = "P5\n# written by the test\n4 3\n255\n" + std::string(gray.begin(), gray.end());
  WriteText(pgm, text);
  auto p = ReadOne(pgm);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->data.shape, (std::vector<uint32_t>{3, 4, 1}));
  EXPECT_EQ(p->data.bytes, gray);
}

TEST_F(ImageImporterTest, JpegDecodesCloseToTheOriginal) {
  fs::path jpg = dir_ / "x.jpg";
  std::vector<uint8_t> px(16 * 16 * 3, 0);
  for (size_t i = 0; i < px.size(); i += 3) px[i] = 200;  // flat red: JPEG keeps it within a few levels
  ASSERT_TRUE(stbi_write_jpg(jpg.c_str(), 16, 16, 3, px.data(), 95));
  auto s = ReadOne(jpg);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->data.shape, (std::vector<uint32_t>{16, 16, 3}));
  for (size_t i = 0; i < px.size(); ++i) EXPECT_NEAR(s->data.bytes[i], px[i], 4) << i;
}

TEST_F(ImageImporterTest, LabelFromTheFolderThroughTheCli) {
  fs::path project = MakeProject(tmp_);
  for (const char* label : {"cat", "dog"}) {
    fs::path png = dir_ / label / "1.png";
    fs::create_directories(png.parent_path());
    std::vector<uint8_t> px = Pattern(2, 2, label[0] == 'c' ? 1 : 3);
    ASSERT_TRUE(stbi_write_png(png.c_str(), 2, 2, label[0] == 'c' ? 1 : 3, px.data(), 0));
  }
  RunResult r = RunImport(project, {dir_.string(), "--label-from", "folder"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  ASSERT_TRUE(store.ok());
  auto list = (*store)->List(SampleFilter{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].label, "cat");
  EXPECT_EQ((*list)[0].shape, (std::vector<uint32_t>{2, 2, 1}));
  EXPECT_EQ((*list)[1].label, "dog");
  EXPECT_EQ((*list)[1].shape, (std::vector<uint32_t>{2, 2, 3}));
}

TEST_F(ImageImporterTest, NonImageWithAnImageExtension) {
  fs::path project = MakeProject(tmp_);
  fs::path good = dir_ / "good.png";
  std::vector<uint8_t> px = Pattern(2, 2, 1);
  ASSERT_TRUE(stbi_write_png(good.c_str(), 2, 2, 1, px.data(), 0));
  fs::path fake = dir_ / "x.png";
  WriteText(fake, "timestamp,x\n0,1\n");
  ExpectImportFails(project, {good.string(), fake.string(), "--label", "a"},
                    {"x.png: not a PNG/JPEG/BMP/PGM image (stb: "});
}

TEST_F(ImageImporterTest, TruncatedPng) {
  fs::path project = MakeProject(tmp_);
  fs::path full = dir_ / "full.png";
  std::vector<uint8_t> px = Pattern(64, 64, 3);
  ASSERT_TRUE(stbi_write_png(full.c_str(), 64, 64, 3, px.data(), 0));
  auto bytes = ReadFile(full);
  ASSERT_TRUE(bytes.ok());
  fs::path cut = dir_ / "cut.png";
  WriteText(cut, bytes->substr(0, bytes->size() / 2));
  ExpectImportFails(project, {cut.string(), "--label", "a"}, {"cut.png: not a PNG/JPEG/BMP/PGM image (stb: "});
}

}  // namespace
}  // namespace mote::testing
