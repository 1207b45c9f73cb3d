// `mote data synth vibration`: 3-axis accelerometer recordings of an electric
// motor, in normal operation or with a fault (labels normal, imbalance,
// outer_race, inner_race, ball).
//
// Normal operation is the shaft's running-speed harmonics (1x, 2x, 3x of a
// random speed) plus broadband noise. A rolling-element bearing defect makes
// an impact each time a ball passes it; each impact rings the structure's
// resonance (a decaying sinusoid). Impacts repeat at the textbook defect
// frequencies of the bearing's geometry; an inner-race defect turns with the
// shaft through the load zone, so its impacts are amplitude-modulated at the
// shaft rate (sidebands at BPFI +- 1x); a ball defect is modulated at the cage
// rate. Imbalance raises the 1x component. X and Y are radial (Y along the
// load), Z axial, and Z also reads gravity (the sensor sits on top).
#pragma once

#include <memory>

#include "core/status.h"
#include "data/synth/synth_generator.h"

namespace mote {

// Defaults: a 6205 deep-groove ball bearing.
struct BearingGeometry {
  int balls = 9;
  double ball_diameter_mm = 7.94;
  double pitch_diameter_mm = 39.04;
  double contact_angle_deg = 0;
};

// Defect frequencies in Hz, for a stationary outer race.
struct BearingFrequencies {
  double bpfo = 0;  // ball pass frequency, outer race: n/2 fr (1 - d/D cos a)
  double bpfi = 0;  // ball pass frequency, inner race: n/2 fr (1 + d/D cos a)
  double bsf = 0;   // ball spin frequency: D/(2d) fr (1 - (d/D cos a)^2)
  double ftf = 0;   // fundamental train (cage) frequency: fr/2 (1 - d/D cos a)
};
BearingFrequencies BearingDefectFrequencies(const BearingGeometry& bearing, double shaft_hz);

struct VibrationOptions {
  double sample_rate_hz = 1000;
  double seconds = 1;
  double rpm_min = 1200, rpm_max = 1800;  // running speed, uniform in this range
  double noise = 0.05;                    // broadband noise, m/s2 RMS per axis
  double severity = 1;                    // scales fault strength (impacts, imbalance)
  double resonance_hz = 300;              // structural resonance the impacts ring
  BearingGeometry bearing;
};

// Usage error naming the flag when an option is out of range (including
// speeds or a resonance at or above half the sample rate); otherwise a
// generator of CSV files (see accel_csv.h).
Result<std::unique_ptr<SynthGenerator>> MakeVibrationGenerator(const VibrationOptions& options);

}  // namespace mote
