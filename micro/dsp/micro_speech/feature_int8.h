// Conversion of the front end's log-scale channel values to the int8 input
// of the micro_speech model, as the tail of TFLM's audio_preprocessor_int8
// graph does with MUL, ADD, DIV, ADD, MINIMUM and MAXIMUM:
// clamp((value * 256 + 333) / 666 - 128, -128, 127), the division truncating.
// 666 = round(25.6 * 26), the range the model's input quantization assumes.
#pragma once

#include <cstdint>

namespace mote::dsp::micro_speech {

struct FeatureInt8Params {
  int32_t multiplier = 256;
  int32_t offset = 333;  // divisor / 2: rounds half up for non-negative values
  int32_t divisor = 666;
  int32_t zero_point = -128;
};

// Requires divisor > 0 and |value * multiplier + offset| < 2^31.
int8_t FeatureToInt8(int16_t value, const FeatureInt8Params& params);

}  // namespace mote::dsp::micro_speech
