// The Edge Impulse importer: JSON and CBOR (including the C SDK's streaming
// layout with an indefinite-length values array), flat single-sensor values,
// audio payloads, HMAC-SHA256 verification; and one-line errors for bad
// signatures, unsigned files under --hmac-key, bad CBOR and bad values.
#include <gtest/gtest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/hash.h"
#include "data/dataset_store.h"
#include "data/import_test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kZeros(64, '0');
constexpr const char* kKey = "fed53116f20684c067774ebf9e7bcbdc";

// Signs as the format's documentation describes: HMAC-SHA256 over the whole
// encoding with the signature field holding 64 '0's, the hex result written
// over those zeros. Written here independently of the importer's verifier.
std::string Sign(std::string encoded, const std::string& key) {
  size_t at = encoded.find(kZeros);
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(sodium_init() >= 0, true);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size());
  crypto_auth_hmacsha256_final(&st, mac);
  encoded.replace(at, 64, ToHex(std::span<const uint8_t>(mac, sizeof mac)));
  return encoded;
}

json Message(const std::string& alg, json sensors, json values, double interval_ms) {
  return {{"protected", {{"ver", "v1"}, {"alg", alg}, {"iat", 1564128599}}},
          {"signature", kZeros},
          {"payload",
           {{"device_name", "ac:87:a3:0a:2d:1b"},
            {"device_type", "DISCO-L475VG-IOT01A"},
            {"interval_ms", interval_ms},
            {"sensors", std::move(sensors)},
            {"values", std::move(values)}}}};
}

json Accelerometer() {
  return json::array({{{"name", "accX"}, {"units", "m/s2"}},
                      {{"name", "accY"}, {"units", "m/s2"}},
                      {{"name", "accZ"}, {"units", "m/s2"}}});
}

// A minimal CBOR writer, to build files the way Edge Impulse's C SDK streams
// them (definite maps, float32 values, an indefinite-length values array).
struct Cbor {
  std::string out;
  void Head(uint8_t major, uint64_t n) {
    if (n < 24) {
      out += static_cast<char>(major << 5 | n);
    } else if (n < 256) {
      out += static_cast<char>(major << 5 | 24);
      out += static_cast<char>(n);
    } else {
      out += static_cast<char>(major << 5 | 25);
      out += static_cast<char>(n >> 8);
      out += static_cast<char>(n & 0xff);
    }
  }
  void Text(const std::string& s) {
    Head(3, s.size());
    out += s;
  }
  void Map(uint64_t n) { Head(5, n); }
  void Array(uint64_t n) { Head(4, n); }
  void IndefiniteArray() { out += '\x9f'; }
  void Break() { out += '\xff'; }
  void Float(float f) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    out += '\xfa';
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(bits >> shift);
  }
};

std::string SdkStyleCbor(const std::vector<std::array<float, 3>>& rows) {
  Cbor c;
  c.Map(3);
  c.Text("protected");
  c.Map(2);
  c.Text("ver");
  c.Text("v1");
  c.Text("alg");
  c.Text("HS256");
  c.Text("signature");
  c.Text(kZeros);
  c.Text("payload");
  c.Map(4);
  c.Text("device_type");
  c.Text("LINUX_TEST");
  c.Text("interval_ms");
  c.Float(16);
  c.Text("sensors");
  c.Array(3);
  for (const char* axis : {"accX", "accY", "accZ"}) {
    c.Map(2);
    c.Text("name");
    c.Text(axis);
    c.Text("units");
    c.Text("m/s2");
  }
  c.Text("values");
  c.IndefiniteArray();
  for (const auto& row : rows) {
    c.Array(3);
    for (float v : row) c.Float(v);
  }
  c.Break();
  return c.out;
}

class EdgeImpulseImporterTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& bytes) {
    fs::path p = tmp_ / "ei" / name;
    WriteText(p, bytes);
    return p;
  }
  static ImportOptions WithKey(const std::string& key = kKey) {
    ImportOptions o;
    o.hmac_key = key;
    return o;
  }
  TempDir tmp_;
};

