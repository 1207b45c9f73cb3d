#include "micro/dsp/mel_triangles.h"

namespace mote::dsp {

MelTriangles::MelTriangles(const MelParams& params, uint32_t fft_length)
    : params_(params),
      mel_low_(HzToMel(params.low_freq, params.mel_scale)),
      mel_step_((HzToMel(params.UpperEdge(), params.mel_scale) - mel_low_) / static_cast<float>(params.num_filters + 1)),
      bin_hz_(params.sample_rate / static_cast<float>(fft_length)),
      num_bins_(fft_length / 2 + 1) {}

float MelTriangles::Edge(uint32_t i) const {
  return MelToHz(mel_low_ + static_cast<float>(i) * mel_step_, params_.mel_scale);
}

uint32_t MelTriangles::WeightCount() const {
  uint32_t count = 0;
  for (uint32_t m = 0; m < params_.num_filters; ++m) ForEachWeight(m, [&count](uint32_t, float) { ++count; });
  return count;
}

}  // namespace mote::dsp
