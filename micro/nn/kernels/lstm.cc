#include "micro/nn/kernels/lstm.h"

#include <cstring>

#include "micro/nn/kernels/dot_rows.h"
#include "micro/nn/kernels/int16_activations.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

int16_t Saturate16(int32_t v) { return static_cast<int16_t>(v < -32768 ? -32768 : v > 32767 ? 32767 : v); }

// out = clamp(rescale(a * b) + offset, min, max), elementwise.
template <typename Out>
void MulRescale(const int16_t* a, const int16_t* b, int32_t multiplier, int32_t shift, int32_t offset, int32_t min,
                int32_t max, uint32_t count, Out* out) {
  for (uint32_t i = 0; i < count; ++i) {
    int32_t v = MultiplyByQuantizedMultiplier(a[i] * b[i], multiplier, shift) + offset;
    v = v < min ? min : v > max ? max : v;
    out[i] = static_cast<Out>(v);
  }
}

int32_t Sum(const int8_t* v, int32_t n, int32_t offset) {
  int32_t total = 0;
  for (int32_t i = 0; i < n; ++i) total += v[i] + offset;
  return total;
}

// Sigmoid and tanh of Q3.12 gate values.
void GateSigmoid(int16_t* v, uint32_t count) { SigmoidInt16(0, 0, v, v, count); }
void GateTanh(int16_t* v, uint32_t count) { TanhInt16(0, 0, v, v, count); }

// One time step over `rows` batches: x [rows, input_size], h [rows, state],
// c [rows, state]; writes the new h to `out`.
void Step(const LstmParams& p, const LstmWeights& w, int32_t rows, const int8_t* x, int8_t* h, int16_t* c,
          int8_t* out, int16_t* scratch) {
  const int32_t S = p.state_size, I = p.input_size;
  const uint32_t n = static_cast<uint32_t>(rows) * static_cast<uint32_t>(S);
  int16_t* forget = scratch;
  int16_t* input_gate = scratch + n;
  int16_t* cell_gate = scratch + 2 * n;
  // dst = act(sat16(rescale(W x + b)) + sat16(rescale(R h))), as TensorFlow
  // Lite's two int16-output fully connected layers and saturating add; a
  // weight zero point adds zp * sum(x + x_offset).
  auto gate = [&](LstmGate g, int16_t* dst, void (*activation)(int16_t*, uint32_t)) {
    const LstmGateParams& q = p.gates[g];
    for (int32_t r = 0; r < rows; ++r) {
      const int8_t* xr = x + static_cast<size_t>(r) * I;
      const int8_t* hr = h + static_cast<size_t>(r) * S;
      int16_t* d = dst + static_cast<size_t>(r) * S;
      const int32_t x_term = q.input_weight_offset ? q.input_weight_offset * Sum(xr, I, p.input_offset) : 0;
      const int32_t h_term = q.recurrent_weight_offset ? q.recurrent_weight_offset * Sum(hr, S, p.hidden_offset) : 0;
      const int32_t* bias = w.bias[g];
      DotRows(w.input[g], S, I, xr, p.input_offset, [&](int32_t s, int32_t acc) {
        acc = WrappingAdd(WrappingAdd(acc, x_term), bias ? bias[s] : 0);
        d[s] = Saturate16(MultiplyByQuantizedMultiplier(acc, q.input_multiplier, q.input_shift));
      });
      DotRows(w.recurrent[g], S, S, hr, p.hidden_offset, [&](int32_t s, int32_t acc) {
        const int16_t v = Saturate16(MultiplyByQuantizedMultiplier(WrappingAdd(acc, h_term), q.recurrent_multiplier,
                                                                   q.recurrent_shift));
        d[s] = Saturate16(d[s] + v);
      });
    }
    activation(dst, n);
  };
  gate(kLstmForgetGate, forget, GateSigmoid);
  gate(kLstmInputGate, input_gate, GateSigmoid);
  gate(kLstmCellGate, cell_gate, GateTanh);
  // c = forget * c + input * cell_gate, saturated, clipped.
  MulRescale(forget, c, p.forget_multiplier, p.forget_shift, 0, -32768, 32767, n, c);
  int16_t* update = input_gate;
  MulRescale(input_gate, cell_gate, p.update_multiplier, p.update_shift, 0, -32768, 32767, n, update);
  for (uint32_t i = 0; i < n; ++i) c[i] = Saturate16(c[i] + update[i]);
  if (p.cell_clip > 0) {
    for (uint32_t i = 0; i < n; ++i) c[i] = c[i] > p.cell_clip ? p.cell_clip : c[i] < -p.cell_clip ? -p.cell_clip : c[i];
  }
  // h = tanh(c) * output.
  int16_t* output_gate = input_gate;
  gate(kLstmOutputGate, output_gate, GateSigmoid);
  int16_t* cell_tanh = forget;
  TanhInt16(p.cell_tanh_multiplier, p.cell_tanh_shift, c, cell_tanh, n);
  MulRescale(cell_tanh, output_gate, p.hidden_multiplier, p.hidden_shift, p.hidden_zero_point, -128, 127, n, h);
  std::memcpy(out, h, n);
}

}  // namespace

