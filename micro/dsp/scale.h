// Scaling: signals arrive as int16 PCM or as floats in sensor units, and
// blocks want floats in a known range (Edge Impulse's "scale axes").
#pragma once

#include <cstdint>

namespace mote::dsp {

// out[i] = in[i] * factor for i < count; `out` may be `in`.
void Scale(const float* in, uint32_t count, float factor, float* out);

// out[i] = in[i] * factor; with factor = 1/32768 this reads int16 PCM as Q15.
void Int16ToFloat(const int16_t* in, uint32_t count, float factor, float* out);

}  // namespace mote::dsp
