// Logarithmic compression with a noise floor: values below the floor are
// raised to it before the logarithm, so that silence (zero energy) gives a
// finite, constant feature instead of -infinity, and noise below the floor
// does not reach the model. The floor is given in dB of power:
// floor = 10^(noise_floor_db / 10), e.g. -100 dB is 1e-10.
#pragma once

#include <cstdint>

namespace mote::dsp {

// 10^(noise_floor_db / 10).
float PowerFromDecibels(float noise_floor_db);

// out[i] = ln(max(in[i], floor)) for i < count; `out` may be `in`.
void LogWithFloor(const float* in, uint32_t count, float floor, float* out);

// out[i] = 10 * log10(max(in[i], floor)) for i < count: power in dB, never
// below noise_floor_db when floor = PowerFromDecibels(noise_floor_db).
// `out` may be `in`.
void DecibelsWithFloor(const float* in, uint32_t count, float floor, float* out);

}  // namespace mote::dsp
