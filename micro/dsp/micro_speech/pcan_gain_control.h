// Per-channel automatic gain control (PCAN: per-channel amplitude
// normalization), as TFLM's SignalPCAN op computes it: each channel is
// multiplied by a gain that falls with its noise estimate,
// gain(e) = 2^gain_bits * (e / 2^input_bits + offset)^-strength, read from a
// piecewise-quadratic table, and the result goes through a soft threshold
// ("shrink": x^2/4 below 2, x - 1 above).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// The gain for noise estimate x from a table laid out as kPcanGainLut in
// micro_speech_tables.h: exact table values for x <= 2, else the quadratic of
// x's power-of-two interval evaluated at the 10 bits of x below its leading
// bit, with the reference's rounding.
int16_t PcanGain(uint32_t x, const int16_t* gain_lut);

// For each channel i < n: snr = (signal[i] * gain(noise_estimate[i])) >>
// snr_shift (kept to 32 bits, as in the reference), then signal[i] =
// shrink(snr) with 12 fractional bits in and 6 out. Requires 0 <= snr_shift < 64.
void PcanGainControl(const int16_t* gain_lut, int snr_shift, const uint32_t* noise_estimate,
                     uint32_t* signal, size_t n);

}  // namespace mote::dsp::micro_speech
