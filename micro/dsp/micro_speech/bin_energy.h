// Energy (squared magnitude) of int16 spectrum bins, as TFLM's SignalEnergy
// op computes it, restricted to the bins the filterbank reads.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// spectrum: num_bins (real, imaginary) int16 pairs. Writes energy[k] =
// re^2 + im^2 (exact, at most 2^31) for start <= k < end and 0 for the other
// k < num_bins (the micro_speech graph zeroes them with a slice and a
// concatenation). Requires start <= end <= num_bins.
void BinEnergy(const int16_t* spectrum, size_t num_bins, size_t start, size_t end,
               uint32_t* energy);

}  // namespace mote::dsp::micro_speech
