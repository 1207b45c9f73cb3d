#include "data/synth/vibration_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "data/synth/accel_csv.h"

namespace mote {

namespace {

using std::numbers::pi;
using Frames = std::vector<std::array<double, 3>>;


// Nominal amplitudes (m/s2) of the 1x, 2x and 3x running-speed harmonics of a
// healthy motor.
constexpr std::array<double, 3> kHarmonics = {0.3, 0.15, 0.08};
constexpr double kImpact = 3.0;           // m/s2 peak of one defect impact at severity 1
constexpr double kDamping = 0.05;         // damping ratio of the structural resonance
constexpr double kSlip = 0.01;            // relative jitter of impact spacing (balls slip)

// Adds a train of impacts, `rate_hz` apart on average, each ringing the
// resonance and projected on the axes by `axis_gain`. With a non-zero
// `modulation_hz` the impact strength follows (1 + cos)/2 at that rate: the
// defect passes in and out of the load zone.
void AddImpacts(Frames& frames, double fs, double rate_hz, double modulation_hz, double strength, double resonance_hz,
                const std::array<double, 3>& axis_gain, SynthRandom& rng) {
  double tau = 1 / (kDamping * 2 * pi * resonance_hz);  // decay time constant, s
  double period = 1 / rate_hz, mod_phase = rng.Uniform(0, 2 * pi);
  double end = static_cast<double>(frames.size()) / fs;
  for (double t = -rng.Uniform(0, period); t < end; t += period * (1 + rng.Normal(0, kSlip))) {
    double a = strength * (modulation_hz > 0 ? 0.5 * (1 + std::cos(2 * pi * modulation_hz * t + mod_phase)) : 1);
    for (auto n = static_cast<size_t>(std::max(0.0, std::ceil(t * fs))); n < frames.size(); ++n) {
      double dt = static_cast<double>(n) / fs - t;
      if (dt > 8 * tau) break;
      double ring = a * std::exp(-dt / tau) * std::sin(2 * pi * resonance_hz * dt);
      for (int k = 0; k < 3; ++k) frames[n][k] += axis_gain[k] * ring;
    }
  }
}

const std::vector<std::string>& Conditions() {
  static const std::vector<std::string> conditions = {"normal", "imbalance", "outer_race", "inner_race", "ball"};
  return conditions;
}

class VibrationGenerator : public SynthGenerator {
 public:
  explicit VibrationGenerator(const VibrationOptions& options) : o_(options) {}
  std::string_view kind() const override { return "vibration"; }
  std::vector<std::string> labels() const override { return Conditions(); }
  std::string_view extension() const override { return ".csv"; }

  Result<std::string> Render(const std::string& label, int64_t, SynthRandom& rng) const override {
    double fs = o_.sample_rate_hz;
    double shaft_hz = rng.Uniform(o_.rpm_min, o_.rpm_max) / 60;
    Frames frames(static_cast<size_t>(std::llround(o_.seconds * fs)), {0, 0, 0});

    // Running-speed harmonics: a rotating force, so Y lags X by a quarter
    // turn; the axial direction sees a little of it.
    std::array<double, 3> harmonic_amp, harmonic_phase;
    double y_gain = rng.Around(0.8, 0.2), z_gain = rng.Around(0.3, 0.3);
    for (int h = 0; h < 3; ++h) {
      harmonic_amp[h] = rng.Around(kHarmonics[h], 0.3);
      harmonic_phase[h] = rng.Uniform(0, 2 * pi);
    }
    if (label == "imbalance") harmonic_amp[0] *= 1 + 3 * o_.severity * rng.Around(1, 0.3);
    for (size_t n = 0; n < frames.size(); ++n) {
      double t = static_cast<double>(n) / fs;
      for (int h = 0; h < 3; ++h) {
        double angle = 2 * pi * (h + 1) * shaft_hz * t + harmonic_phase[h];
        frames[n][0] += harmonic_amp[h] * std::cos(angle);
        frames[n][1] += harmonic_amp[h] * y_gain * std::sin(angle);
        frames[n][2] += harmonic_amp[h] * z_gain * std::cos(angle + 0.5);
      }
    }

    BearingFrequencies bf = BearingDefectFrequencies(o_.bearing, shaft_hz);
    double strength = o_.severity * rng.Around(kImpact, 0.3);
    double resonance = rng.Around(o_.resonance_hz, 0.05);
    std::array<double, 3> load_gain = {rng.Around(0.5, 0.3), 1, 0.2};
    if (label == "outer_race") AddImpacts(frames, fs, bf.bpfo, 0, strength, resonance, load_gain, rng);
    if (label == "inner_race") AddImpacts(frames, fs, bf.bpfi, shaft_hz, strength, resonance, load_gain, rng);
    // A ball defect strikes both races once per spin: twice per BSF period.
    if (label == "ball") AddImpacts(frames, fs, 2 * bf.bsf, bf.ftf, 0.6 * strength, resonance, load_gain, rng);

    for (auto& f : frames) {
      f[2] += kStandardGravity;
      for (double& v : f) v += rng.Normal(0, o_.noise);
    }
    return FormatAccelCsv(frames, fs);
  }

