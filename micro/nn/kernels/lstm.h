// UNIDIRECTIONAL_SEQUENCE_LSTM, the integer form TensorFlow Lite Micro's
// reference kernel runs (int8 activations and weights, int32 biases, an int16
// cell state; no peephole, projection or layer norm).
//
// Every time step, for each gate g of (input, forget, cell, output):
//   g = act(sat16(FC(x, W_g) + b_g  rescaled to Q3.12) + sat16(FC(h, R_g) rescaled to Q3.12))
// with act = sigmoid, tanh for the cell gate (int16_activations.h); the FC
// rescales are input_scale * weight_scale / 2^-12 (the scale product in
// float, as TensorFlow Lite's GetQuantizedConvolutionMultipler). Then
//   c = sat16(c * forget rescaled by 2^-15 + input * cell rescaled by 2^-30 / c_scale)
//   c = clamp(c, -clip, clip) when the cell clip is positive
//   h = clamp(tanh(c) * output rescaled by 2^-30 / h_scale + h_zp) to int8
// and h is copied to the output at that time step. The hidden state h and the
// cell state c are the op's variable tensors (inputs 18 and 19): they carry
// from one Invoke to the next and start at zero (h at its zero point).
// Time-major inputs are [time, batch, input] and run all batches per step;
// batch-major ones [batch, time, input] run one batch at a time.
#pragma once

#include <cstdint>

namespace mote::nn {

enum LstmGate { kLstmInputGate = 0, kLstmForgetGate = 1, kLstmCellGate = 2, kLstmOutputGate = 3 };

struct LstmGateParams {
  int32_t input_multiplier, input_shift;          // x * W -> Q3.12
  int32_t recurrent_multiplier, recurrent_shift;  // h * R -> Q3.12
  int32_t input_weight_offset, recurrent_weight_offset;  // -zero points of W and R
};

struct LstmParams {
  int32_t batches, time_steps, input_size, state_size;
  bool time_major;
  int32_t input_offset;   // -input zero point
  int32_t hidden_offset;  // -hidden state zero point (the recurrent FC's input)
  int32_t hidden_zero_point;
  LstmGateParams gates[4];  // indexed by LstmGate
  int32_t forget_multiplier, forget_shift;  // forget x cell -> cell
  int32_t update_multiplier, update_shift;  // input x cell gate -> cell
  int32_t hidden_multiplier, hidden_shift;  // tanh(cell) x output -> hidden
  int32_t cell_tanh_multiplier, cell_tanh_shift;  // the cell state into tanh's input scale
  int16_t cell_clip;                        // quantized; 0: no clipping
};

struct LstmWeights {
  const int8_t* input[4];      // [state_size, input_size] per gate
  const int8_t* recurrent[4];  // [state_size, state_size] per gate
  const int32_t* bias[4];      // [state_size] per gate
};

// Three int16 gate buffers of (batches per step) * state_size.
uint32_t LstmScratchBytes(const LstmParams& p);

// Runs every time step; updates `hidden` and `cell` in place and writes
// `output` ([.., .., state_size], the hidden state of each step). `scratch`
// has LstmScratchBytes(p) bytes, 2-byte aligned.
void LstmInt8(const LstmParams& p, const LstmWeights& w, const int8_t* input, int8_t* hidden, int16_t* cell,
              int8_t* output, int16_t* scratch);

}  // namespace mote::nn
