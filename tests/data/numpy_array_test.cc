// NumPy .npy and .npz parsing (numpy_array.h) on arrays built byte by byte
// here, the errors on damaged ones, and SciPy's electrocardiogram
// (scipy/misc/ecg.dat, a deflated .npz) when python3-scipy is installed,
// checked against the mean and standard deviation SciPy's documentation
// gives for it.
#include "data/import/numpy_array.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstring>

#include "core/file_util.h"
#include "data/numpy_test_util.h"

namespace mote {
namespace {

using testing::NpyBytes;

TEST(NumpyArrayTest, ReadsIntegersAndFloatsOfEveryRankUpToTwo) {
  std::vector<uint8_t> payload = {0x00, 0x04, 0xC8, 0x04, 0xFF, 0xFF};  // 1024, 1224, 65535
  auto a = ParseNpy(NpyBytes("<u2", "(3,)", payload), "a.npy");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->descr, "<u2");
  EXPECT_EQ(a->shape, std::vector<uint64_t>({3}));
  EXPECT_EQ(a->values, std::vector<double>({1024, 1224, 65535}));

  auto s = ParseNpy(NpyBytes("<i2", "(2,)", {0xFB, 0xFF, 0x05, 0x00}), "s.npy");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->values, std::vector<double>({-5, 5}));

  std::vector<uint8_t> floats;
  for (float v : {0.5f, -1.25f, 3.0f, 4.0f, 5.0f, 6.5f}) {
    uint8_t b[4];
    std::memcpy(b, &v, 4);
    floats.insert(floats.end(), b, b + 4);
  }
  auto f = ParseNpy(NpyBytes("<f4", "(2, 3)", floats), "f.npy");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->shape, std::vector<uint64_t>({2, 3}));
  EXPECT_EQ(f->values, std::vector<double>({0.5, -1.25, 3, 4, 5, 6.5}));
}

TEST(NumpyArrayTest, RefusesWhatItCannotReadNamingFileAndByte) {
  const std::vector<uint8_t> two = {1, 0, 2, 0};
  struct Case {
    std::vector<uint8_t> bytes;
    std::string message;
  } cases[] = {
      {{'n', 'o', 't', ' ', 'n', 'p', 'y', '!', '!', '!'}, "x.npy: byte 0: not a NumPy .npy array"},
      {NpyBytes(">u2", "(2,)", two), "big-endian dtype '>u2'"},
      {NpyBytes("<c8", "(2,)", two), "unsupported dtype '<c8'"},
      {NpyBytes("<u2", "(2, 1, 1)", two), "rank 3"},
      {NpyBytes("<u2", "(3,)", two), "3 values of 2 bytes need 6 bytes, the file holds 4"},
      {NpyBytes("<u2", "(2,)", two, /*fortran=*/true), "Fortran-order"},
  };
  for (const Case& c : cases) {
    auto r = ParseNpy(c.bytes, "x.npy");
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().ToString();
    EXPECT_EQ(r.status().message().rfind("x.npy: byte ", 0), 0u) << r.status().ToString();
  }
}

// A zip archive of stored (uncompressed) members, as zipfile writes them.
std::vector<uint8_t> StoredZip(const std::vector<std::pair<std::string, std::vector<uint8_t>>>& members,
                               bool break_crc = false) {
  std::vector<uint8_t> z;
  auto put = [&z](uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) z.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  for (const auto& [name, data] : members) {
    put(0x04034b50, 4);
    put(20, 2);
    put(0, 2);  // flags
    put(0, 2);  // stored
    put(0, 4);  // time, date
    put(crc32(0L, data.data(), static_cast<uInt>(data.size())) ^ (break_crc ? 1 : 0), 4);
    put(data.size(), 4);
    put(data.size(), 4);
    put(name.size(), 2);
    put(0, 2);
    z.insert(z.end(), name.begin(), name.end());
    z.insert(z.end(), data.begin(), data.end());
  }
  put(0x06054b50, 4);  // an (empty) end of central directory is all the parser needs to stop
  for (int i = 0; i < 18; ++i) z.push_back(0);
  return z;
}

TEST(NumpyArrayTest, ReadsTheNpyMembersOfAnArchive) {
  const std::vector<uint8_t> a = NpyBytes("|u1", "(2,)", {7, 9});
  const std::vector<uint8_t> z = StoredZip({{"a.npy", a}, {"readme.txt", {'h', 'i'}}, {"b.npy", a}});
  EXPECT_TRUE(LooksLikeZip(z));
  auto arrays = ParseNpz(z, "x.npz");
  ASSERT_TRUE(arrays.ok()) << arrays.status().ToString();
  ASSERT_EQ(arrays->size(), 2u);
  EXPECT_EQ((*arrays)[0].name, "a");
  EXPECT_EQ((*arrays)[1].name, "b");
  EXPECT_EQ((*arrays)[1].values, std::vector<double>({7, 9}));

  auto bad = ParseNpz(StoredZip({{"a.npy", a}}, /*break_crc=*/true), "x.npz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("x.npz#a.npy: byte 35: CRC-32"), std::string::npos) << bad.status().ToString();
  std::vector<uint8_t> cut = StoredZip({{"a.npy", a}});
  cut.resize(40);
  auto truncated = ParseNpz(cut, "x.npz");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("archive ends inside the member"), std::string::npos)
      << truncated.status().ToString();
}

TEST(NumpyArrayTest, ReadsScipysElectrocardiogram) {
  const std::filesystem::path ecg = testing::ScipyEcgPath();
  if (ecg.empty()) GTEST_SKIP() << "python3-scipy's scipy/misc/ecg.dat is not installed (scripts/setup.sh)";
  auto bytes = ReadFile(ecg);
  ASSERT_TRUE(bytes.ok());
  auto arrays = ParseNpz(std::span(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()), ecg.string());
  ASSERT_TRUE(arrays.ok()) << arrays.status().ToString();
  ASSERT_EQ(arrays->size(), 1u);
  const NumpyArray& a = arrays->front();
  EXPECT_EQ(a.name, "ecg");
  EXPECT_EQ(a.descr, "<u2");
  ASSERT_EQ(a.shape, std::vector<uint64_t>({108000}));
  // scipy.misc.electrocardiogram(): (counts - 1024) / 200 mV, whose first
  // value is -0.245, mean -0.16510875 and std 0.5992473991177294.
  double sum = 0, squares = 0;
  for (double v : a.values) sum += (v - 1024) / 200;
  const double mean = sum / a.values.size();
  for (double v : a.values) squares += ((v - 1024) / 200 - mean) * ((v - 1024) / 200 - mean);
  EXPECT_DOUBLE_EQ((a.values[0] - 1024) / 200, -0.245);
  EXPECT_NEAR(mean, -0.16510875, 1e-8);
  EXPECT_NEAR(std::sqrt(squares / a.values.size()), 0.5992473991177294, 1e-9);
}

}  // namespace
}  // namespace mote