TEST_F(EdgeImpulseImporterTest, SignedJsonIsVerifiedAndRead) {
  json m = Message("HS256", Accelerometer(), {{-9.81, 0.03, 1.21}, {-9.83, 0.04, 1.28}}, 10);
  fs::path f = Write("wave.01.json", Sign(m.dump(2), kKey));  // pretty-printed: whitespace is signed too
  auto samples = ReadWith("edge-impulse", {f}, WithKey());
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 1u);
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.data.dtype, DType::kF32);
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(std::vector<float>(s.data.f32().begin(), s.data.f32().end()),
            (std::vector<float>{-9.81f, 0.03f, 1.21f, -9.83f, 0.04f, 1.28f}));
  EXPECT_DOUBLE_EQ(s.sample_rate_hz, 100);
  ASSERT_EQ(s.axes.size(), 3u);
  EXPECT_EQ(s.axes[2].name, "accZ");
  EXPECT_EQ(s.axes[2].units, "m/s2");
  EXPECT_EQ(s.label, "");
}

TEST_F(EdgeImpulseImporterTest, FlatValuesForOneSensorWithoutAKey) {
  json m = Message("none", json::array({{{"name", "temp"}, {"units", "Cel"}}}), {20.5, 21, 21.5}, 1000);
  auto samples = ReadWith("edge-impulse", {Write("t.json", m.dump())});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{3, 1}));
  EXPECT_EQ(std::vector<float>(s.data.f32().begin(), s.data.f32().end()), (std::vector<float>{20.5f, 21, 21.5f}));
  EXPECT_DOUBLE_EQ(s.sample_rate_hz, 1);
}

TEST_F(EdgeImpulseImporterTest, SdkStyleCborIsVerifiedAndRead) {
  std::string cbor = Sign(SdkStyleCbor({{1.5f, -2, 3}, {4, 5.25f, -6}, {7, 8, 9}}), kKey);
  auto samples = ReadWith("edge-impulse", {Write("s.cbor", cbor)}, WithKey());
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{3, 3}));
  EXPECT_EQ(std::vector<float>(s.data.f32().begin(), s.data.f32().end()),
            (std::vector<float>{1.5f, -2, 3, 4, 5.25f, -6, 7, 8, 9}));
  EXPECT_DOUBLE_EQ(s.sample_rate_hz, 62.5);
}

TEST_F(EdgeImpulseImporterTest, NlohmannCborIsVerifiedToo) {
  json m = Message("HS256", Accelerometer(), {{1, 2, 3}}, 20);
  std::vector<uint8_t> bytes = json::to_cbor(m);
  auto samples = ReadWith("edge-impulse", {Write("n.cbor", Sign({bytes.begin(), bytes.end()}, kKey))}, WithKey());
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  EXPECT_DOUBLE_EQ((*samples)[0].sample_rate_hz, 50);
}

TEST_F(EdgeImpulseImporterTest, AudioPayloadIsStoredAsPcm) {
  json m = Message("none", json::array({{{"name", "audio"}, {"units", "wav"}}}), {-10, 2, 32767, -32768, 0}, 0.0625);
  auto samples = ReadWith("edge-impulse", {Write("a.json", m.dump())});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.data.dtype, DType::kI16);
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{5, 1}));
  EXPECT_EQ(std::vector<int16_t>(s.data.i16().begin(), s.data.i16().end()),
            (std::vector<int16_t>{-10, 2, 32767, -32768, 0}));
  EXPECT_DOUBLE_EQ(s.sample_rate_hz, 16000);
}

TEST_F(EdgeImpulseImporterTest, LabelFromTheFileNameThroughTheCli) {
  fs::path project = MakeProject(tmp_);
  json m = Message("HS256", Accelerometer(), {{1, 2, 3}, {4, 5, 6}}, 10);
  fs::path f = Write("wave.s1.json", Sign(m.dump(), kKey));
  RunResult r = RunImport(project, {f.string(), "--label-from", "filename", "--hmac-key", kKey});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  ASSERT_TRUE(store.ok());
  auto list = (*store)->List(SampleFilter{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].label, "wave");
  EXPECT_DOUBLE_EQ((*list)[0].sample_rate_hz, 100);
}

