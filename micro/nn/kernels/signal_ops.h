// The arithmetic of TensorFlow Lite Micro's signal custom ops (signal_ops.cc
// reads their custom_options and checks their tensors in Prepare): each op's
// parameters as Prepare computes them and the function its Invoke calls, so
// that ahead-of-time code (src/deploy/aot_kernel_calls.cc) calls the same
// function with the same parameters. Every function runs micro/dsp/
// micro_speech's code (docs/micro-speech-frontend.md gives each formula);
// arrays are caller-owned and hold the element counts the parameters say.
#pragma once

#include <cstdint>

#include "micro/dsp/micro_speech/spectral_subtraction.h"

namespace mote::nn {

// SignalWindow: (x * w) >> shift, saturated, for each of `frames` frames of `length`.
struct SignalWindowParams {
  uint32_t frames, length;
  int32_t shift;
};
void SignalWindow(const SignalWindowParams& p, const int16_t* input, const int16_t* weights, int16_t* output);

// SignalFftAutoScale: `elements` values shifted left by their headroom
// (output may be input); the shift goes to *shift.
void SignalFftAutoScale(uint32_t elements, const int16_t* input, int16_t* output, int32_t* shift);

// SignalRfft: for each frame, `input_length` (<= 512) values zero-padded
// to 512, then the int16 real FFT: 257 (re, im) pairs per frame.
struct SignalRfftParams {
  uint32_t frames, input_length;
};
void SignalRfft(const SignalRfftParams& p, const int16_t* input, int16_t* output);

// SignalEnergy: re^2 + im^2 of bins [start, end) of each frame of `bins`, 0 elsewhere.
struct SignalEnergyParams {
  uint32_t frames, bins, start, end;
};
void SignalEnergy(const SignalEnergyParams& p, const int16_t* input, uint32_t* output);

// SignalFilterBank: `channels` Q12 triangular filters over `energy` with
// 64-bit sums; the five int16 tables as the op's inputs 1-5 hold them (and as
// its Prepare checked them against the energies' length).
void SignalFilterBank(uint32_t channels, const uint32_t* energy, const int16_t* weights, const int16_t* unweights,
                      const int16_t* frequency_starts, const int16_t* weight_starts, const int16_t* widths,
                      uint64_t* output);

// SignalFilterBankSquareRoot: rounded square root of `elements` values
// shifted right by *shift; false (nothing written) unless 0 <= *shift <= 31.
bool SignalFilterBankSquareRoot(uint32_t elements, const uint64_t* input, const int32_t* shift, uint32_t* output);

// SignalFilterBankSpectralSubtraction: updates `noise_estimate` (the op's
// state: `channels` values, zero before the first call) and writes the
// reduced signal to `output` and the estimate to `noise_output`.
struct SignalSpectralSubtractionParams {
  dsp::micro_speech::SpectralSubtractionParams params;
  uint32_t channels;
};
void SignalSpectralSubtraction(const SignalSpectralSubtractionParams& p, const uint32_t* input,
                               uint32_t* noise_estimate, uint32_t* output, uint32_t* noise_output);

// SignalPCAN: per-channel gain from `noise` through `lut` (125 entries), then shrink.
struct SignalPcanParams {
  uint32_t channels;
  int32_t snr_shift;
};
void SignalPcan(const SignalPcanParams& p, const uint32_t* input, const uint32_t* noise, const int16_t* lut,
                uint32_t* output);

// SignalFilterBankLog: output_scale * ln(x << correction_bits) as int16.
struct SignalLogParams {
  uint32_t channels, output_scale;
  int32_t correction_bits;
};
void SignalFilterBankLog(const SignalLogParams& p, const uint32_t* input, int16_t* output);

}  // namespace mote::nn
