#include "dsp/reference_features.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "dsp/reference_dft.h"

namespace mote::dsp::testing {
namespace {

// Frame count as "the frames that fit", counted one by one.
uint32_t CountFrames(const FrameParams& p, uint32_t length) {
  if (length == 0) return 0;
  uint32_t count = 0;
  switch (p.padding) {
    case Padding::kNone:  // frames lying wholly inside the signal
      while (uint64_t{count} * p.frame_stride + p.frame_length <= length) ++count;
      break;
    case Padding::kEnd:  // frames until the last sample is covered
      count = 1;
      while (uint64_t{count - 1} * p.frame_stride + p.frame_length < length) ++count;
      break;
    case Padding::kCenter: {  // frames inside the signal padded by frame_length / 2 each side
      const uint64_t padded = length + 2 * (p.frame_length / 2);
      while (uint64_t{count} * p.frame_stride + p.frame_length <= padded) ++count;
      break;
    }
  }
  return count;
}

double WindowValue(WindowType type, uint32_t n, uint32_t length) {
  const double c = std::cos(2.0 * std::numbers::pi * n / length);
  switch (type) {
    case WindowType::kHann: return 0.5 * (1.0 - c);
    case WindowType::kHamming: return 0.54 - 0.46 * c;
    case WindowType::kRectangular: return 1.0;
  }
  return 0.0;
}

double HtkMel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double HtkHz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }
// Slaney: 200/3 Hz per mel up to 1 kHz, then 27 mels per factor 6.4.
double SlaneyMel(double hz) { return hz < 1000.0 ? hz * 3.0 / 200.0 : 15.0 + 27.0 * std::log(hz / 1000.0) / std::log(6.4); }
double SlaneyHz(double mel) { return mel < 15.0 ? mel * 200.0 / 3.0 : 1000.0 * std::pow(6.4, (mel - 15.0) / 27.0); }

}  // namespace

Matrix ReferencePowerFrames(const FrameParams& p, const std::vector<double>& signal) {
  const auto length = static_cast<uint32_t>(signal.size());
  const int64_t lead = p.padding == Padding::kCenter ? p.frame_length / 2 : 0;
  // The padded signal, long enough for every frame, then pre-emphasised as a whole.
  const uint32_t frames = CountFrames(p, length);
  std::vector<double> padded(lead + uint64_t{frames} * p.frame_stride + p.frame_length + 1, 0.0);
  std::copy(signal.begin(), signal.end(), padded.begin() + lead);
  std::vector<double> emphasised(padded.size());
  for (size_t n = 0; n < padded.size(); ++n) emphasised[n] = padded[n] - p.pre_emphasis * (n ? padded[n - 1] : 0.0);

  Matrix out;
  for (uint32_t t = 0; t < frames; ++t) {
    std::vector<double> frame(p.fft_length, 0.0);
    for (uint32_t n = 0; n < p.frame_length; ++n)
      frame[n] = emphasised[uint64_t{t} * p.frame_stride + n] * WindowValue(p.window, n, p.frame_length);
    std::vector<double> power;
    for (const auto& bin : ReferenceRealDft(frame)) power.push_back(std::norm(bin) / p.fft_length);
    out.push_back(power);
  }
  return out;
}

Matrix ReferenceMelWeights(const MelParams& p, uint32_t fft_length) {
  const bool htk = p.mel_scale == MelScale::kHtk;
  const double high = p.high_freq > 0 ? p.high_freq : p.sample_rate / 2.0;
  const double mel_low = htk ? HtkMel(p.low_freq) : SlaneyMel(p.low_freq);
  const double mel_high = htk ? HtkMel(high) : SlaneyMel(high);
  std::vector<double> edges;
  for (uint32_t i = 0; i < p.num_filters + 2u; ++i) {
    const double mel = mel_low + (mel_high - mel_low) * i / (p.num_filters + 1);
    edges.push_back(htk ? HtkHz(mel) : SlaneyHz(mel));
  }
  Matrix weights(p.num_filters, std::vector<double>(fft_length / 2 + 1, 0.0));
  for (uint32_t m = 0; m < p.num_filters; ++m) {
    const double left = edges[m], center = edges[m + 1], right = edges[m + 2];
    for (uint32_t k = 0; k <= fft_length / 2; ++k) {
      const double hz = static_cast<double>(k) * p.sample_rate / fft_length;
      double w = 0.0;
      if (hz > left && hz <= center) w = (hz - left) / (center - left);
      if (hz > center && hz < right) w = (right - hz) / (right - center);
      if (p.mel_norm == MelNorm::kSlaney) w *= 2.0 / (right - left);
      weights[m][k] = w;
    }
  }
  return weights;
}

namespace {

Matrix MelEnergies(const FrameParams& frame, const MelParams& mel, const std::vector<double>& signal) {
  const Matrix weights = ReferenceMelWeights(mel, frame.fft_length);
  Matrix out;
  for (const auto& power : ReferencePowerFrames(frame, signal)) {
    std::vector<double> energies;
    for (const auto& filter : weights) {
      double sum = 0.0;
      for (size_t k = 0; k < power.size(); ++k) sum += filter[k] * power[k];
      energies.push_back(sum);
    }
    out.push_back(energies);
  }
  return out;
}

double Floor(double noise_floor_db) { return std::pow(10.0, noise_floor_db / 10.0); }

}  // namespace

Matrix ReferenceMfcc(const MfccParams& p, const std::vector<double>& signal) {
  const double floor = Floor(p.noise_floor_db);
  const uint32_t m_count = p.mel.num_filters;
  Matrix out;
  for (const auto& energies : MelEnergies(p.frame, p.mel, signal)) {
    std::vector<double> cepstra;
    for (uint32_t j = 0; j < p.num_cepstral; ++j) {
      double sum = 0.0;
      for (uint32_t m = 0; m < m_count; ++m)
        sum += std::log(std::max(energies[m], floor)) * std::cos(std::numbers::pi * j * (2.0 * m + 1.0) / (2.0 * m_count));
      const double ortho = std::sqrt((j == 0 ? 1.0 : 2.0) / m_count);
      const double lifter = p.lifter > 0 ? 1.0 + p.lifter / 2.0 * std::sin(std::numbers::pi * j / p.lifter) : 1.0;
      cepstra.push_back(sum * ortho * lifter);
    }
    out.push_back(cepstra);
  }
  return out;
}

Matrix ReferenceMfe(const MfeParams& p, const std::vector<double>& signal) {
  const double floor = Floor(p.noise_floor_db);
  Matrix out = MelEnergies(p.frame, p.mel, signal);
  for (auto& row : out)
    for (double& v : row) v = 10.0 * std::log10(std::max(v, floor));
  return out;
}

Matrix ReferenceSpectrogram(const SpectrogramParams& p, const std::vector<double>& signal) {
  const double floor = Floor(p.noise_floor_db);
  Matrix out = ReferencePowerFrames(p.frame, signal);
  for (auto& row : out)
    for (double& v : row) v = 10.0 * std::log10(std::max(v, floor));
  return out;
}

}  // namespace mote::dsp::testing
