#include "micro/dsp/micro_speech/filterbank_q12.h"

#include "micro/dsp/micro_speech/micro_speech_tables.h"

namespace mote::dsp::micro_speech {

FilterbankQ12 MicroSpeechFilterbank() {
  return {kNumChannels,
          kFilterbankWeights,
          kFilterbankUnweights,
          kFilterbankFrequencyStarts,
          kFilterbankWeightStarts,
          kFilterbankWidths};
}

void AccumulateFilterbankQ12(const FilterbankQ12& filterbank, const uint32_t* energy,
                             uint64_t* out) {
  // A bin's unweighted share belongs to the next channel, so it is carried
  // over; channel 0 only seeds the carry of channel 1.
  uint64_t carried = 0;
  for (size_t c = 0; c <= filterbank.num_channels; ++c) {
    const uint32_t* bins = energy + filterbank.frequency_starts[c];
    const int16_t* weights = filterbank.weights + filterbank.weight_starts[c];
    const int16_t* unweights = filterbank.unweights + filterbank.weight_starts[c];
    uint64_t weighted = carried;
    uint64_t unweighted = 0;
    for (int j = 0; j < filterbank.widths[c]; ++j) {
      weighted += static_cast<uint64_t>(weights[j]) * bins[j];
      unweighted += static_cast<uint64_t>(unweights[j]) * bins[j];
    }
    if (c > 0) out[c - 1] = weighted;
    carried = unweighted;
  }
}

}  // namespace mote::dsp::micro_speech
