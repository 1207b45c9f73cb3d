// `mote data synth motion`: 3-axis accelerometer recordings of hand gestures
// (idle, wave, circle, updown, shake), made from physical trajectories.
//
// Each recording draws a hand path in the world frame (x, y horizontal, z up,
// metres), differentiates it twice for the hand's acceleration, adds the
// reaction to gravity (+9.81 m/s2 upward, what an accelerometer at rest reads)
// and expresses the result in the frame of a device held at a random
// orientation, then adds sensor noise. See docs/data-synth.md for the paths.
#pragma once

#include <memory>

#include "core/status.h"
#include "data/synth/synth_generator.h"

namespace mote {

// The difficulty knobs; defaults make a set a small model separates well.
struct MotionOptions {
  double frequency_hz = 62.5;           // sampling rate
  double seconds = 2;                   // length of each recording
  double noise = 0.1;                   // sensor noise, m/s2 RMS per axis
  double orientation_spread_deg = 20;   // std. dev. of roll, pitch and yaw of the device
  double variation = 0.25;              // amplitude and tempo vary by +-this fraction
};

// Usage error naming the flag (--frequency, --seconds, ...) when an option is
// out of range; otherwise a generator of CSV files (see accel_csv.h).
Result<std::unique_ptr<SynthGenerator>> MakeMotionGenerator(const MotionOptions& options);

}  // namespace mote
