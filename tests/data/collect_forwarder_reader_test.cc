#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "data/serial/forwarder_reader.h"

namespace mote {
namespace {

using Clock = ForwarderReader::Clock;
using std::chrono::duration;
using std::chrono::duration_cast;

Clock::time_point At(double seconds) {
  return Clock::time_point() + duration_cast<Clock::duration>(duration<double>(seconds));
}

// Reading i of a made-up 3-axis sensor; every value tells which reading it is.
std::string Reading(int i) {
  return std::to_string(i) + "," + std::to_string(i) + ".25," + std::to_string(-i) + "\r\n";
}

// Options with the fields `set` sets; the others keep their defaults.
ForwarderOptions With(const std::function<void(ForwarderOptions&)>& set) {
  ForwarderOptions o;
  set(o);
  return o;
}

ForwarderReader MakeReader(ForwarderOptions options) {
  Result<ForwarderReader> r = ForwarderReader::Create(std::move(options));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

// Feeds readings first..last-1, one every 1/hz seconds from `t0`.
void FeedPaced(ForwarderReader& reader, int first, int last, double hz, double t0 = 0) {
  for (int i = first; i < last; ++i) ASSERT_TRUE(reader.Feed(Reading(i), At(t0 + (i - first) / hz)).ok());
}

void ExpectReadings(const ForwarderWindow& w, int first) {
  ASSERT_EQ(w.values.size(), static_cast<size_t>(w.frames) * 3);
  for (uint32_t f = 0; f < w.frames; ++f) {
    float i = static_cast<float>(first) + static_cast<float>(f);
    EXPECT_EQ(w.values[f * 3], i);
    EXPECT_EQ(w.values[f * 3 + 1], i + 0.25f);
    EXPECT_EQ(w.values[f * 3 + 2], -i);
  }
}

TEST(CollectForwarderReader, DetectsAxesAndRateFromTheFirstSecond) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) { o.window_ms = 200; }));
  FeedPaced(reader, 0, 40, 50);
  EXPECT_FALSE(reader.detected());  // still within the first second
  EXPECT_EQ(reader.frames(), 0);
  FeedPaced(reader, 40, 120, 50, 40 / 50.0);
  ASSERT_TRUE(reader.detected());
  EXPECT_EQ(reader.frequency_hz(), 50);
  EXPECT_EQ(reader.axis_count(), 3u);
  EXPECT_EQ(reader.axis_names(), (std::vector<std::string>{"axis0", "axis1", "axis2"}));
  EXPECT_EQ(reader.window_frames(), 10);
  EXPECT_EQ(reader.frames(), 120);  // the held-back second became frames too
  ASSERT_EQ(reader.windows().size(), 12u);
  for (size_t k = 0; k < 12; ++k) {
    ExpectReadings(reader.windows()[k], static_cast<int>(k) * 10);
    EXPECT_EQ(reader.windows()[k].first_line, static_cast<int64_t>(k) * 10 + 1);
    EXPECT_EQ(reader.windows()[k].last_line, static_cast<int64_t>(k) * 10 + 10);
  }
  EXPECT_EQ(reader.garbage(), 0);
}

TEST(CollectForwarderReader, RateSurvivesLinesArrivingInBursts) {
  // A USB serial adapter hands lines over in bursts: 10 lines every 100 ms is 100 Hz.
  ForwarderReader reader = MakeReader(ForwarderOptions{});
  std::string burst;
  for (int chunk = 0; chunk < 15; ++chunk) {
    burst.clear();
    for (int i = 0; i < 10; ++i) burst += Reading(chunk * 10 + i);
    ASSERT_TRUE(reader.Feed(burst, At(chunk * 0.1)).ok());
  }
  ASSERT_TRUE(reader.detected());
  EXPECT_EQ(reader.frequency_hz(), 100);
}

