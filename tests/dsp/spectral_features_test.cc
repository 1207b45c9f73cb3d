// Spectral analysis features against a double-precision reference written
// here: the same Butterworth sections (whose response butterworth_test.cc
// checks against the analytic formula) run in double, two-pass moments, and
// Welch's method with the direct DFT.
#include "micro/dsp/spectral_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

#include "dsp/reference_dft.h"
#include "micro/dsp/running_moments.h"

namespace mote::dsp {
namespace {

// 3 axes at 100 Hz: tones at 5, 12.5 and 30 Hz in different mixes, noise,
// and gravity on the last axis.
std::vector<float> Vibration(uint32_t frames) {
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0.0, 0.2);
  std::vector<float> x;
  for (uint32_t t = 0; t < frames; ++t) {
    const double s = t / 100.0;
    const double a = std::sin(2 * std::numbers::pi * 5 * s), b = std::sin(2 * std::numbers::pi * 12.5 * s + 1), c = std::sin(2 * std::numbers::pi * 30 * s);
    x.push_back(static_cast<float>(2.0 * a + 0.5 * c + noise(rng)));
    x.push_back(static_cast<float>(0.3 * a + 1.5 * b + noise(rng)));
    x.push_back(static_cast<float>(9.81 + 0.8 * b + 0.8 * c * c * c + noise(rng)));
  }
  return x;
}

std::vector<double> Reference(const SpectralParams& p, const std::vector<float>& samples, uint32_t axes) {
  std::vector<Biquad> sections(p.Filter().SectionCount());
  DesignButterworth(p.Filter(), sections.data());
  const size_t frames = samples.size() / axes;
  std::vector<double> out;
  for (uint32_t a = 0; a < axes; ++a) {
    std::vector<double> x;
    for (size_t t = 0; t < frames; ++t) x.push_back(static_cast<double>(samples[t * axes + a]) * p.scale);
    for (const Biquad& q : sections) {  // direct form I in double
      double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
      for (double& v : x) {
        const double y = q.b0 * v + q.b1 * x1 + q.b2 * x2 - q.a1 * y1 - q.a2 * y2;
        x2 = x1, x1 = v, y2 = y1, y1 = y;
        v = y;
      }
    }
    double mean = 0, sq = 0;
    for (double v : x) mean += v, sq += v * v;
    mean /= frames;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double v : x) {
      const double d = v - mean;
      m2 += d * d, m3 += d * d * d, m4 += d * d * d * d;
    }
    m2 /= frames, m3 /= frames, m4 /= frames;
    out.push_back(std::sqrt(sq / frames));
    out.push_back(m3 / std::pow(m2, 1.5));
    out.push_back(m4 / (m2 * m2) - 3.0);

    // Welch: Hann segments, half overlap, constant detrend, density scaling.
    const uint32_t n = p.fft_length, bins = n / 2 + 1;
    std::vector<double> window(n), psd(bins, 0.0);
    double energy = 0;
    for (uint32_t i = 0; i < n; ++i) window[i] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * i / n), energy += window[i] * window[i];
    int segments = 0;
    for (size_t start = 0; start + n <= frames; start += n / 2, ++segments) {
      double seg_mean = 0;
      for (uint32_t i = 0; i < n; ++i) seg_mean += x[start + i];
      seg_mean /= n;
      std::vector<double> seg(n);
      for (uint32_t i = 0; i < n; ++i) seg[i] = (x[start + i] - seg_mean) * window[i];
      const auto spectrum = testing::ReferenceRealDft(seg);
      for (uint32_t k = 0; k < bins; ++k) psd[k] += std::norm(spectrum[k]);
    }
    for (uint32_t k = 0; k < bins; ++k) psd[k] *= (k == 0 || k == bins - 1 ? 1.0 : 2.0) / (p.sample_rate * energy * segments);
    const double bin_hz = p.sample_rate / n;
    const auto db = [&](double v) { return p.log_scale ? 10 * std::log10(std::max(v, std::pow(10.0, p.noise_floor_db / 10))) : v; };