uint32_t LstmScratchBytes(const LstmParams& p) {
  const uint32_t rows = p.time_major ? static_cast<uint32_t>(p.batches) : 1u;
  return rows * 3u * static_cast<uint32_t>(p.state_size) * 2u;  // three gate buffers
}

void LstmInt8(const LstmParams& p, const LstmWeights& w, const int8_t* input, int8_t* hidden, int16_t* cell,
              int8_t* output, int16_t* scratch) {
  const size_t in_step = static_cast<size_t>(p.input_size), out_step = static_cast<size_t>(p.state_size);
  if (p.time_major) {  // [time, batch, ...]: all batches per step
    for (int32_t t = 0; t < p.time_steps; ++t) {
      const size_t at = static_cast<size_t>(t) * p.batches;
      Step(p, w, p.batches, input + at * in_step, hidden, cell, output + at * out_step, scratch);
    }
    return;
  }
  for (int32_t b = 0; b < p.batches; ++b) {  // [batch, time, ...]: one batch at a time
    for (int32_t t = 0; t < p.time_steps; ++t) {
      const size_t at = static_cast<size_t>(b) * p.time_steps + t;
      Step(p, w, 1, input + at * in_step, hidden + b * out_step, cell + b * out_step, output + at * out_step,
           scratch);
    }
  }
}

