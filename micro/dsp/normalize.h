// Per-feature normalization of a block's output, y = (x - offset) * scale,
// with one (offset, scale) pair per feature column shared by every frame.
//
// The host computes offset and scale from the train split (mean and 1/std,
// or min and 1/(max - min)) and stores them with the features; training,
// evaluation and the device all call these functions with those arrays,
// so the model sees the same numbers everywhere. The arrays are constants
// an exporter can place in flash.
//
// Two forms:
//   ApplyNormalization   float features -> float model input;
//   NormalizeQ15ToInt8   int16 fixed-point features (the Q15 blocks' output,
//                        value = q / 2^kFeatureFracBits) -> an int8 model's
//                        quantized input, in integer arithmetic only, with
//                        the normalization and the input quantization folded
//                        into one multiplier, bias and shift per feature by the
//                        exporter (src/features/feature_normalization.h,
//                        FoldForInt8Input). Host and device get the same bytes.
#pragma once

#include <cstdint>

namespace mote::dsp {

struct NormalizationArrays {
  uint32_t features = 0;          // length of both arrays
  const float* offset = nullptr;  // [features], subtracted first
  const float* scale = nullptr;   // [features], then multiplied
};

// For each of `frames` rows of norm.features values in `in` (row-major, as
// the blocks write them): out[t][f] = (in[t][f] - offset[f]) * scale[f].
// `out` may be `in`. Does nothing when norm.features is 0.
void ApplyNormalization(const NormalizationArrays& norm, const float* in, uint32_t frames, float* out);

// The integer form of y = (q * step - offset) * scale quantized as
// round(y / input_scale) + zero_point:
//   out = clamp(floor((q * multiplier[f] + bias[f]) / 2^shift[f]), -128, 127)
// where multiplier / 2^shift = step * scale / input_scale and
// bias / 2^shift = zero_point - offset * scale / input_scale + 1/2 (the half
// makes the floor a rounding). Requirements the folding guarantees: shift
// <= 62, |multiplier| < 2^31 and |q * multiplier + bias| < 2^63.
struct Int8InputNormalization {
  uint32_t features = 0;
  const int32_t* multiplier = nullptr;  // [features]
  const int64_t* bias = nullptr;        // [features]
  const uint8_t* shift = nullptr;       // [features]
};

// For each of `frames` rows of norm.features int16 values in `in`, the int8
// model input above in `out` (the same shape). Integer arithmetic only: the
// same bytes on every target. Does nothing when norm.features is 0.
void NormalizeQ15ToInt8(const Int8InputNormalization& norm, const int16_t* in, uint32_t frames, int8_t* out);

}  // namespace mote::dsp