    std::vector<uint32_t> peaks;
    for (uint32_t k = 1; k + 1 < bins; ++k) {
      if (psd[k] > psd[k - 1] && psd[k] >= psd[k + 1] && psd[k] >= p.peak_threshold) peaks.push_back(k);
    }
    std::stable_sort(peaks.begin(), peaks.end(), [&](uint32_t i, uint32_t j) { return psd[i] > psd[j]; });
    for (uint32_t i = 0; i < p.num_peaks; ++i) {
      out.push_back(i < peaks.size() ? peaks[i] * bin_hz : 0.0);
      out.push_back(db(i < peaks.size() ? psd[peaks[i]] : 0.0));
    }
    for (uint32_t b = 0; b + 1 < p.num_band_edges; ++b) {
      double sum = 0;
      for (uint32_t k = 0; k < bins; ++k) {
        if (k * bin_hz >= p.band_edges[b] && k * bin_hz < p.band_edges[b + 1]) sum += psd[k];
      }
      out.push_back(db(sum * bin_hz));
    }
  }
  return out;
}

SpectralParams Params(FilterType type, bool log_scale) {
  SpectralParams p;
  p.scale = 0.5f;
  p.filter_type = type;
  p.filter_order = 4;
  p.low_cutoff = 2.0f;
  p.high_cutoff = 20.0f;
  p.fft_length = 128;
  p.num_peaks = 3;
  p.peak_threshold = 1e-4f;
  p.num_band_edges = 5;
  const float edges[] = {0.5f, 4.0f, 10.0f, 20.0f, 45.0f};
  std::copy(std::begin(edges), std::end(edges), p.band_edges);
  p.log_scale = log_scale;
  return p;
}

TEST(SpectralFeaturesTest, MatchesDoubleReference) {
  const std::vector<float> samples = Vibration(1000);
  for (FilterType type : {FilterType::kNone, FilterType::kLowPass, FilterType::kHighPass, FilterType::kBandPass}) {
    for (bool log_scale : {false, true}) {
      const SpectralParams p = Params(type, log_scale);
      ASSERT_EQ(p.Validate(), DspStatus::kOk);
      std::vector<unsigned char> memory(SpectralFeatures::WorkspaceBytes(p));
      Arena arena(memory.data(), memory.size());
      SpectralFeatures block;
      ASSERT_EQ(block.Init(p, &arena), DspStatus::kOk);
      const FeatureShape shape = SpectralOutputShape(p, 3);
      ASSERT_EQ(shape.features, 3u * (3 + 6 + 4));
      std::vector<float> got(shape.size());
      ASSERT_EQ(block.Compute(samples.data(), 1000, 3, got.data(), got.size()), DspStatus::kOk);
      const std::vector<double> want = Reference(p, samples, 3);
      ASSERT_EQ(want.size(), got.size());
      // Per feature: |error| / max(|want|, 1e-3).
      double worst = 0.0;
      for (size_t i = 0; i < want.size(); ++i) {
        const double error = std::abs(got[i] - want[i]) / std::max(std::abs(want[i]), 1e-3);
        worst = std::max(worst, error);
        EXPECT_LT(error, 2e-4) << "filter " << static_cast<int>(type) << " log " << log_scale << " feature " << i
                               << ": got " << got[i] << " want " << want[i];
      }
      std::printf("[ measure  ] spectral features filter %d log %d: max rel error %.2e\n", static_cast<int>(type),
                  log_scale, worst);
    }
  }
}

TEST(SpectralFeaturesTest, PeaksFindTheTones) {
  const std::vector<float> samples = Vibration(1000);
  SpectralParams p = Params(FilterType::kNone, false);
  p.num_band_edges = 0;
  std::vector<unsigned char> memory(SpectralFeatures::WorkspaceBytes(p));
  Arena arena(memory.data(), memory.size());
  SpectralFeatures block;
  ASSERT_EQ(block.Init(p, &arena), DspStatus::kOk);
  std::vector<float> got(SpectralOutputShape(p, 3).size());
  ASSERT_EQ(block.Compute(samples.data(), 1000, 3, got.data(), got.size()), DspStatus::kOk);
  // Axis 0: 5 Hz (amplitude 2) then 30 Hz (0.5); bins are 100/128 Hz apart.
  EXPECT_NEAR(got[3], 5.0, 0.8);
  EXPECT_NEAR(got[5], 30.0, 0.8);
  // Axis 2's mean (gravity) is in the RMS but not in the spread.
  EXPECT_GT(got[2 * 9], 0.5f * 9.81f * 0.99f);
}

