// Stream windowing, the Signal view, pre-emphasis and scaling.
#include "micro/dsp/framing.h"

#include <gtest/gtest.h>

#include <vector>

#include "micro/dsp/pre_emphasis.h"
#include "micro/dsp/scale.h"
#include "micro/dsp/signal.h"

namespace mote::dsp {
namespace {

TEST(FramingTest, FrameCountsFollowTheirDefinitions) {
  for (uint32_t length : {0u, 1u, 5u, 99u, 100u, 101u, 479u, 480u, 481u, 799u, 800u, 16000u}) {
    for (uint32_t frame : {1u, 7u, 100u, 480u}) {
      for (uint32_t stride : {1u, 3u, 50u, 320u, 600u}) {
        // kNone: whole frames only.
        uint32_t none = 0;
        while (length > 0 && uint64_t{none} * stride + frame <= length) ++none;
        EXPECT_EQ(FrameCount(length, frame, stride, Padding::kNone), none) << length << " " << frame << " " << stride;
        // kEnd: the fewest frames (at least one) that cover every sample.
        uint32_t end = length > 0 ? 1 : 0;
        while (length > 0 && uint64_t{end - 1} * stride + frame < length) ++end;
        EXPECT_EQ(FrameCount(length, frame, stride, Padding::kEnd), end) << length << " " << frame << " " << stride;
        // kCenter: frames inside the signal padded with frame / 2 zeros on both sides.
        uint32_t center = 0;
        while (length > 0 && uint64_t{center} * stride + frame <= length + 2 * (frame / 2)) ++center;
        EXPECT_EQ(FrameCount(length, frame, stride, Padding::kCenter), center) << length << " " << frame << " " << stride;
      }
    }
  }
}

TEST(FramingTest, FrameStarts) {
  EXPECT_EQ(FrameStart(0, 480, 320, Padding::kNone), 0);
  EXPECT_EQ(FrameStart(3, 480, 320, Padding::kEnd), 960);
  EXPECT_EQ(FrameStart(0, 257, 128, Padding::kCenter), -128);
  EXPECT_EQ(FrameStart(2, 256, 128, Padding::kCenter), 128);
}

TEST(SignalTest, CopiesWithZerosOutsideAndReadsInt16AsQ15) {
  const std::vector<float> f = {1.0f, 2.0f, 3.0f};
  const std::vector<int16_t> q = {16384, -32768, 1};
  std::vector<float> out(6, 9.0f);
  Signal(f.data(), 3).CopyWithZeros(-2, 6, out.data());
  EXPECT_EQ(out, (std::vector<float>{0, 0, 1, 2, 3, 0}));
  Signal(q.data(), 3).CopyWithZeros(1, 3, out.data());
  EXPECT_EQ(out[0], -1.0f);
  EXPECT_EQ(out[1], 1.0f / 32768.0f);
  EXPECT_EQ(out[2], 0.0f);
  EXPECT_EQ(Signal(q.data(), 3).length(), 3u);
}

TEST(PreEmphasisTest, FramewiseEqualsWholeSignal) {
  std::vector<float> x(50);
  for (size_t n = 0; n < x.size(); ++n) x[n] = static_cast<float>((n * 37) % 11) - 5.0f;
  std::vector<float> whole = x;
  PreEmphasize(whole.data(), 50, 0.97f, 0.0f);
  for (size_t n = 0; n < x.size(); ++n) EXPECT_FLOAT_EQ(whole[n], x[n] - 0.97f * (n ? x[n - 1] : 0.0f)) << n;
  // Two pieces, the second given the first's last sample as history.
  std::vector<float> a(x.begin(), x.begin() + 20), b(x.begin() + 20, x.end());
  PreEmphasize(a.data(), 20, 0.97f, 0.0f);
  PreEmphasize(b.data(), 30, 0.97f, x[19]);
  for (size_t n = 0; n < 20; ++n) EXPECT_EQ(a[n], whole[n]);
  for (size_t n = 0; n < 30; ++n) EXPECT_EQ(b[n], whole[20 + n]);
}

TEST(ScaleTest, ScalesFloatsAndInt16) {
  const std::vector<float> f = {1.0f, -2.0f, 0.5f};
  std::vector<float> out(3);
  Scale(f.data(), 3, 2.0f, out.data());
  EXPECT_EQ(out, (std::vector<float>{2.0f, -4.0f, 1.0f}));
  const std::vector<int16_t> q = {-32768, 0, 16384};
  Int16ToFloat(q.data(), 3, 1.0f / 32768.0f, out.data());
  EXPECT_EQ(out, (std::vector<float>{-1.0f, 0.0f, 0.5f}));
}

}  // namespace
}  // namespace mote::dsp
