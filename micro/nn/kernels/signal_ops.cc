// TensorFlow Lite Micro's signal custom ops, the ones its
// audio_preprocessor_int8 model (micro_speech's front end as a graph) uses.
// Parameters come from each op's custom_options (a FlexBuffers map, read
// with flexbuffer.h); the arithmetic is micro/dsp/micro_speech's, the same
// functions mote's MicroSpeechFrontend runs, so the graph and the front end
// compute the same bits (docs/micro-speech-frontend.md gives each formula).
//
// Ops that work on one frame (window, real FFT, energy) run over every frame
// of their input's leading dimensions. The real FFT is the 512-point int16
// one (fft_length 512, T int16): the only one micro/dsp implements.
// SignalFilterBankSpectralSubtraction keeps its per-channel noise estimate in
// its persistent op data: zeroed by each Prepare, carried from Invoke to
// Invoke, as TFLM keeps it across invocations.
#include <cstring>

#include "micro/dsp/micro_speech/bin_energy.h"
#include "micro/dsp/micro_speech/fft_auto_scale.h"
#include "micro/dsp/micro_speech/filterbank_log.h"
#include "micro/dsp/micro_speech/filterbank_q12.h"
#include "micro/dsp/micro_speech/filterbank_sqrt.h"
#include "micro/dsp/micro_speech/fixed_point_window.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"
#include "micro/dsp/micro_speech/pcan_gain_control.h"
#include "micro/dsp/micro_speech/rfft_q15_scaled.h"
#include "micro/dsp/micro_speech/spectral_subtraction.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"
#include "micro/nn/kernels/signal_ops.h"

