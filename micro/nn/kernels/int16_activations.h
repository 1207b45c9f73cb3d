// Sigmoid and tanh on int16, by TensorFlow Lite's table interpolation (its
// reference integer Logistic and Tanh for int16, which the integer LSTM
// uses on its gates and cell state).
//
// The input is first scaled to x = (in * multiplier + round) >> shift, where
// a zero multiplier means "3 << shift, then no shift" (an input scale that is
// a power of two); x counts steps of 1/(3 * 2^12) for sigmoid (inputs in
// Q3.12 with multiplier 3: x = 3 * in). The table holds sigmoid(i / 24) in
// 0.16 fixed point for i in [0, 256); |x| indexes it (sigmoid: 512 steps of x
// per entry, tanh: 256, as tanh(x) = 2 * sigmoid(2x) - 1) and the fraction
// interpolates linearly; the sign reflects. Outputs: sigmoid in Q0.15
// (0..32767), tanh in Q0.15 (-32767..32767).
#pragma once

#include <cstdint>

namespace mote::nn {

// TensorFlow Lite's published sigmoid_table_uint16: sigmoid(i / 24) * 2^16,
// as that table has it (its values are not plain roundings of the function,
// so they are data here, not computed).
extern const uint16_t kSigmoidTable[256];

void SigmoidInt16(int32_t input_multiplier, int32_t input_shift, const int16_t* input, int16_t* output,
                  uint32_t count);
void TanhInt16(int32_t input_multiplier, int32_t input_shift, const int16_t* input, int16_t* output,
               uint32_t count);

}  // namespace mote::nn
