#include "micro/dsp/mel_filterbank_q15.h"

#include <cmath>

#include "micro/dsp/mel_triangles.h"
#include "micro/dsp/q15.h"

namespace mote::dsp {

size_t MelFilterbankQ15ArenaBytes(const MelParams& params, uint32_t fft_length) {
  return 2 * ArenaBytes<uint16_t>(params.num_filters) +
         ArenaBytes<uint16_t>(MelTriangles(params, fft_length).WeightCount());
}

DspStatus InitMelFilterbankQ15(const MelParams& params, uint32_t fft_length, Arena* arena, MelFilterbankQ15* bank) {
  if (const DspStatus status = params.Validate(fft_length); status != DspStatus::kOk) return status;
  const MelTriangles triangles(params, fft_length);
  const uint32_t weight_count = triangles.WeightCount();
  if (arena->bytes_left() < 2 * ArenaBytes<uint16_t>(params.num_filters) + ArenaBytes<uint16_t>(weight_count))
    return DspStatus::kBufferTooSmall;
  uint16_t* first_bin = arena->Allocate<uint16_t>(params.num_filters);
  uint16_t* bin_count = arena->Allocate<uint16_t>(params.num_filters);
  uint16_t* weights = arena->Allocate<uint16_t>(weight_count);

  float largest = 0.0f;
  for (uint32_t m = 0; m < params.num_filters; ++m) {
    triangles.ForEachWeight(m, [&largest](uint32_t, float w) { largest = w > largest ? w : largest; });
  }
  // largest = f * 2^e with f in [0.5, 1): weight / 2^e is below 1, and the
  // largest mantissa is at least 2^14.
  int e = 0;
  std::frexp(largest > 0.0f ? largest : 1.0f, &e);
  triangles.Fill(first_bin, bin_count, [weights, e](uint32_t i, float w) {
    weights[i] = static_cast<uint16_t>(FloatToQ15(std::ldexp(w, -e)));
  });
  bank->num_filters = params.num_filters;
  bank->weight_exponent = e - 15;
  bank->first_bin = first_bin;
  bank->bin_count = bin_count;
  bank->weights = weights;
  return DspStatus::kOk;
}

}  // namespace mote::dsp