namespace mote::nn {

namespace ms = dsp::micro_speech;

constexpr uint32_t kRfftOutput = 2 * ms::kSpectrumBins;  // 257 (re, im) pairs

void SignalWindow(const SignalWindowParams& p, const int16_t* input, const int16_t* weights, int16_t* output) {
  for (uint32_t f = 0; f < p.frames; ++f) {
    const size_t at = static_cast<size_t>(f) * p.length;
    ms::ApplyFixedPointWindow(input + at, weights, p.length, p.shift, output + at);
  }
}

void SignalFftAutoScale(uint32_t elements, const int16_t* input, int16_t* output, int32_t* shift) {
  std::memmove(output, input, sizeof(int16_t) * elements);
  *shift = ms::FftAutoScale(output, elements);
}

void SignalRfft(const SignalRfftParams& p, const int16_t* input, int16_t* output) {
  for (uint32_t f = 0; f < p.frames; ++f) {
    int16_t* out = output + static_cast<size_t>(f) * kRfftOutput;
    std::memmove(out, input + static_cast<size_t>(f) * p.input_length, sizeof(int16_t) * p.input_length);
    std::memset(out + p.input_length, 0, sizeof(int16_t) * (kRfftOutput - p.input_length));
    ms::RfftQ15Scaled512(out);
  }
}

void SignalEnergy(const SignalEnergyParams& p, const int16_t* input, uint32_t* output) {
  for (uint32_t f = 0; f < p.frames; ++f) {
    const size_t at = static_cast<size_t>(f) * p.bins;
    ms::BinEnergy(input + 2 * at, p.bins, p.start, p.end, output + at);
  }
}

void SignalFilterBank(uint32_t channels, const uint32_t* energy, const int16_t* weights, const int16_t* unweights,
                      const int16_t* frequency_starts, const int16_t* weight_starts, const int16_t* widths,
                      uint64_t* output) {
  const ms::FilterbankQ12 filterbank{channels, weights, unweights, frequency_starts, weight_starts, widths};
  ms::AccumulateFilterbankQ12(filterbank, energy, output);
}

bool SignalFilterBankSquareRoot(uint32_t elements, const uint64_t* input, const int32_t* shift, uint32_t* output) {
  if (*shift < 0 || *shift > 31) return false;
  ms::FilterbankSqrt(input, elements, *shift, output);
  return true;
}

void SignalSpectralSubtraction(const SignalSpectralSubtractionParams& p, const uint32_t* input,
                               uint32_t* noise_estimate, uint32_t* output, uint32_t* noise_output) {
  ms::SpectralSubtraction(p.params, input, p.channels, noise_estimate, output);
  std::memcpy(noise_output, noise_estimate, 4 * p.channels);
}

void SignalPcan(const SignalPcanParams& p, const uint32_t* input, const uint32_t* noise, const int16_t* lut,
                uint32_t* output) {
  std::memmove(output, input, 4 * p.channels);
  ms::PcanGainControl(lut, p.snr_shift, noise, output, p.channels);
}

void SignalFilterBankLog(const SignalLogParams& p, const uint32_t* input, int16_t* output) {
  ms::FilterbankLog(input, p.channels, p.output_scale, p.correction_bits, output);
}

namespace kernels {

namespace {

using tflite::TensorType;

// `t` has `elements` elements; else kShapeMismatch naming it.
NnStatus RequireElements(const OpContext& ctx, const TensorView& t, uint32_t elements) {
  return t.elements == elements ? NnStatus::kOk : ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", t.index);
}

// Input / output `i`, required to be of `type`.
NnStatus TypedInput(const OpContext& ctx, uint32_t i, TensorType type, TensorView* t) {
  if (NnStatus s = ctx.Input(i, t); s != NnStatus::kOk) return s;
  return RequireType(ctx, *t, type);
}
NnStatus TypedOutput(const OpContext& ctx, uint32_t i, TensorType type, TensorView* t) {
  if (NnStatus s = ctx.Output(i, t); s != NnStatus::kOk) return s;
  return RequireType(ctx, *t, type);
}

// Frames of `frame` elements in `t` (its elements must be a whole number, at
// least one, of them).
NnStatus Frames(const OpContext& ctx, const TensorView& t, uint32_t frame, uint32_t* frames) {
  if (frame == 0 || t.elements < frame || t.elements % frame != 0) return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", t.index);
  *frames = t.elements / frame;
  return NnStatus::kOk;
}

// --- SignalWindow: (x * w) >> shift, saturated, per frame.

NnStatus PrepareWindow(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  TensorView input, weights, output;
  flex::Map options;
  int64_t shift = 0;
  SignalWindowParams p{};
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kInt16, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedInput(ctx, 1, TensorType::kInt16, &weights); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kInt16, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, output, input.elements); s != NnStatus::kOk) return s;
  if (NnStatus s = Frames(ctx, input, weights.elements, &p.frames); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "shift", 0, 30, &shift); s != NnStatus::kOk) return s;
  p.length = weights.elements;
  p.shift = static_cast<int32_t>(shift);
  return KeepParams(p, op_data, memory);
}

NnStatus InvokeWindow(void* op_data, const OpBuffers& b) {
  SignalWindow(*static_cast<const SignalWindowParams*>(op_data), In<int16_t>(b, 0), In<int16_t>(b, 1),
               Out<int16_t>(b, 0));
  return NnStatus::kOk;
}

// --- SignalFftAutoScale: the block shifted left by its headroom; the shift.

NnStatus PrepareFftAutoScale(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(1, 1, 2); s != NnStatus::kOk) return s;
  TensorView input, output, shift;
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kInt16, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kInt16, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 1, TensorType::kInt32, &shift); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, output, input.elements); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, shift, 1); s != NnStatus::kOk) return s;
  return KeepParams(input.elements, op_data, memory);
}

NnStatus InvokeFftAutoScale(void* op_data, const OpBuffers& b) {
  SignalFftAutoScale(*static_cast<const uint32_t*>(op_data), In<int16_t>(b, 0), Out<int16_t>(b, 0), Out<int32_t>(b, 1));
  return NnStatus::kOk;
}

// --- SignalRfft: 512-point int16 real FFT per frame, zero-padded.