TEST(CollectForwarderReader, RoundsJitteryRates) {
  ForwarderReader fast = MakeReader(ForwarderOptions{});
  for (int i = 0; i < 120; ++i) ASSERT_TRUE(fast.Feed(Reading(i), At(i / 100.4 + (i % 2) * 0.002)).ok());
  ASSERT_TRUE(fast.detected());
  EXPECT_EQ(fast.frequency_hz(), 100);

  ForwarderReader slow = MakeReader(ForwarderOptions{});
  FeedPaced(slow, 0, 5, 2.5);
  ASSERT_TRUE(slow.detected());
  EXPECT_DOUBLE_EQ(slow.frequency_hz(), 2.5);
}

TEST(CollectForwarderReader, DropsTheFirstPartialLineOfAStreamJoinedMidway) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) {
    o.frequency_hz = 10;
    o.axis_names = {"x", "y", "z"};
    o.starts_mid_line = true;
  }));
  ASSERT_TRUE(reader.Feed(".25,-7\r\n" + Reading(8) + Reading(9), At(0)).ok());
  ASSERT_TRUE(reader.Finish().ok());
  EXPECT_EQ(reader.garbage(), 0);
  EXPECT_EQ(reader.lines(), 2);
  ASSERT_EQ(reader.windows().size(), 1u);  // no window length: one window
  ExpectReadings(reader.windows()[0], 8);
  EXPECT_EQ(reader.windows()[0].first_line, 1);
}

TEST(CollectForwarderReader, LinesSplitAcrossReadsAreJoined) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) {
    o.frequency_hz = 10;
    o.axis_names = {"x", "y", "z"};
  }));
  std::string stream = Reading(0) + Reading(1) + Reading(2);
  for (size_t i = 0; i < stream.size(); ++i) ASSERT_TRUE(reader.Feed(stream.substr(i, 1), At(0)).ok());
  ASSERT_TRUE(reader.Finish().ok());
  ASSERT_EQ(reader.windows().size(), 1u);
  EXPECT_EQ(reader.windows()[0].frames, 3u);
  ExpectReadings(reader.windows()[0], 0);
}

TEST(CollectForwarderReader, CountsAndLocatesGarbage) {
  ForwarderReader reader = MakeReader(ForwarderOptions{});
  std::vector<std::string> lines;
  for (int i = 0; i < 150; ++i) {
    lines.push_back(Reading(i));
    if (i == 3) lines.push_back("1.5,2.5\r\n");        // line 5: too few values, judged at detection end
    if (i == 10) lines.push_back("\r\n");              // line 13: blank, ignored
    if (i == 20) lines.push_back("sensor ready\r\n");  // line 24: not numbers
    if (i == 130) lines.push_back("1,2,3,4\r\n");      // line 135: too many values
  }
  double t = 0;
  for (const std::string& l : lines) {
    ASSERT_TRUE(reader.Feed(l, At(t)).ok());
    t += 0.01;
  }
  ASSERT_TRUE(reader.Finish().ok());
  EXPECT_EQ(reader.axis_count(), 3u);
  EXPECT_EQ(reader.frames(), 150);
  EXPECT_EQ(reader.garbage(), 3);
  EXPECT_EQ(reader.lines(), 153);
  const std::vector<BadLine>& bad = reader.first_bad_lines();
  ASSERT_EQ(bad.size(), 3u);
  EXPECT_EQ(bad[0].line, 5);
  EXPECT_EQ(bad[0].reason, "expected 3 values, got 2");
  EXPECT_EQ(bad[1].line, 24);
  EXPECT_EQ(bad[1].reason, "value 1 'sensor ready' is not a finite number");
  EXPECT_EQ(bad[2].line, 135);
  EXPECT_EQ(bad[2].reason, "expected 3 values, got 4");
  ASSERT_EQ(reader.windows().size(), 1u);
  ExpectReadings(reader.windows()[0], 0);  // garbage left no hole in the frames
}