TEST(SpectralFeaturesTest, ShortInputAndValidation) {
  SpectralParams p = Params(FilterType::kLowPass, true);
  std::vector<unsigned char> memory(SpectralFeatures::WorkspaceBytes(p));
  Arena arena(memory.data(), memory.size());
  SpectralFeatures block;
  ASSERT_EQ(block.Init(p, &arena), DspStatus::kOk);
  const std::vector<float> samples = Vibration(50);  // shorter than one segment
  std::vector<float> got(SpectralOutputShape(p, 3).size());
  ASSERT_EQ(block.Compute(samples.data(), 50, 3, got.data(), got.size()), DspStatus::kOk);
  for (float v : got) EXPECT_TRUE(std::isfinite(v));
  EXPECT_EQ(block.Compute(samples.data(), 50, 3, got.data(), got.size() - 1), DspStatus::kBufferTooSmall);

  SpectralParams bad = p;
  bad.num_peaks = 9;
  EXPECT_EQ(bad.Validate(), DspStatus::kBadPeakCount);
  bad = p;
  bad.num_band_edges = 1;
  EXPECT_EQ(bad.Validate(), DspStatus::kBadBandEdges);
  bad = p;
  bad.band_edges[2] = bad.band_edges[1];
  EXPECT_EQ(bad.Validate(), DspStatus::kBadBandEdges);
  bad = p;
  bad.band_edges[4] = 51.0f;
  EXPECT_EQ(bad.Validate(), DspStatus::kBadBandEdges);
  bad = p;
  bad.fft_length = 100;
  EXPECT_EQ(bad.Validate(), DspStatus::kBadFftLength);
  bad = p;
  bad.high_cutoff = 60.0f;
  EXPECT_EQ(bad.Validate(), DspStatus::kBadCutoff);
  bad = p;
  bad.scale = std::numeric_limits<float>::infinity();
  EXPECT_EQ(bad.Validate(), DspStatus::kBadScale);
}

TEST(RunningMomentsTest, MatchesTwoPassWithLargeOffset) {
  RunningMoments m;
  std::vector<double> x;
  std::mt19937 rng(3);
  std::exponential_distribution<double> skewed(1.0);
  for (int i = 0; i < 5000; ++i) x.push_back(1000.0 + skewed(rng));
  for (double v : x) m.Add(static_cast<float>(v));
  double mean = 0, m2 = 0, m3 = 0, m4 = 0;
  for (double v : x) mean += static_cast<float>(v);
  mean /= x.size();
  for (double v : x) {
    const double d = static_cast<float>(v) - mean;
    m2 += d * d, m3 += d * d * d, m4 += d * d * d * d;
  }
  m2 /= x.size(), m3 /= x.size(), m4 /= x.size();
  EXPECT_NEAR(m.Skewness(), m3 / std::pow(m2, 1.5), 2e-2);  // about 2 for an exponential
  EXPECT_NEAR(m.Kurtosis(), m4 / (m2 * m2) - 3.0, 1e-1);     // about 6
  EXPECT_NEAR(m.Rms(), std::sqrt(mean * mean + m2), 1e-2);
  RunningMoments constant;
  for (int i = 0; i < 10; ++i) constant.Add(3.0f);
  EXPECT_EQ(constant.Skewness(), 0.0f);
  EXPECT_EQ(constant.Kurtosis(), 0.0f);
  EXPECT_FLOAT_EQ(constant.Rms(), 3.0f);
}

}  // namespace
}  // namespace mote::dsp
