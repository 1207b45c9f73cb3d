// The CSV layout of generated accelerometer data (motion and vibration):
//   timestamp_ms,accX (m/s2),accY (m/s2),accZ (m/s2)
// then one row per frame. Numbers are formatted without the locale (same
// bytes everywhere): timestamps in the shortest form that reads back exactly,
// accelerations with 4 decimals (0.1 mm/s2, far below any sensor's noise).
#pragma once

#include <array>
#include <span>
#include <string>

namespace mote {

// Standard gravity in m/s2: what a resting accelerometer reads on its up axis.
inline constexpr double kStandardGravity = 9.81;

// `frames` are specific-force readings in m/s2, one {x, y, z} per frame,
// sampled at `rate_hz` (> 0) from t = 0.
std::string FormatAccelCsv(std::span<const std::array<double, 3>> frames, double rate_hz);

}  // namespace mote
