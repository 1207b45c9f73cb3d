// IEEE 754 half precision to single precision, for float16 weights in
// .tflite files (the IR keeps them as float32).
#pragma once

#include <cstdint>
#include <vector>

namespace mote::model {

// The float32 value of a binary16 bit pattern; exact for every input
// (subnormals, infinities and NaNs included).
float HalfToFloat(uint16_t half);

// Little-endian binary16 values to little-endian float32 values; a trailing
// odd byte is ignored.
std::vector<uint8_t> WidenFloat16(const std::vector<uint8_t>& half_bytes);

}  // namespace mote::model
