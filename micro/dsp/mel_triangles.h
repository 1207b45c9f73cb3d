// MelTriangles: the edges of a mel filterbank and the weight of any (filter,
// bin), as defined in mel_filterbank.h. The float and the Q15 filterbanks
// are both built from it, so that they have the same filters and the same
// nonzero bins. Internal to the filterbanks.
#pragma once

#include <cstdint>

#include "micro/dsp/mel_filterbank.h"

namespace mote::dsp {

class MelTriangles {
 public:
  // Requires params.Validate(fft_length) == kOk; keeps a reference to params.
  MelTriangles(const MelParams& params, uint32_t fft_length);

  // Edge i in Hz, i in [0, num_filters + 1].
  float Edge(uint32_t i) const;

  // Calls visit(bin, weight) for each bin with a positive weight in filter m,
  // in increasing bin order (the bins form one contiguous run).
  template <typename Visit>
  void ForEachWeight(uint32_t m, Visit visit) const {
    const float left = Edge(m), center = Edge(m + 1), right = Edge(m + 2);
    const float norm = params_.mel_norm == MelNorm::kSlaney ? 2.0f / (right - left) : 1.0f;
    // Bins below `left` have no weight; start at the last one at or below it.
    uint32_t k = left > 0.0f ? static_cast<uint32_t>(left / bin_hz_) : 0;
    for (; k < num_bins_; ++k) {
      const float hz = static_cast<float>(k) * bin_hz_;
      if (hz >= right) break;
      const float rising = (hz - left) / (center - left);
      const float falling = (right - hz) / (right - center);
      const float w = rising < falling ? rising : falling;
      if (w > 0.0f) visit(k, w * norm);
    }
  }

  // Number of positive weights over all filters.
  uint32_t WeightCount() const;

  // The sparse layout: sets first_bin[m] and bin_count[m] for every filter
  // and calls store(i, weight) for the i-th positive weight, filter by
  // filter, in bin order.
  template <typename Store>
  void Fill(uint16_t* first_bin, uint16_t* bin_count, Store store) const {
    uint32_t i = 0;
    for (uint32_t m = 0; m < params_.num_filters; ++m) {
      first_bin[m] = 0;
      bin_count[m] = 0;
      ForEachWeight(m, [&](uint32_t k, float w) {
        if (bin_count[m] == 0) first_bin[m] = static_cast<uint16_t>(k);
        ++bin_count[m];
        store(i++, w);
      });
    }
  }

 private:
  const MelParams& params_;
  float mel_low_, mel_step_, bin_hz_;
  uint32_t num_bins_;
};

}  // namespace mote::dsp
