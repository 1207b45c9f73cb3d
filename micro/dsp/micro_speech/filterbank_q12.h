// Mel filterbank over bin energies with Q12 triangular weights, as TFLM's
// SignalFilterBank op computes it: 64-bit sums, no rounding.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// A filterbank in the layout of micro_speech_tables.h: num_channels + 1
// channels, channel 0 being a lead-in whose sum is discarded. Channel c reads
// widths[c] bins from frequency_starts[c], with weights and unweights from
// weight_starts[c]. Weights are non-negative. Does not own the tables.
struct FilterbankQ12 {
  size_t num_channels;
  const int16_t* weights;
  const int16_t* unweights;
  const int16_t* frequency_starts;
  const int16_t* weight_starts;
  const int16_t* widths;
};

// The micro_speech filterbank: 40 channels from 125 Hz to 7500 Hz over the
// 257 bins of a 512-point FFT at 16 kHz.
FilterbankQ12 MicroSpeechFilterbank();

// out[c] (c < num_channels) = sum over the bins of channel c + 1 of
// weight * energy, plus the sum over the bins of channel c of
// unweight * energy. `energy` must cover every bin the tables name.
void AccumulateFilterbankQ12(const FilterbankQ12& filterbank, const uint32_t* energy,
                             uint64_t* out);

}  // namespace mote::dsp::micro_speech
