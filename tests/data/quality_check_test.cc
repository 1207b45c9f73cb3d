#include "data/quality_check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace mote {
namespace {

// One second of a 440 Hz tone at `amplitude` (full scale 1.0), clipped at `clip`.
ImportedSample Tone(double amplitude, double clip = 1.0, int frames = 16000, double phase = 0) {
  std::vector<int16_t> v(static_cast<size_t>(frames));
  for (int i = 0; i < frames; ++i) {
    double x = amplitude * std::sin(2 * M_PI * 440 * i / 16000.0 + phase);
    x = std::clamp(x, -clip, clip);
    v[static_cast<size_t>(i)] = static_cast<int16_t>(std::lround(x * 32767));
  }
  ImportedSample s;
  s.data = SampleData::FromI16({static_cast<uint32_t>(frames), 1}, v);
  s.sample_rate_hz = 16000;
  s.source = "tone";
  return s;
}

TEST(QualityCheck, FlagsClippedSilentShortAndOutlyingSamples) {
  testing::TempDir dir;
  auto store = DatasetStore::Open(dir / "store.db");
  ASSERT_TRUE(store.ok());
  auto session = (*store)->BeginImport(0.2, "t");
  // Ten ordinary clips at slightly different levels and phases.
  for (int i = 0; i < 10; ++i) ASSERT_TRUE((*session)->Add(Tone(0.3 + 0.01 * i, 1.0, 16000, i), "tone").ok());
  ASSERT_TRUE((*session)->Add(Tone(1.5, 0.8, 16000, 0.5), "tone").ok());      // id 11: clipped
  ASSERT_TRUE((*session)->Add(Tone(0.0001, 1.0, 16000, 0.7), "tone").ok());   // id 12: silent (-80 dBFS)
  ASSERT_TRUE((*session)->Add(Tone(0.31, 1.0, 4000, 0.9), "tone").ok());      // id 13: short
  ASSERT_TRUE((*session)->Commit().ok());

  QualityCheckOptions opt;
  opt.min_duration_ms = 500;
  auto issues = CheckQuality(**store, SampleFilter{}, opt);
  ASSERT_TRUE(issues.ok()) << issues.status().ToString();
  std::map<int64_t, std::string> by_id;
  for (const auto& q : *issues)
    for (const auto& r : q.reasons) by_id[q.id] += r + ";";
  EXPECT_EQ(by_id.size(), 3u);
  EXPECT_NE(by_id[11].find("clipped"), std::string::npos) << by_id[11];
  EXPECT_NE(by_id[12].find("silent"), std::string::npos) << by_id[12];
  EXPECT_NE(by_id[12].find("outlier (level"), std::string::npos) << by_id[12];
  EXPECT_NE(by_id[13].find("short (250 ms < 500 ms)"), std::string::npos) << by_id[13];
  EXPECT_NE(by_id[13].find("outlier (duration"), std::string::npos) << by_id[13];
}

TEST(QualityCheck, FlatSeriesAndUniformImagesAreSilent) {
  testing::TempDir dir;
  auto store = DatasetStore::Open(dir / "store.db");
  auto session = (*store)->BeginImport(0.2, "t");
  ImportedSample flat;
  std::vector<float> v(30, 9.81f);
  flat.data = SampleData::FromF32({10, 3}, v);
  flat.sample_rate_hz = 100;
  flat.source = "flat";
  ASSERT_TRUE((*session)->Add(flat, "idle").ok());
  ImportedSample gray;
  std::vector<uint8_t> px(64, 128);
  gray.data = SampleData::FromU8({8, 8, 1}, px);
  gray.source = "gray";
  ASSERT_TRUE((*session)->Add(gray, "img").ok());
  ImportedSample edge = gray;
  px[5] = 255;  // one bright pixel: an image, not clipping
  edge.data = SampleData::FromU8({8, 8, 1}, px);
  ASSERT_TRUE((*session)->Add(edge, "img").ok());
  ASSERT_TRUE((*session)->Commit().ok());
  auto issues = CheckQuality(**store, SampleFilter{}, {});
  ASSERT_TRUE(issues.ok());
  ASSERT_EQ(issues->size(), 2u);
  EXPECT_EQ((*issues)[0].reasons[0], "silent (flat signal)");
  EXPECT_EQ((*issues)[1].id, 2);
}

}  // namespace
}  // namespace mote
