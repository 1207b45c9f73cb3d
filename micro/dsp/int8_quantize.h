// Affine quantization of a real value to int8, as TensorFlow Lite's QUANTIZE
// reference kernel does it:
//     q = clamp(round(y / scale) + zero_point, -128, 127)
// with y / scale computed in float and round() taking halves away from zero
// (std::round), so 2.5 -> 3 and -2.5 -> -3.
#pragma once

#include <cstdint>

namespace mote::dsp {

// Requires scale > 0 and finite, zero_point in [-128, 127]; y may be any
// float except NaN (infinities saturate).
int8_t QuantizeInt8(float y, float scale, int32_t zero_point);

}  // namespace mote::dsp