TEST(CollectForwarderReader, KeepsOnlyTheFirstBadLines) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) {
    o.frequency_hz = 10;
    o.axis_names = {"x"};
  }));
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(reader.Feed("oops\n", At(0)).ok());
  EXPECT_EQ(reader.garbage(), 20);
  ASSERT_EQ(reader.first_bad_lines().size(), ForwarderReader::kBadLinesKept);
  EXPECT_EQ(reader.first_bad_lines().back().line, static_cast<int64_t>(ForwarderReader::kBadLinesKept));
}

TEST(CollectForwarderReader, AxisCountIsTheMostCommonAndTiesGoToMoreValues) {
  ForwarderReader majority = MakeReader(ForwarderOptions{});
  std::string two = "1,2\n", three = "1,2,3\n";
  for (int i = 0; i <= 10; ++i) ASSERT_TRUE(majority.Feed(i % 3 == 0 ? three : two, At(i * 0.1)).ok());
  ASSERT_TRUE(majority.detected());
  EXPECT_EQ(majority.axis_count(), 2u);
  EXPECT_EQ(majority.garbage(), 4);

  ForwarderReader tie = MakeReader(With([](ForwarderOptions& o) { o.frequency_hz = 10; }));
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(tie.Feed(i % 2 ? three : two, At(i * 0.1)).ok());
  ASSERT_TRUE(tie.Finish().ok());
  EXPECT_EQ(tie.axis_count(), 3u);
}

TEST(CollectForwarderReader, GivenAxesMakeOtherLengthsGarbage) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) {
    o.frequency_hz = 100;
    o.axis_names = {"accX", "accY"};
  }));
  ASSERT_TRUE(reader.detected());  // nothing to detect
  FeedPaced(reader, 0, 10, 100);
  EXPECT_EQ(reader.garbage(), 10);
  EXPECT_EQ(reader.frames(), 0);
  EXPECT_EQ(reader.first_bad_lines()[0].reason, "expected 2 values, got 3");
}

TEST(CollectForwarderReader, StopsAtTheRequestedSeconds) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) {
    o.window_ms = 500;
    o.seconds = 1.7;
  }));
  std::string all;
  for (int i = 0; i < 300; ++i) all += Reading(i);
  // Everything at once but the rate is known from the first 101 lines.
  FeedPaced(reader, 0, 101, 100);
  ASSERT_TRUE(reader.Feed(all.substr(all.find(Reading(101))), At(1.01)).ok());
  EXPECT_TRUE(reader.done());
  EXPECT_EQ(reader.target_frames(), 170);
  EXPECT_EQ(reader.frames(), 170);
  EXPECT_EQ(reader.lines(), 170);  // lines after the target are not read
  ASSERT_TRUE(reader.Finish().ok());
  EXPECT_EQ(reader.windows().size(), 3u);
  EXPECT_EQ(reader.leftover_frames(), 20);
  ExpectReadings(reader.windows()[2], 100);
}

TEST(CollectForwarderReader, ATargetShorterThanDetectionStillStopsThere) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) { o.seconds = 0.5; }));
  FeedPaced(reader, 0, 101, 100);
  EXPECT_TRUE(reader.done());
  EXPECT_EQ(reader.frames(), 50);
  EXPECT_EQ(reader.lines(), 50);
}

TEST(CollectForwarderReader, WholeStreamIsOneWindowWithoutWindowLength) {
  ForwarderReader reader = MakeReader(ForwarderOptions{});
  FeedPaced(reader, 0, 230, 100);
  EXPECT_TRUE(reader.windows().empty());
  EXPECT_EQ(reader.leftover_frames(), 230);
  ASSERT_TRUE(reader.Finish().ok());
  ASSERT_EQ(reader.windows().size(), 1u);
  EXPECT_EQ(reader.windows()[0].frames, 230u);
  EXPECT_EQ(reader.leftover_frames(), 0);
  ExpectReadings(reader.windows()[0], 0);
}

TEST(CollectForwarderReader, ShortStreamsAreDetectedAtFinish) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) { o.window_ms = 100; }));
  FeedPaced(reader, 0, 30, 100);
  EXPECT_FALSE(reader.detected());
  ASSERT_TRUE(reader.Finish().ok());
  EXPECT_EQ(reader.frequency_hz(), 100);
  EXPECT_EQ(reader.windows().size(), 3u);
}

