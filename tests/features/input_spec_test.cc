// InputSpecOf: what a dataset's samples share, and the first sample that
// breaks it, named by id and source.
#include "features/input_spec.h"

#include <gtest/gtest.h>

namespace mote {
namespace {

SampleInfo Series(int64_t id, double rate, uint32_t frames, uint32_t axes) {
  SampleInfo s;
  s.id = id;
  s.source = "data/" + std::to_string(id) + ".csv";
  s.dtype = DType::kF32;
  s.sample_rate_hz = rate;
  s.shape = {frames, axes};
  for (uint32_t a = 0; a < axes; ++a) s.axes.push_back({"acc" + std::string(1, static_cast<char>('X' + a)), "m/s2"});
  return s;
}

TEST(InputSpec, SharedPropertiesAndTheLongestSample) {
  std::vector<SampleInfo> samples = {Series(1, 62.5, 100, 3), Series(2, 62.5, 140, 3), Series(3, 62.5, 90, 3)};
  auto spec = InputSpecOf(samples);
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  EXPECT_EQ(spec->kind, InputKind::kSeries);
  EXPECT_EQ(spec->sample_rate_hz, 62.5);
  EXPECT_EQ(spec->channels, 3u);
  EXPECT_EQ(spec->max_frames, 140u);
  EXPECT_EQ(spec->axis_names, (std::vector<std::string>{"accX", "accY", "accZ"}));
  auto back = InputSpec::FromJson(spec->ToJson(), "features.json");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ToJson(), spec->ToJson());
}

TEST(InputSpec, TheFirstSampleThatDiffersIsNamed) {
  std::vector<SampleInfo> rates = {Series(1, 62.5, 100, 3), Series(7, 100, 100, 3)};
  EXPECT_EQ(InputSpecOf(rates).status().message(),
            "sample 7 (data/7.csv) is sampled at 100 Hz but sample 1 (data/1.csv) at 62.5 Hz; features need one "
            "sample rate (resample on import: data.audio_rate_hz)");
  std::vector<SampleInfo> axes = {Series(1, 50, 100, 3), Series(2, 50, 100, 2)};
  EXPECT_EQ(InputSpecOf(axes).status().message(), "sample 2 (data/2.csv) has 2 channels but sample 1 (data/1.csv) has 3");
  SampleInfo audio = Series(3, 50, 100, 3);
  audio.dtype = DType::kI16;
  std::vector<SampleInfo> kinds = {Series(1, 50, 100, 3), audio};
  EXPECT_EQ(InputSpecOf(kinds).status().message(),
            "sample 3 (data/3.csv) is audio but sample 1 (data/1.csv) is series; one feature block needs one kind of "
            "data");
  EXPECT_FALSE(InputSpecOf({}).ok());
}

}  // namespace
}  // namespace mote
