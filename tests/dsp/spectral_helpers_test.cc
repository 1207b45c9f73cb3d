// Windows, power and magnitude spectra, log compression, DCT-II and lifter
// against their formulas in double precision.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "micro/dsp/dct.h"
#include "micro/dsp/lifter.h"
#include "micro/dsp/log_compress.h"
#include "micro/dsp/power_spectrum.h"
#include "micro/dsp/unit_root.h"
#include "micro/dsp/window.h"

namespace mote::dsp {
namespace {

TEST(TurnCosSinTest, AccurateOverWholeTurns) {
  for (uint32_t n : {1u, 3u, 16u, 160u, 4096u, 100000u}) {
    for (uint32_t k = 0; k < 2 * n; k += (n > 1000 ? 7 : 1)) {
      const CosSin w = TurnCosSin(k, n);
      EXPECT_NEAR(w.cos, std::cos(2.0 * std::numbers::pi * k / n), 1.2e-7) << k << "/" << n;
      EXPECT_NEAR(w.sin, std::sin(2.0 * std::numbers::pi * k / n), 1.2e-7) << k << "/" << n;
    }
  }
}

TEST(SinHalfTurnsTest, AccurateAndOddAndPeriodic) {
  for (int i = -4000; i <= 4000; ++i) {
    const float x = static_cast<float>(i) * 0.00731f;  // about -29 .. 29 half turns
    const double exact = std::sin(std::numbers::pi * static_cast<double>(x));
    EXPECT_NEAR(SinHalfTurns(x), exact, 1.2e-7) << x;
    EXPECT_EQ(SinHalfTurns(-x), -SinHalfTurns(x)) << x;
  }
  EXPECT_EQ(SinHalfTurns(0.5f), 1.0f);
  EXPECT_EQ(SinHalfTurns(1.0f), 0.0f);
  EXPECT_EQ(SinHalfTurns(-1.5f), 1.0f);
}

TEST(WindowTest, PeriodicHannAndHamming) {
  for (uint32_t length : {1u, 2u, 5u, 400u, 480u}) {
    std::vector<float> hann(length), hamming(length), rect(length);
    MakeWindow(WindowType::kHann, length, hann.data());
    MakeWindow(WindowType::kHamming, length, hamming.data());
    MakeWindow(WindowType::kRectangular, length, rect.data());
    for (uint32_t n = 0; n < length; ++n) {
      const double c = std::cos(2.0 * std::numbers::pi * n / length);
      EXPECT_NEAR(hann[n], 0.5 - 0.5 * c, 1e-7) << n;
      EXPECT_NEAR(hamming[n], 0.54 - 0.46 * c, 1e-7) << n;
      EXPECT_EQ(rect[n], 1.0f);
    }
  }
  // Periodic Hann at hop length/2 sums to exactly 1.
  std::vector<float> hann(8);
  MakeWindow(WindowType::kHann, 8, hann.data());
  for (int n = 0; n < 4; ++n) EXPECT_NEAR(hann[n] + hann[n + 4], 1.0f, 1e-7);
}

TEST(WindowTest, ApplyMultiplies) {
  const std::vector<float> x = {2, 4, 6}, w = {0.5f, 0.25f, 0};
  std::vector<float> out(3);
  ApplyWindow(x.data(), w.data(), 3, out.data());
  EXPECT_EQ(out, (std::vector<float>{1, 1, 0}));
}

TEST(PowerSpectrumTest, PowerAndMagnitude) {
  const std::vector<Complex> bins = {{3, 4}, {0, -2}, {1, 0}};
  std::vector<float> power(3), magnitude(3);
  PowerSpectrum(bins.data(), 3, 0.5f, power.data());
  MagnitudeSpectrum(bins.data(), 3, 2.0f, magnitude.data());
  EXPECT_EQ(power, (std::vector<float>{12.5f, 2.0f, 0.5f}));
  EXPECT_EQ(magnitude, (std::vector<float>{10.0f, 4.0f, 2.0f}));
}

TEST(LogCompressTest, FloorAppliesBeforeTheLog) {
  const float floor = PowerFromDecibels(-60.0f);
  EXPECT_NEAR(floor, 1e-6, 1e-12);
  const std::vector<float> x = {0.0f, 1e-9f, 1.0f, 100.0f};
  std::vector<float> ln(4), db(4);
  LogWithFloor(x.data(), 4, floor, ln.data());
  DecibelsWithFloor(x.data(), 4, floor, db.data());
  EXPECT_NEAR(ln[0], std::log(1e-6), 1e-5);
  EXPECT_NEAR(ln[1], std::log(1e-6), 1e-5);
  EXPECT_NEAR(ln[3], std::log(100.0), 1e-5);
  EXPECT_NEAR(db[0], -60.0, 1e-4);
  EXPECT_NEAR(db[2], 0.0, 1e-6);
  EXPECT_NEAR(db[3], 20.0, 1e-5);
}

TEST(DctTest, OrthonormalDctTwo) {
  const uint32_t m = 40, outputs = 40;
  std::vector<float> matrix(DctMatrixSize(m, outputs));
  MakeDctMatrix(m, outputs, nullptr, matrix.data());
  std::vector<float> x(m), y(outputs);
  for (uint32_t i = 0; i < m; ++i) x[i] = std::sin(0.3f * static_cast<float>(i)) + 0.1f * static_cast<float>(i);
  ApplyDct(matrix.data(), x.data(), m, outputs, y.data());
  double energy_in = 0.0, energy_out = 0.0;
  for (uint32_t j = 0; j < outputs; ++j) {
    double want = 0.0;
    for (uint32_t i = 0; i < m; ++i) want += x[i] * std::cos(std::numbers::pi * j * (2 * i + 1) / (2.0 * m));
    want *= std::sqrt((j == 0 ? 1.0 : 2.0) / m);
    EXPECT_NEAR(y[j], want, 1e-5) << j;
    energy_in += x[j] * x[j];
    energy_out += y[j] * y[j];
  }
  EXPECT_NEAR(energy_out, energy_in, 1e-4 * energy_in);  // orthonormal: Parseval
}

TEST(LifterTest, SinusoidalGainsAndRowFolding) {
  EXPECT_EQ(LifterGain(5, 0.0f), 1.0f);
  EXPECT_NEAR(LifterGain(0, 22.0f), 1.0, 1e-7);
  EXPECT_NEAR(LifterGain(11, 22.0f), 12.0, 1e-5);  // 1 + 11 * sin(pi / 2)
  EXPECT_NEAR(LifterGain(3, 22.0f), 1.0 + 11.0 * std::sin(std::numbers::pi * 3 / 22.0), 1e-5);
  std::vector<float> c = {1, 1, 1};
  ApplyLifter(c.data(), 3, 22.0f);
  for (uint32_t j = 0; j < 3; ++j) EXPECT_EQ(c[j], LifterGain(j, 22.0f));
  // A gain per row multiplies the DCT's rows.
  const std::vector<float> gains = {2.0f, 3.0f};
  std::vector<float> plain(DctMatrixSize(4, 2)), lifted(DctMatrixSize(4, 2));
  MakeDctMatrix(4, 2, nullptr, plain.data());
  MakeDctMatrix(4, 2, gains.data(), lifted.data());
  for (uint32_t i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(lifted[i], plain[i] * gains[i / 4]);
}

}  // namespace
}  // namespace mote::dsp
