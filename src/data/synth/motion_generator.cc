#include "data/synth/motion_generator.h"

#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include "data/synth/accel_csv.h"

namespace mote {

namespace {

using Vec3 = std::array<double, 3>;
using std::numbers::pi;

constexpr double kDegree = pi / 180;

Vec3 Scale(const Vec3& v, double s) { return {v[0] * s, v[1] * s, v[2] * s}; }
Vec3 Add(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
Vec3 Normalized(const Vec3& v) { return Scale(v, 1 / std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])); }

// A horizontal unit vector at `yaw` radians from the x axis.
Vec3 Horizontal(double yaw) { return {std::cos(yaw), std::sin(yaw), 0}; }
constexpr Vec3 kUp = {0, 0, 1};

// A sinusoidal displacement whose amplitude breathes slowly, as a person's
// repeated movement does.
struct Oscillation {
  double amplitude = 0;  // m
  double hz = 0;
  double phase = 0;      // rad
  double envelope_depth = 0, envelope_hz = 0, envelope_phase = 0;

  // Amplitude and frequency vary by +-their spreads (fractions) around the
  // nominal values; the envelope breathes by up to half the amplitude spread.
  static Oscillation Draw(SynthRandom& rng, double amplitude, double amplitude_spread, double hz,
                          double hz_spread) {
    Oscillation o;
    o.amplitude = rng.Around(amplitude, amplitude_spread);
    o.hz = rng.Around(hz, hz_spread);
    o.phase = rng.Uniform(0, 2 * pi);
    o.envelope_depth = 0.5 * amplitude_spread * rng.Uniform();
    o.envelope_hz = rng.Uniform(0.2, 0.6);
    o.envelope_phase = rng.Uniform(0, 2 * pi);
    return o;
  }
  double Envelope(double t) const {
    return amplitude * (1 + envelope_depth * std::sin(2 * pi * envelope_hz * t + envelope_phase));
  }
  double Angle(double t) const { return 2 * pi * hz * t + phase; }
  double At(double t) const { return Envelope(t) * std::sin(Angle(t)); }
};

// Hand position (m, world frame) as a function of time (s).
using Trajectory = std::function<Vec3(double)>;

// Near stillness: physiological tremor (8-12 Hz, tens of micrometres) on
// three random directions, plus a slow postural sway of a few millimetres.
Trajectory Idle(SynthRandom& rng, double variation) {
  std::vector<std::pair<Vec3, Oscillation>> parts;
  for (int i = 0; i < 3; ++i) {
    Vec3 dir = Normalized({rng.Normal(), rng.Normal(), rng.Normal()});
    parts.push_back({dir, Oscillation::Draw(rng, 1.5e-5, variation, 10, 0.2)});
  }
  Vec3 sway_dir = Normalized({rng.Normal(), rng.Normal(), rng.Normal()});
  parts.push_back({sway_dir, Oscillation::Draw(rng, 0.003, variation, 0.3, variation)});
  return [parts](double t) {
    Vec3 p = {0, 0, 0};
    for (const auto& [dir, osc] : parts) p = Add(p, Scale(dir, osc.At(t)));
    return p;
  };
}

// Side to side (~2 Hz, ~8 cm) along a roughly lateral direction; the hand
// pivots at the elbow, so it also rises at both ends of the swing (a circular
// arc of forearm radius, twice the wave's frequency).
Trajectory Wave(SynthRandom& rng, double variation) {
  Vec3 side = Horizontal(rng.Normal(0, 15 * kDegree));
  Oscillation osc = Oscillation::Draw(rng, 0.08, variation, 2.0, variation);
  constexpr double kForearm = 0.4;  // m
  return [=](double t) {
    double x = osc.At(t);
    return Add(Scale(side, x), Scale(kUp, x * x / (2 * kForearm)));
  };
}

// A circle (~1.2 Hz, ~12 cm radius) in a roughly vertical plane, either way round.
Trajectory Circle(SynthRandom& rng, double variation) {
  Vec3 side = Horizontal(rng.Normal(0, 15 * kDegree));
  Oscillation osc = Oscillation::Draw(rng, 0.12, variation, 1.2, variation);
  double sense = rng.Chance(0.5) ? 1 : -1;
  return [=](double t) {
    double r = osc.Envelope(t), angle = sense * osc.Angle(t);
    return Add(Scale(side, r * std::cos(angle)), Scale(kUp, r * std::sin(angle)));
  };
}

// Up and down (~1.5 Hz, ~10 cm) with a small sideways wobble.
Trajectory UpDown(SynthRandom& rng, double variation) {
  Oscillation osc = Oscillation::Draw(rng, 0.10, variation, 1.5, variation);
  Vec3 side = Horizontal(rng.Uniform(0, 2 * pi));
  double wobble = rng.Uniform(0, 0.15), wobble_phase = rng.Uniform(0, 2 * pi);
  return [=](double t) {
    double side_x = wobble * osc.Envelope(t) * std::sin(osc.Angle(t) + wobble_phase);
    return Add(Scale(kUp, osc.At(t)), Scale(side, side_x));
  };
}

// A fast (~6.5 Hz), small (~1 cm) and irregular shake: three oscillations of
// nearby frequencies on mostly horizontal directions beat against each other.
Trajectory Shake(SynthRandom& rng, double variation) {
  double base_hz = rng.Around(6.5, variation);
  std::vector<std::pair<Vec3, Oscillation>> parts;
  for (int i = 0; i < 3; ++i) {
    Vec3 dir = Normalized({rng.Normal(), rng.Normal(), 0.3 * rng.Normal()});
    parts.push_back({dir, Oscillation::Draw(rng, 0.012, variation, base_hz, 0.1)});
  }
  return [parts](double t) {
    Vec3 p = {0, 0, 0};
    for (const auto& [dir, osc] : parts) p = Add(p, Scale(dir, osc.At(t)));
    return p;
  };
}

using Matrix3 = std::array<Vec3, 3>;

// Device-to-world rotation Rz(yaw) * Ry(pitch) * Rx(roll).
Matrix3 Rotation(double roll, double pitch, double yaw) {
  double cr = std::cos(roll), sr = std::sin(roll), cp = std::cos(pitch), sp = std::sin(pitch);
  double cy = std::cos(yaw), sy = std::sin(yaw);
  return {{{cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr},
           {sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr},
           {-sp, cp * sr, cp * cr}}};
}

// R^T v: a world-frame vector in the device's frame.
Vec3 ToDevice(const Matrix3& r, const Vec3& v) {
  Vec3 out;
  for (int j = 0; j < 3; ++j) out[j] = r[0][j] * v[0] + r[1][j] * v[1] + r[2][j] * v[2];
  return out;
}

const std::vector<std::string>& Gestures() {
  static const std::vector<std::string> gestures = {"idle", "wave", "circle", "updown", "shake"};
  return gestures;
}

class MotionGenerator : public SynthGenerator {
 public:
  explicit MotionGenerator(const MotionOptions& options) : options_(options) {}
  std::string_view kind() const override { return "motion"; }
  std::vector<std::string> labels() const override { return Gestures(); }
  std::string_view extension() const override { return ".csv"; }

