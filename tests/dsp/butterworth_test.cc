// Butterworth designs against the analytic magnitude response of the
// bilinear-transformed Butterworth filter, both from the coefficients
// (frequency response) and by filtering sinusoids (the cascade itself).
#include "micro/dsp/butterworth.h"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdio>
#include <numbers>
#include <vector>

namespace mote::dsp {
namespace {

// |H(f)| from the textbook formula (butterworth.h).
double AnalyticMagnitude(const ButterworthParams& p, double f) {
  const double w = std::tan(std::numbers::pi * f / p.sample_rate);
  const auto part = [&](double cutoff, bool high) {
    const double wc = std::tan(std::numbers::pi * cutoff / p.sample_rate);
    const double ratio = high ? wc / w : w / wc;
    return 1.0 / std::sqrt(1.0 + std::pow(ratio, 2.0 * p.filter_order));
  };
  switch (p.filter_type) {
    case FilterType::kLowPass: return part(p.high_cutoff, false);
    case FilterType::kHighPass: return part(p.low_cutoff, true);
    case FilterType::kBandPass: return part(p.low_cutoff, true) * part(p.high_cutoff, false);
    case FilterType::kNone: return 1.0;
  }
  return 0.0;
}

// |H(f)| evaluated from the sections' coefficients in double precision.
double CascadeMagnitude(const std::vector<Biquad>& sections, double f, double sample_rate) {
  const std::complex<double> z1 = std::polar(1.0, -2.0 * std::numbers::pi * f / sample_rate);  // z^-1
  std::complex<double> h = 1.0;
  for (const Biquad& q : sections) {
    const double b0 = q.b0, b1 = q.b1, b2 = q.b2, a1 = q.a1, a2 = q.a2;
    h *= (b0 + b1 * z1 + b2 * z1 * z1) / (1.0 + a1 * z1 + a2 * z1 * z1);
  }
  return std::abs(h);
}

std::vector<ButterworthParams> Designs() {
  std::vector<ButterworthParams> out;
  for (uint8_t order = 1; order <= kMaxButterworthOrder; ++order) {
    out.push_back({100.0f, FilterType::kLowPass, order, 0.0f, 8.0f});
    out.push_back({100.0f, FilterType::kHighPass, order, 3.0f, 0.0f});
    out.push_back({100.0f, FilterType::kBandPass, order, 2.0f, 20.0f});
  }
  out.push_back({16000.0f, FilterType::kLowPass, 6, 0.0f, 4000.0f});
  out.push_back({16000.0f, FilterType::kHighPass, 2, 300.0f, 0.0f});
  out.push_back({1000.0f, FilterType::kBandPass, 4, 45.0f, 55.0f});
  return out;
}

TEST(ButterworthTest, FrequencyResponseMatchesAnalyticFormula) {
  double worst = 0.0;
  for (const ButterworthParams& p : Designs()) {
    ASSERT_EQ(p.Validate(), DspStatus::kOk);
    std::vector<Biquad> sections(p.SectionCount());
    ASSERT_EQ(DesignButterworth(p, sections.data()), DspStatus::kOk);
    for (int i = 1; i < 200; ++i) {
      const double f = p.sample_rate / 2.0 * i / 200.0;
      const double want = AnalyticMagnitude(p, f);
      const double got = CascadeMagnitude(sections, f, p.sample_rate);
      // Absolute error in magnitude, relative to 1 (the passband gain).
      worst = std::max(worst, std::abs(got - want));
      EXPECT_NEAR(got, want, 1e-4) << "type " << static_cast<int>(p.filter_type) << " order "
                                   << int{p.filter_order} << " f " << f;
    }
    // The cutoffs are at -3 dB.
    if (p.filter_type == FilterType::kLowPass) {
      EXPECT_NEAR(CascadeMagnitude(sections, p.high_cutoff, p.sample_rate), std::sqrt(0.5), 1e-4);
    }
    if (p.filter_type == FilterType::kHighPass) {
      EXPECT_NEAR(CascadeMagnitude(sections, p.low_cutoff, p.sample_rate), std::sqrt(0.5), 1e-4);
    }
  }
  std::printf("[ measure  ] butterworth |H| max abs error vs analytic: %.2e\n", worst);
}

TEST(ButterworthTest, CascadeFiltersSinusoidsByTheAnalyticGain) {
  // After the transient, a sinusoid comes out scaled by |H(f)|; the filter
  // is run in chunks to exercise the carried state.
  const ButterworthParams p{100.0f, FilterType::kBandPass, 3, 2.0f, 20.0f};
  std::vector<Biquad> sections(p.SectionCount());
  ASSERT_EQ(DesignButterworth(p, sections.data()), DspStatus::kOk);
  for (double f : {0.5, 2.0, 6.0, 20.0, 35.0}) {
    std::vector<float> state(2 * sections.size());
    BiquadCascade cascade(sections.data(), static_cast<uint32_t>(sections.size()), state.data());
    const int n = 4000;
    std::vector<float> x(n), y(n);
    for (int t = 0; t < n; ++t) x[t] = static_cast<float>(std::sin(2.0 * std::numbers::pi * f * t / p.sample_rate));
    cascade.Process(x.data(), 1000, y.data());
    cascade.Process(x.data() + 1000, n - 1000, y.data() + 1000);
    double peak = 0.0;
    for (int t = n / 2; t < n; ++t) peak = std::max(peak, std::abs(static_cast<double>(y[t])));
    EXPECT_NEAR(peak, AnalyticMagnitude(p, f), 2e-3) << f;
  }
}

TEST(ButterworthTest, NoneIsEmptyAndResetRestarts) {
  ButterworthParams none;
  EXPECT_EQ(none.Validate(), DspStatus::kOk);
  EXPECT_EQ(none.SectionCount(), 0u);
  const ButterworthParams p{100.0f, FilterType::kLowPass, 2, 0.0f, 10.0f};
  std::vector<Biquad> sections(p.SectionCount());
  ASSERT_EQ(DesignButterworth(p, sections.data()), DspStatus::kOk);
  std::vector<float> state(2 * sections.size());
  BiquadCascade cascade(sections.data(), 1, state.data());
  const std::vector<float> impulse = {1, 0, 0, 0};
  std::vector<float> first(4), second(4);
  cascade.Process(impulse.data(), 4, first.data());
  cascade.Reset();
  cascade.Process(impulse.data(), 4, second.data());
  EXPECT_EQ(first, second);
  EXPECT_EQ(first[0], sections[0].b0);
}

TEST(ButterworthTest, ValidationNamesTheField) {
  using P = ButterworthParams;
  EXPECT_EQ((P{0.0f, FilterType::kLowPass, 2, 0, 10}).Validate(), DspStatus::kBadSampleRate);
  EXPECT_EQ((P{100.0f, static_cast<FilterType>(4), 2, 0, 10}).Validate(), DspStatus::kBadFilterType);
  EXPECT_EQ((P{100.0f, FilterType::kLowPass, 0, 0, 10}).Validate(), DspStatus::kBadFilterOrder);
  EXPECT_EQ((P{100.0f, FilterType::kLowPass, 9, 0, 10}).Validate(), DspStatus::kBadFilterOrder);
  EXPECT_EQ((P{100.0f, FilterType::kLowPass, 2, 0, 50}).Validate(), DspStatus::kBadCutoff);
  EXPECT_EQ((P{100.0f, FilterType::kHighPass, 2, 0, 10}).Validate(), DspStatus::kBadCutoff);
  EXPECT_EQ((P{100.0f, FilterType::kBandPass, 2, 20, 10}).Validate(), DspStatus::kBadCutoff);
  EXPECT_EQ((P{100.0f, FilterType::kBandPass, 2, 5, 10}).Validate(), DspStatus::kOk);
  EXPECT_EQ((P{100.0f, FilterType::kBandPass, 8, 5, 10}).SectionCount(), kMaxButterworthSections);
  Biquad unused[1];
  EXPECT_EQ(DesignButterworth(P{100.0f, FilterType::kLowPass, 2, 0, 60}, unused), DspStatus::kBadCutoff);
}

}  // namespace
}  // namespace mote::dsp
