// features.bin and index.json: what is written is read back; damage is
// named with the file and byte.
#include "features/feature_file.h"

#include <gtest/gtest.h>

#include "core/file_util.h"
#include "features/feature_index.h"
#include "test_util.h"

namespace mote {
namespace {

TEST(FeatureFile, RoundTripAndRandomAccess) {
  testing::TempDir dir;
  const auto path = dir / "features.bin";
  {
    auto w = FeatureFileWriter::Create(path, {2, 3});
    ASSERT_TRUE(w.ok());
    std::vector<float> a = {1, 2, 3, 4, 5, 6}, b(12);
    for (size_t i = 0; i < b.size(); ++i) b[i] = 10.0f + static_cast<float>(i);
    ASSERT_TRUE((*w)->Append(a.data(), 1).ok());
    ASSERT_TRUE((*w)->Append(b.data(), 2).ok());
    ASSERT_TRUE((*w)->Finish().ok());
  }
  auto bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 20u + 3 * 6 * 4);
  EXPECT_EQ(bytes->substr(0, 4), "MFEA");
  EXPECT_EQ(static_cast<uint8_t>((*bytes)[8]), 3);  // rows, patched in at Finish

  auto r = FeatureFileReader::Open(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->rows(), 3u);
  EXPECT_EQ((*r)->shape().frames, 2u);
  EXPECT_EQ((*r)->shape().features, 3u);
  std::vector<float> row(6);
  ASSERT_TRUE((*r)->ReadRows(2, 1, row.data()).ok());
  EXPECT_EQ(row, (std::vector<float>{16, 17, 18, 19, 20, 21}));
  EXPECT_FALSE((*r)->ReadRows(3, 1, row.data()).ok());

  ASSERT_TRUE(WriteFileAtomically(path, bytes->substr(0, bytes->size() - 4)).ok());
  auto cut = FeatureFileReader::Open(path);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().message(), path.string() + ": 88 bytes, expected 92 for 3 rows of 2x3");
  ASSERT_TRUE(WriteFileAtomically(path, "MFEB" + bytes->substr(4)).ok());
  EXPECT_EQ(FeatureFileReader::Open(path).status().message(), path.string() + ": byte 0: bad magic, expected MFEA");
}

TEST(FeatureIndex, RoundTrip) {
  testing::TempDir dir;
  std::vector<FeatureRow> rows = {{4, 0, "wave", Split::kTrain, false}, {4, 1, "wave", Split::kTrain, false},
                                  {9, 0, "a \"quoted\" label", Split::kTest, true}};
  ASSERT_TRUE(WriteFeatureIndex(dir / "index.json", rows).ok());
  auto back = ReadFeatureIndex(dir / "index.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[1].window, 1u);
  EXPECT_EQ((*back)[2].label, "a \"quoted\" label");
  EXPECT_EQ((*back)[2].split, Split::kTest);
  EXPECT_TRUE((*back)[2].padded);
  testing::WriteText(dir / "index.json", R"({"columns":["sample_id","window","label","split","padded"],"rows":[[1,0,"a","valid",false]]})");
  EXPECT_EQ(ReadFeatureIndex(dir / "index.json").status().message(),
            (dir / "index.json").string() + ": rows[0]: unknown split");
}

}  // namespace
}  // namespace mote