class EdgeImpulseErrorTest : public EdgeImpulseImporterTest {
 protected:
  void SetUp() override {
    project_ = MakeProject(tmp_);
    good_ = Write("good.json", Sign(Message("HS256", Accelerometer(), {{1, 2, 3}}, 10).dump(), kKey));
  }
  void ExpectFails(const fs::path& bad, const std::vector<std::string>& expected, bool with_key = true) {
    std::vector<std::string> args = {good_.string(), bad.string(), "--label", "a"};
    if (with_key) args.insert(args.end(), {"--hmac-key", kKey});
    ExpectImportFails(project_, args, expected);
  }
  fs::path project_, good_;
};

TEST_F(EdgeImpulseErrorTest, ValuesChangedAfterSigning) {
  std::string signed_text = Sign(Message("HS256", Accelerometer(), {{1, 2, 3}, {4, 5, 6}}, 10).dump(), kKey);
  size_t at = signed_text.find("[4,5,6]");
  ASSERT_NE(at, std::string::npos);
  signed_text.replace(at, 7, "[4,5,7]");
  ExpectFails(Write("x.json", signed_text), {"x.json: field 'signature': HMAC-SHA256 does not match"});
}

TEST_F(EdgeImpulseErrorTest, WrongKey) {
  fs::path f = Write("x.json", Sign(Message("HS256", Accelerometer(), {{1, 2, 3}, {4, 5, 6}}, 10).dump(), "other"));
  ExpectFails(f, {"x.json: field 'signature': HMAC-SHA256 does not match"});
}

TEST_F(EdgeImpulseErrorTest, BadCborSignature) {
  std::string cbor = Sign(SdkStyleCbor({{1, 2, 3}, {4, 5, 6}}), "other");
  ExpectFails(Write("x.cbor", cbor), {"x.cbor: field 'signature': HMAC-SHA256 does not match"});
}

TEST_F(EdgeImpulseErrorTest, UnsignedFileUnderAKey) {
  fs::path f = Write("x.json", Message("none", Accelerometer(), {{1, 2, 3}, {4, 5, 6}}, 10).dump());
  ExpectFails(f, {"x.json: field 'protected.alg': 'none' means the file is unsigned"});
}

TEST_F(EdgeImpulseErrorTest, TruncatedCbor) {
  std::string cbor = Sign(SdkStyleCbor({{1, 2, 3}, {4, 5, 6}}), kKey);
  cbor.resize(cbor.size() - 7);
  ExpectFails(Write("x.cbor", cbor), {"x.cbor: byte " + std::to_string(cbor.size() + 1) + ": not valid CBOR"});
}

TEST_F(EdgeImpulseErrorTest, BrokenJson) {
  ExpectFails(Write("x.json", "{\"protected\": {\"alg\": \"HS256\"},\n \"payload\": [1, 2,,]}"),
              {"x.json: byte ", ": not valid JSON (syntax error"});
}

TEST_F(EdgeImpulseErrorTest, RowWithTheWrongNumberOfValues) {
  fs::path f = Write("x.json", Message("none", Accelerometer(), {{1, 2, 3}, {4, 5}}, 10).dump());
  ExpectFails(f, {"x.json: field 'payload.values[1]': expected 3 values (one per sensor), got 2"}, false);
}

TEST_F(EdgeImpulseErrorTest, MissingInterval) {
  json m = Message("none", Accelerometer(), {{1, 2, 3}}, 10);
  m["payload"].erase("interval_ms");
  ExpectFails(Write("x.json", m.dump()), {"x.json: field 'payload.interval_ms': missing"}, false);
}

}  // namespace
}  // namespace mote::testing