namespace kernels {
namespace {

using tflite::TensorType;

// The op's 24 inputs (TensorFlow Lite's LSTM tensor order).
constexpr int kInput = 0, kInputWeights = 1, kRecurrentWeights = 5, kBiases = 12, kHiddenState = 18,
              kCellState = 19, kInputCount = 24;
// Peephole (9-11), projection (16-17) and layer norm (20-23) inputs.
constexpr int kVariantInputs[] = {9, 10, 11, 16, 17, 20, 21, 22, 23};

// The power of two nearest `scale` (TensorFlow Lite rounds log2 of the cell
// scale), from the float's bits: mantissa 1.f rounds up from sqrt(2).
int32_t NearestPowerOfTwo(float scale) {
  uint32_t bits = 0;
  std::memcpy(&bits, &scale, sizeof bits);
  const int32_t exponent = static_cast<int32_t>((bits >> 23) & 0xFF) - 127;
  const uint32_t mantissa = bits & 0x7FFFFF;
  const uint32_t kSqrt2Mantissa = 0x3504F3;  // 1.41421354f = 1 + 0x3504F3 / 2^23
  return mantissa >= kSqrt2Mantissa ? exponent + 1 : exponent;
}

NnStatus Quantize(const OpContext& ctx, double real, int32_t* multiplier, int32_t* shift_out, int32_t tensor) {
  if (!(real > 0.0 && real < 1e9)) return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale", tensor);
  int shift = 0;
  QuantizeMultiplier(real, multiplier, &shift);
  *shift_out = shift;
  return NnStatus::kOk;
}

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (ctx.input_count() != kInputCount || ctx.output_count() != 1) {
    return ctx.Fail(NnStatus::kBadModel, "Operator.inputs");
  }
  for (int i : kVariantInputs) {
    if (ctx.has_input(i)) return ctx.Fail(NnStatus::kBadModel, "Operator.inputs (peephole, projection or layer norm)");
  }
  TensorView input, hidden, cell, output, weights[8], bias[4];
  if (NnStatus s = ctx.Input(kInput, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(kHiddenState, &hidden); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Input(kCellState, &cell); s != NnStatus::kOk) return s;
  if (NnStatus s = ctx.Output(0, &output); s != NnStatus::kOk) return s;
  for (int i = 0; i < 8; ++i) {
    if (NnStatus s = ctx.Input(kInputWeights + i, &weights[i]); s != NnStatus::kOk) return s;
  }
  for (int i = 0; i < 4; ++i) {
    if (NnStatus s = ctx.Input(kBiases + i, &bias[i]); s != NnStatus::kOk) return s;
  }
  fb::Table options;
  if (NnStatus s = ctx.Options(tflite::kUnidirectionalSequenceLstmOptions, &options); s != NnStatus::kOk) return s;
  int8_t activation = 0;
  float cell_clip = 0.0f;
  uint8_t time_major = 0;
  if (!options.Scalar<int8_t>(tflite::sequence_lstm_options::kActivation, 0, &activation) ||
      !options.Scalar<float>(tflite::sequence_lstm_options::kCellClip, 0.0f, &cell_clip) ||
      !options.Scalar<uint8_t>(tflite::sequence_lstm_options::kTimeMajor, 0, &time_major)) {
    return ctx.Fail(NnStatus::kCorrupt, "UnidirectionalSequenceLSTMOptions");
  }
  // The cell gate's activation: the reference kernel runs tanh (or sigmoid,
  // which the schema cannot express).
  if (static_cast<tflite::Activation>(activation) != tflite::Activation::kTanh) {
    return ctx.Fail(NnStatus::kBadOptions, "UnidirectionalSequenceLSTMOptions.fused_activation_function");
  }
  if (!(cell_clip >= 0.0f && cell_clip < 3.0e38f)) {
    return ctx.Fail(NnStatus::kBadOptions, "UnidirectionalSequenceLSTMOptions.cell_clip");
  }

  // Types: int8 activations and weights, int32 biases, int16 cell state.
  for (const TensorView* t : {&input, &hidden, &output}) {
    if (NnStatus s = RequireType(ctx, *t, TensorType::kInt8); s != NnStatus::kOk) return s;
  }
  for (const TensorView& t : weights) {
    if (NnStatus s = RequireType(ctx, t, TensorType::kInt8); s != NnStatus::kOk) return s;
  }
  for (const TensorView& t : bias) {
    if (NnStatus s = RequireType(ctx, t, TensorType::kInt32); s != NnStatus::kOk) return s;
  }
  if (NnStatus s = RequireType(ctx, cell, TensorType::kInt16); s != NnStatus::kOk) return s;
  for (const TensorView* t : {&hidden, &cell}) {
    if (!t->is_variable || t->is_constant()) return ctx.Fail(NnStatus::kBadModel, "Tensor.is_variable", t->index);
  }

  // Shapes.
  LstmParams p{};
  p.time_major = time_major != 0;
  auto mismatch = [&](const TensorView& t) { return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", t.index); };
  if (input.rank != 3 || hidden.rank < 1) return mismatch(input);
  p.batches = p.time_major ? input.dims[1] : input.dims[0];
  p.time_steps = p.time_major ? input.dims[0] : input.dims[1];
  p.input_size = input.dims[2];
  p.state_size = hidden.dim(-1);
  if (p.batches < 1 || p.time_steps < 1 || p.input_size < 1 || p.state_size < 1) return mismatch(input);
  const uint64_t state_elements_64 = static_cast<uint64_t>(p.batches) * static_cast<uint64_t>(p.state_size);
  if (state_elements_64 > (1u << 24)) return ctx.Fail(NnStatus::kTooLarge, "Tensor.shape", hidden.index);  // scratch fits
  const auto state_elements = static_cast<uint32_t>(state_elements_64);
  if (hidden.elements != state_elements) return mismatch(hidden);
  if (cell.elements != state_elements) return mismatch(cell);
  if (output.rank != 3 || output.dims[0] != input.dims[0] || output.dims[1] != input.dims[1] ||
      output.dims[2] != p.state_size) {
    return mismatch(output);
  }
  for (int i = 0; i < 8; ++i) {
    const int32_t depth = i < 4 ? p.input_size : p.state_size;
    if (weights[i].rank != 2 || weights[i].dims[0] != p.state_size || weights[i].dims[1] != depth) {
      return mismatch(weights[i]);
    }
  }
  for (const TensorView& t : bias) {
    if (t.rank != 1 || t.dims[0] != p.state_size) return mismatch(t);
  }

  // Quantization: the scales TensorFlow Lite Micro's integer LSTM derives.
  for (const TensorView* t : {&input, &hidden, &cell}) {
    if (NnStatus s = RequireQuantized(ctx, *t); s != NnStatus::kOk) return s;
  }
  if (cell.zero_point() != 0) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.zero_point", cell.index);
  }
  for (const TensorView& t : weights) {
    if (NnStatus s = RequireQuantized(ctx, t); s != NnStatus::kOk) return s;
    if (t.scales.size() != 1) return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale", t.index);
  }
  p.input_offset = -input.zero_point();
  p.hidden_offset = -hidden.zero_point();
  p.hidden_zero_point = hidden.zero_point();
  const float kGateInputScale = 1.0f / 4096;     // Q3.12, the gates before their activation
  const double kGateOutputScale = 1.0 / 32768;  // Q0.15, after it
  for (int g = 0; g < 4; ++g) {
    LstmGateParams& q = p.gates[g];
    const TensorView &w = weights[g], &r = weights[4 + g];
    q.input_weight_offset = -w.zero_point();
    q.recurrent_weight_offset = -r.zero_point();
    if (NnStatus s = Quantize(ctx, PerTensorRescale(input.scale(), w.scale(), kGateInputScale), &q.input_multiplier,
                              &q.input_shift, w.index);
        s != NnStatus::kOk) {
      return s;
    }
    if (NnStatus s = Quantize(ctx, PerTensorRescale(hidden.scale(), r.scale(), kGateInputScale),
                              &q.recurrent_multiplier, &q.recurrent_shift, r.index);
        s != NnStatus::kOk) {
      return s;
    }
  }
  const double cell_scale = static_cast<double>(cell.scale());
  if (NnStatus s = Quantize(ctx, kGateOutputScale * cell_scale / cell_scale, &p.forget_multiplier, &p.forget_shift,
                            cell.index);
      s != NnStatus::kOk) {
    return s;
  }
  if (NnStatus s = Quantize(ctx, kGateOutputScale * kGateOutputScale / cell_scale, &p.update_multiplier,
                            &p.update_shift, cell.index);
      s != NnStatus::kOk) {
    return s;
  }
  if (NnStatus s = Quantize(ctx, kGateOutputScale * kGateOutputScale / static_cast<double>(hidden.scale()),
                            &p.hidden_multiplier, &p.hidden_shift, hidden.index);
      s != NnStatus::kOk) {
    return s;
  }
  // tanh reads Q3.12 times 3: a cell scale of 2^k takes a shift of 12 + k.
  const int32_t power = NearestPowerOfTwo(cell.scale());
  if (power < -40 || power > 2) {
    return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters.scale", cell.index);
  }
  const int32_t tanh_shift = 12 + power;
  p.cell_tanh_multiplier = tanh_shift >= 0 ? 0 : 3;
  p.cell_tanh_shift = tanh_shift >= 0 ? tanh_shift : -tanh_shift;
  double clip = static_cast<double>(cell_clip) / cell_scale;
  clip = clip < -32768.0 ? -32768.0 : clip > 32767.0 ? 32767.0 : clip;
  p.cell_clip = cell_clip > 0.0f ? static_cast<int16_t>(clip) : 0;

  memory->scratch_bytes = LstmScratchBytes(p);
  return KeepParams(p, op_data, memory);
}

NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const LstmParams*>(op_data);
  LstmWeights w{};
  for (int g = 0; g < 4; ++g) {
    w.input[g] = In<int8_t>(b, kInputWeights + g);
    w.recurrent[g] = In<int8_t>(b, kRecurrentWeights + g);
    w.bias[g] = In<int32_t>(b, kBiases + g);
  }
  LstmInt8(p, w, In<int8_t>(b, kInput), static_cast<int8_t*>(const_cast<void*>(b.inputs[kHiddenState])),
           static_cast<int16_t*>(const_cast<void*>(b.inputs[kCellState])), Out<int8_t>(b, 0),
           static_cast<int16_t*>(b.scratch));
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kUnidirectionalSequenceLstm = {Prepare, Invoke};

}  // namespace kernels
}  // namespace mote::nn
