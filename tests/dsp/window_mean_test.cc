// Per-window mean normalization (micro/dsp/window_mean.h) against
// double-precision and exact-integer oracles, and the MFCC blocks'
// subtract_mean option.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "dsp/dsp_test_util.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/window_mean.h"

namespace mote::dsp {
namespace {

TEST(WindowMeanTest, FloatColumnsLoseTheirMean) {
  constexpr uint32_t kFrames = 49, kFeatures = 13;
  // The float sum and division round: the mean of 49 values up to ~120 is
  // within a few ulps of 120 (7.6e-6 each) of the exact one; 3e-5 measured.
  constexpr double kTolerance = 1e-4;
  std::vector<float> rows(kFrames * kFeatures);
  for (uint32_t t = 0; t < kFrames; ++t)
    for (uint32_t j = 0; j < kFeatures; ++j)
      rows[t * kFeatures + j] = 10.0f * static_cast<float>(j) - 7.0f + std::sin(static_cast<float>(t * 7 + j));
  std::vector<float> got = rows;
  SubtractWindowMean(got.data(), kFrames, kFeatures);
  for (uint32_t j = 0; j < kFeatures; ++j) {
    double mean = 0;
    for (uint32_t t = 0; t < kFrames; ++t) mean += rows[t * kFeatures + j];
    mean /= kFrames;
    double after = 0;
    for (uint32_t t = 0; t < kFrames; ++t) {
      EXPECT_NEAR(got[t * kFeatures + j], rows[t * kFeatures + j] - mean, kTolerance) << "frame " << t << " column " << j;
      after += got[t * kFeatures + j];
    }
    EXPECT_NEAR(after / kFrames, 0.0, kTolerance) << "column " << j;
  }
}

TEST(WindowMeanTest, Int16RoundsHalfAwayFromZeroAndSaturates) {
  // Two frames, four columns with sums 3 (mean 1.5 -> 2), -3 (-1.5 -> -2),
  // 2 (mean 1) and -1 (mean -0.5 -> -1, so 32767 + 1 saturates).
  std::vector<int16_t> rows = {1, -1, 0, 32767, 2, -2, 2, -32768};
  SubtractWindowMean(rows.data(), 2, 4);
  EXPECT_EQ(rows, (std::vector<int16_t>{-1, 1, -1, 32767, 0, 0, 1, -32767}));
}

TEST(WindowMeanTest, Int16MatchesAnExactOracleOnRandomRows) {
  constexpr uint32_t kFrames = 51, kFeatures = 7;
  std::vector<int16_t> rows(kFrames * kFeatures);
  uint32_t state = 12345;
  for (int16_t& v : rows) {
    state = state * 1664525u + 1013904223u;
    v = static_cast<int16_t>(static_cast<int32_t>(state >> 16) - 32768);
  }
  std::vector<int16_t> got = rows;
  SubtractWindowMean(got.data(), kFrames, kFeatures);
  for (uint32_t j = 0; j < kFeatures; ++j) {
    double sum = 0;
    for (uint32_t t = 0; t < kFrames; ++t) sum += rows[t * kFeatures + j];
    const double mean = std::round(sum / kFrames);  // std::round: half away from zero (no exact halves at 51 frames)
    for (uint32_t t = 0; t < kFrames; ++t) {
      const double want = std::fmin(32767.0, std::fmax(-32768.0, rows[t * kFeatures + j] - mean));
      ASSERT_EQ(got[t * kFeatures + j], want) << "frame " << t << " column " << j;
    }
  }
}

TEST(WindowMeanTest, Int16LongWindowsSumIn64Bits) {
  // 70,000 frames of -32768 and one of 0: a sum beyond 32 bits, mean
  // -32767.53 -> -32768.
  std::vector<int16_t> rows(70001, -32768);
  rows[0] = 0;
  SubtractWindowMean(rows.data(), static_cast<uint32_t>(rows.size()), 1);
  EXPECT_EQ(rows[0], 32767);  // 0 + 32768 saturates
  EXPECT_EQ(rows[1], 0);
  EXPECT_EQ(rows.back(), 0);
}

TEST(WindowMeanTest, NoFramesIsANoOp) {
  std::vector<float> f = {1.0f};
  SubtractWindowMean(f.data(), 0, 1);
  EXPECT_EQ(f[0], 1.0f);
}

// Runs `Block` on `signal` with `params` and returns its output.
template <typename Block, typename Value>
std::vector<Value> Run(const MfccParams& params, Signal signal) {
  std::vector<unsigned char> memory(Block::WorkspaceBytes(params));
  Arena arena(memory.data(), memory.size());
  Block block;
  EXPECT_EQ(block.Init(params, &arena), DspStatus::kOk);
  std::vector<Value> out(MfccOutputShape(params, signal.length()).size());
  EXPECT_EQ(block.Compute(signal, out.data(), out.size()), DspStatus::kOk);
  return out;
}

template <typename Block, typename Value>
void ExpectComputeSubtractsTheWindowMean() {
  const std::vector<int16_t> pcm = testing::ToQ15(testing::SpeechLikeSignal(16000, 16000.0, 3));
  const Signal signal(pcm.data(), static_cast<uint32_t>(pcm.size()));
  MfccParams params;
  std::vector<Value> want = Run<Block, Value>(params, signal);
  const FeatureShape shape = MfccOutputShape(params, signal.length());
  SubtractWindowMean(want.data(), shape.frames, shape.features);
  params.subtract_mean = true;
  EXPECT_EQ((Run<Block, Value>(params, signal)), want);
}

TEST(WindowMeanTest, MfccBlocksSubtractTheWindowMeanWhenAsked) {
  ExpectComputeSubtractsTheWindowMean<Mfcc, float>();
  ExpectComputeSubtractsTheWindowMean<MfccQ15, int16_t>();
}

}  // namespace
}  // namespace mote::dsp