  Result<std::string> Render(const std::string& label, int64_t, SynthRandom& rng) const override {
    double v = options_.variation;
    Trajectory path = label == "idle"     ? Idle(rng, v)
                      : label == "wave"   ? Wave(rng, v)
                      : label == "circle" ? Circle(rng, v)
                      : label == "updown" ? UpDown(rng, v)
                      : label == "shake"  ? Shake(rng, v)
                                          : Trajectory();
    if (!path) return Status::Internal("motion: no trajectory for label " + label);
    double spread = options_.orientation_spread_deg * kDegree;
    double roll = rng.Normal(0, spread), pitch = rng.Normal(0, spread), yaw = rng.Normal(0, spread);
    Matrix3 device = Rotation(roll, pitch, yaw);

    // Central second difference; h = 1 ms keeps both the truncation error
    // (~h^2) and the rounding error (~eps/h^2) far below the sensor noise.
    constexpr double h = 1e-3;
    auto frames = static_cast<size_t>(std::llround(options_.seconds * options_.frequency_hz));
    std::vector<std::array<double, 3>> readings(frames);
    for (size_t i = 0; i < frames; ++i) {
      double t = static_cast<double>(i) / options_.frequency_hz;
      Vec3 before = path(t - h), now = path(t), after = path(t + h);
      Vec3 specific_force;
      for (int k = 0; k < 3; ++k) specific_force[k] = (after[k] - 2 * now[k] + before[k]) / (h * h);
      specific_force[2] += kStandardGravity;
      Vec3 reading = ToDevice(device, specific_force);
      for (int k = 0; k < 3; ++k) readings[i][k] = reading[k] + rng.Normal(0, options_.noise);
    }
    return FormatAccelCsv(readings, options_.frequency_hz);
  }

 private:
  MotionOptions options_;
};

}  // namespace

Result<std::unique_ptr<SynthGenerator>> MakeMotionGenerator(const MotionOptions& o) {
  if (!(o.frequency_hz > 0)) return Status::Usage("--frequency must be positive");
  if (!(o.seconds > 0)) return Status::Usage("--seconds must be positive");
  if (std::llround(o.seconds * o.frequency_hz) < 2)
    return Status::Usage("--seconds: recordings need at least 2 frames");
  if (!(o.noise >= 0)) return Status::Usage("--noise must not be negative");
  if (!(o.orientation_spread_deg >= 0)) return Status::Usage("--orientation-spread-deg must not be negative");
  if (!(o.variation >= 0 && o.variation < 1)) return Status::Usage("--variation must be in [0, 1)");
  return std::unique_ptr<SynthGenerator>(std::make_unique<MotionGenerator>(o));
}

}  // namespace mote
