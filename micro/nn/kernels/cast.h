// CAST between int8, uint8, int16, uint16, int32, uint32, bool and float32,
// as TensorFlow Lite Micro's kernel: integers wrap in two's complement to
// the target's width, floats truncate toward zero (saturated to int64, NaN
// as 0) before that, anything to bool is "not zero".
#pragma once

#include <cstdint>

#include "micro/nn/tflite_schema.h"

namespace mote::nn {

struct CastParams {
  tflite::TensorType from, to;
  uint32_t elements;
  uint32_t copy_bytes;  // non-zero: the same bits (int32 <-> uint32, ...), copied
};

// `input` holds p.elements of p.from, `output` of p.to (may be the same buffer).
void Cast(const CastParams& p, const void* input, void* output);

}  // namespace mote::nn