NnStatus PrepareRfft(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(1, 1, 1); s != NnStatus::kOk) return s;
  TensorView input, output;
  flex::Map options;
  int64_t type = 0, length = 0;
  SignalRfftParams p{};
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "T", static_cast<int64_t>(tflite::TfLiteType::kInt16),
                             static_cast<int64_t>(tflite::TfLiteType::kInt16), &type);
      s != NnStatus::kOk) {
    return s;
  }
  if (NnStatus s = CustomInt(ctx, options, "fft_length", ms::kFftLength, ms::kFftLength, &length);
      s != NnStatus::kOk) {
    return s;
  }
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kInt16, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kInt16, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = Frames(ctx, output, kRfftOutput, &p.frames); s != NnStatus::kOk) return s;
  if (input.elements % p.frames != 0 || input.elements / p.frames > ms::kFftLength) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", input.index);
  }
  p.input_length = input.elements / p.frames;
  return KeepParams(p, op_data, memory);
}

NnStatus InvokeRfft(void* op_data, const OpBuffers& b) {
  SignalRfft(*static_cast<const SignalRfftParams*>(op_data), In<int16_t>(b, 0), Out<int16_t>(b, 0));
  return NnStatus::kOk;
}

// --- SignalEnergy: re^2 + im^2 for bins [start_index, end_index), 0 elsewhere.

NnStatus PrepareEnergy(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(1, 1, 1); s != NnStatus::kOk) return s;
  TensorView input, output;
  flex::Map options;
  int64_t start = 0, end = 0;
  SignalEnergyParams p{};
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kInt16, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kUInt32, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, input, 2 * output.elements); s != NnStatus::kOk) return s;
  p.bins = output.rank > 0 ? static_cast<uint32_t>(output.dim(-1)) : 1;
  if (NnStatus s = Frames(ctx, output, p.bins, &p.frames); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "end_index", 0, p.bins, &end); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "start_index", 0, end, &start); s != NnStatus::kOk) return s;
  p.start = static_cast<uint32_t>(start);
  p.end = static_cast<uint32_t>(end);
  return KeepParams(p, op_data, memory);
}

NnStatus InvokeEnergy(void* op_data, const OpBuffers& b) {
  SignalEnergy(*static_cast<const SignalEnergyParams*>(op_data), In<int16_t>(b, 0), Out<uint32_t>(b, 0));
  return NnStatus::kOk;
}

// --- SignalFilterBank: Q12 triangular filters, 64-bit sums.

enum FilterBankInput : uint32_t { kEnergy, kWeights, kUnweights, kFrequencyStarts, kWeightStarts, kWidths };

NnStatus PrepareFilterBank(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(6, 6, 1); s != NnStatus::kOk) return s;
  TensorView energy, output, t[6];
  flex::Map options;
  int64_t channels = 0;
  if (NnStatus s = TypedInput(ctx, kEnergy, TensorType::kUInt32, &energy); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kUInt64, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "num_channels", 1, 4096, &channels); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, output, static_cast<uint32_t>(channels)); s != NnStatus::kOk) return s;
  // The tables are constants, checked here so that Invoke cannot read
  // outside the energies or the weights.
  for (uint32_t i = kWeights; i <= kWidths; ++i) {
    if (NnStatus s = TypedInput(ctx, i, TensorType::kInt16, &t[i]); s != NnStatus::kOk) return s;
    if (!t[i].is_constant()) return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.buffer (constant)", t[i].index);
  }
  if (NnStatus s = RequireElements(ctx, t[kUnweights], t[kWeights].elements); s != NnStatus::kOk) return s;
  for (uint32_t i = kFrequencyStarts; i <= kWidths; ++i) {
    if (NnStatus s = RequireElements(ctx, t[i], static_cast<uint32_t>(channels) + 1); s != NnStatus::kOk) return s;
  }
  for (uint32_t c = 0; c <= static_cast<uint32_t>(channels); ++c) {
    const int32_t start = ConstantAt<int16_t>(t[kFrequencyStarts], c), weight_start = ConstantAt<int16_t>(t[kWeightStarts], c),
                  width = ConstantAt<int16_t>(t[kWidths], c);
    if (start < 0 || width < 0 || static_cast<uint32_t>(start + width) > energy.elements) {
      return ctx.Fail(NnStatus::kBadModel, "channel_frequency_starts/widths", t[kFrequencyStarts].index);
    }
    if (weight_start < 0 || static_cast<uint32_t>(weight_start + width) > t[kWeights].elements) {
      return ctx.Fail(NnStatus::kBadModel, "channel_weight_starts/widths", t[kWeightStarts].index);
    }
  }
  return KeepParams(static_cast<uint32_t>(channels), op_data, memory);
}

