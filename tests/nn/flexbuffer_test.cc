// The FlexBuffers map reader (micro/nn/flexbuffer.h) on a map TensorFlow Lite
// Micro's own test data holds, on maps written here by a small writer of the
// published format (values of every width and form the reader interprets),
// and on every truncation and every single-byte change of such a map: a
// damaged buffer gives `false` or some value, never a read outside it.
#include "micro/nn/flexbuffer.h"

#include <gtest/gtest.h>

#include "nn/flexbuffer_writer.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace mote::nn::flex {
namespace {

using testing::BuildMap;
using testing::Entry;
using testing::Form;

bool IntOf(const std::vector<uint8_t>& buffer, const char* key, int64_t* out) {
  Map map;
  Value v;
  return Map::Root(buffer.data(), static_cast<uint32_t>(buffer.size()), &map) && map.Find(key, &v) && v.AsInt(out);
}

TEST(FlexbufferTest, ReadsTheOptionsOfTfliteMicrosFilterBankTestData) {
  // {"num_channels": 32}, the bytes of TFLM's filter_bank_flexbuffers_generated_data.cc.
  const std::vector<uint8_t> bytes = {0x6e, 0x75, 0x6d, 0x5f, 0x63, 0x68, 0x61, 0x6e, 0x6e, 0x65, 0x6c, 0x73,
                                      0x00, 0x01, 0x0e, 0x01, 0x01, 0x01, 0x20, 0x04, 0x02, 0x24, 0x01};
  Map map;
  ASSERT_TRUE(Map::Root(bytes.data(), static_cast<uint32_t>(bytes.size()), &map));
  EXPECT_EQ(map.size(), 1u);
  int64_t v = 0;
  ASSERT_TRUE(IntOf(bytes, "num_channels", &v));
  EXPECT_EQ(v, 32);
  EXPECT_FALSE(IntOf(bytes, "num_channel", &v));    // a prefix of the key
  EXPECT_FALSE(IntOf(bytes, "num_channelss", &v));  // longer than it
  EXPECT_FALSE(IntOf(bytes, "", &v));
}

TEST(FlexbufferTest, ReadsEveryIntegerFormAtEveryWidth) {
  for (uint32_t width : {1u, 2u, 4u, 8u}) {
    for (uint32_t key_width : {1u, 2u, 4u}) {
      const int64_t small = width == 1 ? -5 : width == 2 ? -300 : width == 4 ? -70000 : INT64_MIN;
      const int64_t big = width == 1 ? 200 : width == 2 ? 40000 : width == 4 ? 3000000000 : INT64_MAX;
      const std::vector<uint8_t> bytes =
          BuildMap({{"a", Form::kInt, small}, {"big", Form::kUInt, big}, {"flag", Form::kBool, 1},
                    {"ind", Form::kIndirectInt, -1234567890123}, {"name", Form::kString, 0}},
                   width, key_width, width);
      int64_t v = 0;
      ASSERT_TRUE(IntOf(bytes, "a", &v)) << width;
      EXPECT_EQ(v, small);
      ASSERT_TRUE(IntOf(bytes, "big", &v)) << width;
      EXPECT_EQ(v, big);
      ASSERT_TRUE(IntOf(bytes, "flag", &v)) << width;
      EXPECT_EQ(v, 1);
      ASSERT_TRUE(IntOf(bytes, "ind", &v)) << width;
      EXPECT_EQ(v, -1234567890123);
      Map map;
      Value name;
      ASSERT_TRUE(Map::Root(bytes.data(), static_cast<uint32_t>(bytes.size()), &map));
      ASSERT_TRUE(map.Find("name", &name));
      EXPECT_EQ(name.type(), Type::kString);
      EXPECT_FALSE(name.AsInt(&v));  // a string is not an integer
      EXPECT_FALSE(IntOf(bytes, "absent", &v));
    }
  }
}

TEST(FlexbufferTest, UnsignedAboveInt64IsRejected) {
  const std::vector<uint8_t> bytes = BuildMap({{"u", Form::kUInt, -1}}, 8, 1);  // 2^64 - 1
  int64_t v = 0;
  EXPECT_FALSE(IntOf(bytes, "u", &v));
}

TEST(FlexbufferTest, EmptyMapAndMalformedRoots) {
  // The options of a custom op without parameters (SignalFftAutoScale's).
  const std::vector<uint8_t> empty = {0x00, 0x00, 0x01, 0x00, 0x00, 0x24, 0x01};
  Map map;
  ASSERT_TRUE(Map::Root(empty.data(), static_cast<uint32_t>(empty.size()), &map));
  EXPECT_EQ(map.size(), 0u);
  Value v;
  EXPECT_FALSE(map.Find("shift", &v));

  EXPECT_FALSE(Map::Root(nullptr, 0, &map));
  EXPECT_FALSE(Map::Root(empty.data(), 2, &map));
  std::vector<uint8_t> bad = BuildMap({{"k", Form::kInt, 7}}, 1, 1);
  bad[bad.size() - 2] = 1 << 2;  // the root is an int, not a map
  EXPECT_FALSE(Map::Root(bad.data(), static_cast<uint32_t>(bad.size()), &map));
  bad = BuildMap({{"k", Form::kInt, 7}}, 1, 1);
  bad.back() = 3;  // no such width
  EXPECT_FALSE(Map::Root(bad.data(), static_cast<uint32_t>(bad.size()), &map));
  bad = BuildMap({{"k", Form::kInt, 7}}, 1, 1);
  bad[bad.size() - 3] = 200;  // root offset before the buffer
  EXPECT_FALSE(Map::Root(bad.data(), static_cast<uint32_t>(bad.size()), &map));
}

// Reads everything a kernel could read; the result does not matter.
void ReadAll(const std::vector<uint8_t>& bytes, const std::vector<Entry>& entries) {
  Map map;
  if (!Map::Root(bytes.data(), static_cast<uint32_t>(bytes.size()), &map)) return;
  for (const Entry& e : entries) {
    Value v;
    int64_t x = 0;
    if (map.Find(e.key.c_str(), &v)) v.AsInt(&x);
  }
}

TEST(FlexbufferTest, DamagedBuffersNeverReadOutside) {
  const std::vector<Entry> entries = {{"alpha", Form::kInt, -3}, {"beta", Form::kIndirectInt, 99},
                                      {"gamma", Form::kString, 0}, {"zeta", Form::kUInt, 70000}};
  const std::vector<uint8_t> bytes = BuildMap(entries, 4, 2, 2);
  // Every truncation (the buffer is sized exactly, so a read past its end is
  // a heap overflow that AddressSanitizer reports).
  for (size_t n = 0; n <= bytes.size(); ++n) ReadAll(std::vector<uint8_t>(bytes.begin(), bytes.begin() + n), entries);
  // Every value of every byte.
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      std::vector<uint8_t> damaged = bytes;
      damaged[i] = static_cast<uint8_t>(b);
      ReadAll(damaged, entries);
    }
  }
  int64_t v = 0;
  ASSERT_TRUE(IntOf(bytes, "zeta", &v));
  EXPECT_EQ(v, 70000);
}

}  // namespace
}  // namespace mote::nn::flex
