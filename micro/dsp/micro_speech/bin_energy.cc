#include "micro/dsp/micro_speech/bin_energy.h"

namespace mote::dsp::micro_speech {

void BinEnergy(const int16_t* spectrum, size_t num_bins, size_t start, size_t end,
               uint32_t* energy) {
  for (size_t k = 0; k < num_bins; ++k) {
    if (k < start || k >= end) {
      energy[k] = 0;
      continue;
    }
    const int32_t re = spectrum[2 * k], im = spectrum[2 * k + 1];
    // Unsigned: (-32768)^2 + (-32768)^2 = 2^31 does not fit an int32.
    energy[k] = static_cast<uint32_t>(re * re) + static_cast<uint32_t>(im * im);
  }
}

}  // namespace mote::dsp::micro_speech