NnStatus InvokeFilterBank(void* op_data, const OpBuffers& b) {
  SignalFilterBank(*static_cast<const uint32_t*>(op_data), In<uint32_t>(b, kEnergy), In<int16_t>(b, kWeights),
                   In<int16_t>(b, kUnweights), In<int16_t>(b, kFrequencyStarts), In<int16_t>(b, kWeightStarts),
                   In<int16_t>(b, kWidths), Out<uint64_t>(b, 0));
  return NnStatus::kOk;
}

// --- SignalFilterBankSquareRoot: rounded square root, shifted right by the
// auto-scale shift (a tensor, known at Invoke only).

NnStatus PrepareSquareRoot(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(2, 2, 1); s != NnStatus::kOk) return s;
  TensorView input, shift, output;
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kUInt64, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedInput(ctx, 1, TensorType::kInt32, &shift); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kUInt32, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, shift, 1); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, output, input.elements); s != NnStatus::kOk) return s;
  return KeepParams(input.elements, op_data, memory);
}

NnStatus InvokeSquareRoot(void* op_data, const OpBuffers& b) {
  return SignalFilterBankSquareRoot(*static_cast<const uint32_t*>(op_data), In<uint64_t>(b, 0), In<int32_t>(b, 1),
                                    Out<uint32_t>(b, 0))
             ? NnStatus::kOk
             : NnStatus::kBadModel;
}

// --- SignalFilterBankSpectralSubtraction: stateful noise reduction.

// The op data: SignalSpectralSubtractionParams, then the state: `channels`
// uint32 noise estimates at kNoiseEstimate.
constexpr uint32_t kNoiseEstimate = (sizeof(SignalSpectralSubtractionParams) + 3) / 4 * 4;

NnStatus PrepareSpectralSubtraction(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(1, 1, 2); s != NnStatus::kOk) return s;
  TensorView input, output, noise;
  flex::Map options;
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kUInt32, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kUInt32, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 1, TensorType::kUInt32, &noise); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  int64_t v[9] = {};
  const struct {
    const char* key;
    int64_t max;
  } fields[9] = {{"num_channels", 65535},          {"smoothing", UINT32_MAX},
                 {"one_minus_smoothing", UINT32_MAX}, {"alternate_smoothing", UINT32_MAX},
                 {"alternate_one_minus_smoothing", UINT32_MAX}, {"min_signal_remaining", UINT32_MAX},
                 {"smoothing_bits", 31},           {"spectral_subtraction_bits", 31},
                 {"clamping", 1}};
  for (int i = 0; i < 9; ++i) {
    if (NnStatus s = CustomInt(ctx, options, fields[i].key, 0, fields[i].max, &v[i]); s != NnStatus::kOk) return s;
  }
  SignalSpectralSubtractionParams p{};
  p.channels = static_cast<uint32_t>(v[0]);
  for (const TensorView* t : {&input, &output, &noise}) {
    if (NnStatus s = RequireElements(ctx, *t, p.channels); s != NnStatus::kOk) return s;
  }
  p.params.smoothing = static_cast<uint32_t>(v[1]);
  p.params.one_minus_smoothing = static_cast<uint32_t>(v[2]);
  p.params.alternate_smoothing = static_cast<uint32_t>(v[3]);
  p.params.alternate_one_minus_smoothing = static_cast<uint32_t>(v[4]);
  p.params.min_signal_remaining = static_cast<uint32_t>(v[5]);
  p.params.smoothing_bits = static_cast<int>(v[6]);
  p.params.spectral_subtraction_bits = static_cast<int>(v[7]);
  p.params.clamping = v[8] != 0;
  memory->persistent_bytes = kNoiseEstimate + 4 * p.channels;
  if (op_data) {
    *static_cast<SignalSpectralSubtractionParams*>(op_data) = p;
    std::memset(DataAt<uint32_t>(op_data, kNoiseEstimate), 0, 4 * p.channels);  // a fresh state
  }
  return NnStatus::kOk;
}