 private:
  VibrationOptions o_;
};

}  // namespace

BearingFrequencies BearingDefectFrequencies(const BearingGeometry& b, double shaft_hz) {
  double ratio = b.ball_diameter_mm / b.pitch_diameter_mm * std::cos(b.contact_angle_deg * pi / 180);
  BearingFrequencies f;
  f.bpfo = b.balls / 2.0 * shaft_hz * (1 - ratio);
  f.bpfi = b.balls / 2.0 * shaft_hz * (1 + ratio);
  f.bsf = b.pitch_diameter_mm / (2 * b.ball_diameter_mm) * shaft_hz * (1 - ratio * ratio);
  f.ftf = shaft_hz / 2 * (1 - ratio);
  return f;
}

Result<std::unique_ptr<SynthGenerator>> MakeVibrationGenerator(const VibrationOptions& o) {
  double nyquist = o.sample_rate_hz / 2;
  auto hz = [](double v) { return std::to_string(static_cast<int>(std::lround(v))) + " Hz"; };
  if (!(o.sample_rate_hz > 0)) return Status::Usage("--sample-rate must be positive");
  if (!(o.seconds > 0)) return Status::Usage("--seconds must be positive");
  if (std::llround(o.seconds * o.sample_rate_hz) < 2)
    return Status::Usage("--seconds: recordings need at least 2 frames");
  if (!(o.rpm_min > 0) || !(o.rpm_max >= o.rpm_min))
    return Status::Usage("--rpm-min/--rpm-max: need 0 < rpm-min <= rpm-max");
  if (3 * o.rpm_max / 60 >= nyquist)
    return Status::Usage("--rpm-max: the 3x harmonic (" + hz(3 * o.rpm_max / 60) +
                         ") must be below half the sample rate (" + hz(nyquist) + ")");
  if (!(o.resonance_hz > 0) || o.resonance_hz * 1.05 >= nyquist)
    return Status::Usage("--resonance-hz: must be positive and below half the sample rate (" + hz(nyquist) +
                         ") with 5% to spare");
  if (!(o.noise >= 0)) return Status::Usage("--noise must not be negative");
  if (!(o.severity >= 0)) return Status::Usage("--severity must not be negative");
  const BearingGeometry& b = o.bearing;
  if (b.balls < 3) return Status::Usage("--balls must be at least 3");
  if (!(b.ball_diameter_mm > 0) || !(b.pitch_diameter_mm > b.ball_diameter_mm))
    return Status::Usage("--ball-diameter-mm/--pitch-diameter-mm: need 0 < ball diameter < pitch diameter");
  if (!(b.contact_angle_deg >= 0 && b.contact_angle_deg < 90))
    return Status::Usage("--contact-angle-deg must be in [0, 90)");
  return std::unique_ptr<SynthGenerator>(std::make_unique<VibrationGenerator>(o));
}

}  // namespace mote
