// The output stage of the int8 CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED kernels: bias, requantization, output offset, clamp, with
// TensorFlow Lite's MultiplyByQuantizedMultiplier (quantization.h) bit for
// bit, and a short form of it that the kernels use when a layer allows.
//
// The short form. For a right shift e in [1, 31], a multiplier m >= 0 and
// an accumulator x with |x| < 2^30, let u = 2x (exact). Then
//   SaturatingRoundingDoublingHighMul(x, m) = floor((x*m + 2^30) / 2^31)
//                                           = floor((u*m + 2^31) / 2^32) = t,
// which is the Cortex-M's SMMULR(u, m) (no saturation: x is not INT32_MIN).
// RoundingDivideByPOT(t, e) is (t + 2^(e-1) - [t < 0]) >> e (quantization.h),
// and [t < 0] may be replaced by [u < 0]: they differ only when t = 0 and
// u < 0, where (2^(e-1) - 1) >> e = 0 = 2^(e-1) >> e. SMMLAR(u, m, 2^(e-1))
// adds the half in the same instruction (t + 2^(e-1) < 2^31 as |t| < 2^30),
// so the whole rescale is four instructions: u = 2x, SMMLAR, add u >> 31
// (arithmetic: -1 or 0), shift right by e. MultiplyByQuantizedMultiplier
// takes about 25 with its branches.
//
// Whether a layer allows it is decided once per call (ShortFormHolds) from a
// bound on the sums the kernel can produce (e.g. taps * 128 * 255 for int8
// weights times an input plus its offset), the biases and the per-channel
// multipliers and shifts: valid models have m >= 0 and right shifts, and
// their sums are far below 2^30. Anything else takes the long form; both
// give the same bits (tests/nn/requantize_test.cc checks them against each
// other over random and extreme values).
//
// Thread-safe.
#pragma once

#include <cstdint>

#include "micro/dsp/q15_pairs.h"
#include "micro/nn/quantization.h"

namespace mote::nn {

// |sum of products| for `terms` products of an int8 weight (|w| <= 128) and
// an int8 input plus its offset (|x + offset| <= 255): the bound a kernel
// passes to OutputStage.
inline int64_t Int8SumBound(int64_t terms) { return terms * 128 * 255; }

// MultiplyByQuantizedMultiplier(x, m, -e) for e in [1, 31], m >= 0 and
// |x| < 2^30 (the derivation above).
inline int32_t RequantizeShort(int32_t x, int32_t m, int32_t e) {
  const int32_t u = x * 2;
  const int32_t half = int32_t{1} << (e - 1);
#ifdef MOTE_DSP_ARM_SIMD
  int32_t v;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(u), "r"(m), "r"(half));
#else
  const int32_t v = static_cast<int32_t>((static_cast<int64_t>(u) * m + (int64_t{1} << 31)) >> 32) + half;
#endif
  return (v + (u >> 31)) >> e;
}

// Per layer: the channels' multipliers and shifts (TensorFlow Lite's; a
// channel c uses index c, or 0 for all when per_tensor), the output offset
// and the activation range.
class OutputStage {
 public:
  // `sum_bound`: the largest |sum| (bias excluded) the kernel can produce;
  // `bias` (may be null) holds `channels` values. Reads the arrays once to
  // decide whether the short form holds for every channel.
  OutputStage(const int32_t* multipliers, const int8_t* shifts, bool per_tensor, const int32_t* bias,
              int32_t channels, int64_t sum_bound, int32_t output_offset, int32_t act_min, int32_t act_max)
      : multipliers_(multipliers),
        shifts_(shifts),
        output_offset_(output_offset),
        act_min_(act_min),
        act_max_(act_max),
        short_(ShortFormHolds(multipliers, shifts, per_tensor ? 1 : channels, bias, channels, sum_bound)) {}

  // The int8 output for sum x (bias already added) in channel slot c (0
  // for a per-tensor layer).
  int8_t operator()(int32_t x, int32_t c) const {
    int32_t v = short_ ? RequantizeShort(x, multipliers_[c], -shifts_[c])
                       : MultiplyByQuantizedMultiplier(x, multipliers_[c], shifts_[c]);
    v += output_offset_;
    v = v < act_min_ ? act_min_ : v;
    v = v > act_max_ ? act_max_ : v;
    return static_cast<int8_t>(v);
  }

  bool short_form() const { return short_; }

  // True when RequantizeShort(x, multipliers[c], -shifts[c]) equals
  // MultiplyByQuantizedMultiplier(x, multipliers[c], shifts[c]) for every
  // c < multiplier_count and every x = sum + bias[b] with |sum| <= sum_bound
  // and b < bias_count (bias may be null).
  static bool ShortFormHolds(const int32_t* multipliers, const int8_t* shifts, int32_t multiplier_count,
                             const int32_t* bias, int32_t bias_count, int64_t sum_bound);

 private:
  const int32_t* multipliers_;
  const int8_t* shifts_;
  int32_t output_offset_, act_min_, act_max_;
  bool short_;
};

inline bool OutputStage::ShortFormHolds(const int32_t* multipliers, const int8_t* shifts, int32_t multiplier_count,
                                        const int32_t* bias, int32_t bias_count, int64_t sum_bound) {
  for (int32_t c = 0; c < multiplier_count; ++c)
    if (multipliers[c] < 0 || shifts[c] > -1 || shifts[c] < -31) return false;
  int64_t largest_bias = 0;
  for (int32_t c = 0; bias && c < bias_count; ++c) {
    const int64_t b = bias[c] < 0 ? -static_cast<int64_t>(bias[c]) : bias[c];
    largest_bias = b > largest_bias ? b : largest_bias;
  }
  return sum_bound + largest_bias < (int64_t{1} << 30);
}

}  // namespace mote::nn