NnStatus InvokeSpectralSubtraction(void* op_data, const OpBuffers& b) {
  SignalSpectralSubtraction(*static_cast<const SignalSpectralSubtractionParams*>(op_data), In<uint32_t>(b, 0),
                            DataAt<uint32_t>(op_data, kNoiseEstimate), Out<uint32_t>(b, 0), Out<uint32_t>(b, 1));
  return NnStatus::kOk;
}

// --- SignalPCAN: per-channel gain from the noise estimate, then shrink.

NnStatus PreparePcan(const OpContext& ctx, void* op_data, OpMemory* memory) {
  if (NnStatus s = ctx.ExpectCounts(3, 3, 1); s != NnStatus::kOk) return s;
  TensorView input, noise, lut, output;
  flex::Map options;
  int64_t shift = 0;
  if (NnStatus s = TypedInput(ctx, 0, TensorType::kUInt32, &input); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedInput(ctx, 1, TensorType::kUInt32, &noise); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedInput(ctx, 2, TensorType::kInt16, &lut); s != NnStatus::kOk) return s;
  if (NnStatus s = TypedOutput(ctx, 0, TensorType::kUInt32, &output); s != NnStatus::kOk) return s;
  for (const TensorView* t : {&noise, &output}) {
    if (NnStatus s = RequireElements(ctx, *t, input.elements); s != NnStatus::kOk) return s;
  }
  // PcanGain reads up to entry 124 (the interval of x >= 2^31).
  if (NnStatus s = RequireElements(ctx, lut, ms::kPcanGainLutSize); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "snr_shift", 0, 63, &shift); s != NnStatus::kOk) return s;
  return KeepParams(SignalPcanParams{input.elements, static_cast<int32_t>(shift)}, op_data, memory);
}

NnStatus InvokePcan(void* op_data, const OpBuffers& b) {
  SignalPcan(*static_cast<const SignalPcanParams*>(op_data), In<uint32_t>(b, 0), In<uint32_t>(b, 1),
             In<int16_t>(b, 2), Out<uint32_t>(b, 0));
  return NnStatus::kOk;
}

// --- SignalFilterBankLog: output_scale * ln(x << input_correction_bits).

NnStatus PrepareLog(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  flex::Map options;
  int64_t scale = 0, bits = 0;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, input, TensorType::kUInt32); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireType(ctx, output, TensorType::kInt16); s != NnStatus::kOk) return s;
  if (NnStatus s = RequireElements(ctx, output, input.elements); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomOptions(ctx, &options); s != NnStatus::kOk) return s;
  // ln(2^32) * 2048 < 2^16 keeps the fixed-point log within 32 bits.
  if (NnStatus s = CustomInt(ctx, options, "output_scale", 1, 2048, &scale); s != NnStatus::kOk) return s;
  if (NnStatus s = CustomInt(ctx, options, "input_correction_bits", 0, 31, &bits); s != NnStatus::kOk) return s;
  return KeepParams(SignalLogParams{input.elements, static_cast<uint32_t>(scale), static_cast<int32_t>(bits)}, op_data,
                    memory);
}

NnStatus InvokeLog(void* op_data, const OpBuffers& b) {
  SignalFilterBankLog(*static_cast<const SignalLogParams*>(op_data), In<uint32_t>(b, 0), Out<int16_t>(b, 0));
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kSignalWindow = {PrepareWindow, InvokeWindow};
const OpKernel kSignalFftAutoScale = {PrepareFftAutoScale, InvokeFftAutoScale};
const OpKernel kSignalRfft = {PrepareRfft, InvokeRfft};
const OpKernel kSignalEnergy = {PrepareEnergy, InvokeEnergy};
const OpKernel kSignalFilterBank = {PrepareFilterBank, InvokeFilterBank};
const OpKernel kSignalFilterBankSquareRoot = {PrepareSquareRoot, InvokeSquareRoot};
const OpKernel kSignalFilterBankSpectralSubtraction = {PrepareSpectralSubtraction, InvokeSpectralSubtraction};
const OpKernel kSignalPcan = {PreparePcan, InvokePcan};
const OpKernel kSignalFilterBankLog = {PrepareLog, InvokeLog};

}  // namespace kernels
}  // namespace mote::nn
