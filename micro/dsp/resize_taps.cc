#include "micro/dsp/resize_taps.h"

namespace mote::dsp {
namespace {

uint32_t GreatestCommonDivisor(uint32_t a, uint32_t b) {
  while (b != 0) {
    const uint32_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

// Bilinear taps (see the header); returns the unreduced weight_sum 2 * out.
uint32_t MakeBilinearTaps(uint32_t in, uint32_t out, ResizeTap* taps, uint16_t* weights) {
  const uint32_t sum = 2 * out;
  const uint32_t last = sum * (in - 1);  // n at s = in - 1
  uint32_t next = 0;
  for (uint32_t d = 0; d < out; ++d) {
    const uint32_t centre = (2 * d + 1) * in;  // n + out, kept unsigned: n < 0 clamps to 0
    const uint32_t n = centre <= out ? 0 : (centre - out > last ? last : centre - out);
    const uint32_t i = n / sum;
    const uint32_t r = n % sum;
    taps[d].first = static_cast<uint16_t>(i);
    taps[d].weight_index = next;
    if (r == 0) {  // exactly on pixel i (or clamped to an edge)
      taps[d].count = 1;
      weights[next++] = static_cast<uint16_t>(sum);
    } else {
      taps[d].count = 2;
      weights[next++] = static_cast<uint16_t>(sum - r);
      weights[next++] = static_cast<uint16_t>(r);
    }
  }
  return sum;
}

// Area taps (see the header), in units of 1/out pixel; returns in.
uint32_t MakeAreaTaps(uint32_t in, uint32_t out, ResizeTap* taps, uint16_t* weights) {
  uint32_t next = 0;
  for (uint32_t d = 0; d < out; ++d) {
    const uint32_t begin = d * in;
    const uint32_t end = begin + in;
    const uint32_t first = begin / out;
    const uint32_t last = (end - 1) / out;
    taps[d].first = static_cast<uint16_t>(first);
    taps[d].count = static_cast<uint16_t>(last - first + 1);
    taps[d].weight_index = next;
    for (uint32_t i = first; i <= last; ++i) {
      const uint32_t lo = i * out > begin ? i * out : begin;
      const uint32_t hi = (i + 1) * out < end ? (i + 1) * out : end;
      weights[next++] = static_cast<uint16_t>(hi - lo);
    }
  }
  return in;
}

}  // namespace

uint32_t ResizeWeightCapacity(ResizeMethod method, uint32_t in, uint32_t out) {
  return method == ResizeMethod::kBilinear ? 2 * out : in + out;
}

uint32_t MakeResizeTaps(ResizeMethod method, uint32_t in, uint32_t out, uint32_t offset, ResizeTap* taps,
                        uint16_t* weights) {
  uint32_t sum = method == ResizeMethod::kBilinear ? MakeBilinearTaps(in, out, taps, weights)
                                                   : MakeAreaTaps(in, out, taps, weights);
  const ResizeTap& end = taps[out - 1];
  const uint32_t weight_count = end.weight_index + end.count;
  uint32_t divisor = sum;
  for (uint32_t k = 0; k < weight_count; ++k) divisor = GreatestCommonDivisor(weights[k], divisor);
  for (uint32_t k = 0; k < weight_count; ++k) weights[k] = static_cast<uint16_t>(weights[k] / divisor);
  for (uint32_t d = 0; d < out; ++d) taps[d].first = static_cast<uint16_t>(taps[d].first + offset);
  return sum / divisor;
}

}  // namespace mote::dsp
