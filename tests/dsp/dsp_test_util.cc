#include "dsp/dsp_test_util.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

namespace mote::dsp::testing {

std::vector<double> SpeechLikeSignal(uint32_t length, double sample_rate, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> noise(-0.05, 0.05);
  std::vector<double> x(length);
  double glide_phase = 0.0;
  for (uint32_t n = 0; n < length; ++n) {
    const double t = n / sample_rate;
    glide_phase += 2.0 * std::numbers::pi * (200.0 + 3000.0 * n / length) / sample_rate;
    x[n] = 0.5 * std::sin(glide_phase) + 0.3 * std::sin(2.0 * std::numbers::pi * 1230.0 * t + 0.4) + noise(rng);
  }
  return x;
}

std::vector<int16_t> ToQ15(const std::vector<double>& signal) {
  std::vector<int16_t> pcm;
  for (double v : signal) pcm.push_back(static_cast<int16_t>(std::clamp(std::lround(v * 32768.0), -32768L, 32767L)));
  return pcm;
}

std::vector<double> FromQ15(const std::vector<int16_t>& pcm) {
  std::vector<double> x;
  for (int16_t v : pcm) x.push_back(v / 32768.0);
  return x;
}

std::vector<float> ToFloat(const std::vector<double>& signal) {
  return std::vector<float>(signal.begin(), signal.end());
}

double MaxRowRelativeError(const std::vector<float>& got, const std::vector<std::vector<double>>& want) {
  if (want.empty()) return got.empty() ? 0.0 : std::numeric_limits<double>::infinity();
  const size_t width = want[0].size();
  if (got.size() != want.size() * width) return std::numeric_limits<double>::infinity();
  double worst = 0.0;
  for (size_t r = 0; r < want.size(); ++r) {
    double error = 0.0, scale = 0.0;
    for (size_t c = 0; c < width; ++c) {
      error = std::max(error, std::abs(got[r * width + c] - want[r][c]));
      scale = std::max(scale, std::abs(want[r][c]));
    }
    worst = std::max(worst, scale > 0.0 ? error / scale : error);
  }
  return worst;
}

std::vector<int16_t> ReadMonoWav(const std::filesystem::path& path, uint32_t sample_rate) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) {
    ADD_FAILURE() << path << ": " << sf_strerror(nullptr);
    return {};
  }
  EXPECT_EQ(info.channels, 1) << path;
  EXPECT_EQ(info.samplerate, static_cast<int>(sample_rate)) << path;
  std::vector<int16_t> samples(static_cast<size_t>(info.frames));
  EXPECT_EQ(sf_read_short(file, samples.data(), info.frames), info.frames) << path;
  sf_close(file);
  return samples;
}

}  // namespace mote::dsp::testing