TEST(CollectForwarderReader, RefusesStreamsWithoutADetectableRate) {
  ForwarderReader none = MakeReader(ForwarderOptions{});
  ASSERT_TRUE(none.Feed("hello\r\n", At(0)).ok());
  EXPECT_EQ(none.Finish().message(), "no data-forwarder lines (numbers separated by commas or tabs)");

  ForwarderReader one = MakeReader(ForwarderOptions{});
  ASSERT_TRUE(one.Feed(Reading(0), At(0)).ok());
  EXPECT_EQ(one.Finish().message(), "cannot detect the sampling rate from 1 line(s) of 3 values; give --frequency");

  ForwarderReader burst = MakeReader(ForwarderOptions{});
  ASSERT_TRUE(burst.Feed(Reading(0) + Reading(1) + Reading(2), At(0)).ok());
  EXPECT_EQ(burst.Finish().message(), "cannot detect the sampling rate: all 3 lines arrived at once; give --frequency");

  ForwarderReader given = MakeReader(With([](ForwarderOptions& o) { o.frequency_hz = 50; }));
  ASSERT_TRUE(given.Feed(Reading(0), At(0)).ok());
  EXPECT_TRUE(given.Finish().ok());
}

TEST(CollectForwarderReader, OverlongLinesAreGarbageAndDoNotGrowWithoutBound) {
  ForwarderReader reader = MakeReader(With([](ForwarderOptions& o) {
    o.frequency_hz = 10;
    o.axis_names = {"x", "y", "z"};
  }));
  std::string noise(3000, 'x');
  ASSERT_TRUE(reader.Feed(noise, At(0)).ok());
  ASSERT_TRUE(reader.Feed(noise, At(0)).ok());  // over 4096 bytes without a newline
  ASSERT_TRUE(reader.Feed(noise + "\n" + Reading(1), At(0)).ok());
  EXPECT_EQ(reader.garbage(), 1);
  EXPECT_EQ(reader.first_bad_lines()[0].reason, "line longer than 4096 bytes");
  EXPECT_EQ(reader.frames(), 1);
  EXPECT_EQ(reader.windows().size(), 0u);
}

TEST(CollectForwarderReader, RefusesWindowsShorterThanAFrame) {
  Result<ForwarderReader> given = ForwarderReader::Create(With([](ForwarderOptions& o) {
    o.frequency_hz = 50;
    o.window_ms = 5;
    o.window_setting = "--window-ms";
  }));
  EXPECT_EQ(given.status().message(), "--window-ms 5: shorter than one frame at 50 Hz (20 ms)");

  ForwarderReader detected = MakeReader(With([](ForwarderOptions& o) { o.window_ms = 4; }));
  FeedPaced(detected, 0, 100, 100);
  Status s = detected.Feed(Reading(100), At(1.0));
  EXPECT_EQ(s.message(), "window length in ms 4: shorter than one frame at 100 Hz (10 ms)");
}

TEST(CollectForwarderReader, RefusesBadOptions) {
  EXPECT_EQ(ForwarderReader::Create(With([](ForwarderOptions& o) {
              o.axis_names = {"x", ""};
            }))
                .status()
                .message(),
            "--axes: name 2 is empty");
  EXPECT_EQ(ForwarderReader::Create(With([](ForwarderOptions& o) {
              o.axis_names = {"x", "x"};
            }))
                .status()
                .message(),
            "--axes: name 'x' appears twice");
  EXPECT_EQ(ForwarderReader::Create(With([](ForwarderOptions& o) { o.seconds = -1; })).status().code(),
            Status::Code::kUsage);
  EXPECT_EQ(ForwarderReader::Create(With([](ForwarderOptions& o) { o.window_ms = -1; })).status().code(),
            Status::Code::kUsage);
}

}  // namespace
}  // namespace mote
