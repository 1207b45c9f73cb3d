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
// (arithmetic: -1 or 0), shift right by e (OutputStage::Rescaled).
// MultiplyByQuantizedMultiplier takes about 25 with its branches.
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

// Per layer: the channels' multipliers and shifts (TensorFlow Lite's; a
// channel c uses index c, or 0 for all when per_tensor), the output offset
// and the activation range. In the short form the output offset is added
// inside the shift: (y + offset * 2^e) >> e = (y >> e) + offset exactly, so
// SMMLAR's addend is 2^(e-1) + offset * 2^e (ShortFormHolds checks it fits).
// A kernel's hot loop reads a channel's values once (channel()), scales
// each sum (Scaled: the value plus offset, saturated to int8 by SSAT), and
// clamps a word of up to four packed outputs (ClampBytes: two SSUB8/SEL
// pairs, nothing when the range is all of int8).
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
        short_(ShortFormHolds(multipliers, shifts, per_tensor ? 1 : channels, bias, channels, sum_bound,
                              output_offset)),
        full_range_(act_min <= -128 && act_max >= 127),
        min_bytes_(Bytes4(act_min)),
        max_bytes_(Bytes4(act_max)) {}

  // The same when the caller decided the short form already (a kernel's
  // Prepare, from constant biases): `short_form` must be ShortFormHolds's
  // answer for every sum the kernel will pass, or false.
  OutputStage(const int32_t* multipliers, const int8_t* shifts, bool short_form, int32_t output_offset,
              int32_t act_min, int32_t act_max)
      : multipliers_(multipliers),
        shifts_(shifts),
        output_offset_(output_offset),
        short_(short_form),
        full_range_(act_min <= -128 && act_max >= 127),
        min_bytes_(Bytes4(act_min)),
        max_bytes_(Bytes4(act_max)) {}

  // One channel's values: short form m, e, addend; long form m, shift.
  struct Channel {
    int32_t m, e, addend;
  };
  Channel channel(int32_t c) const {
    const int32_t shift = shifts_[c];
    if (!short_) return {multipliers_[c], shift, 0};
    const int32_t e = -shift;
    // (2 * offset + 1) * 2^(e - 1) = 2^(e - 1) + offset * 2^e.
    // Fits int32 (ShortFormHolds), so the wrapping unsigned product is exact.
    return {multipliers_[c], e, static_cast<int32_t>(static_cast<uint32_t>(2 * output_offset_ + 1) << (e - 1))};
  }

  // TensorFlow Lite's rescale of the sum x (bias added) plus the output
  // offset (int32, wrapping as TensorFlow Lite's does).
  int32_t Rescaled(int32_t x, const Channel& c) const {
    if (!short_) return WrappingAdd(MultiplyByQuantizedMultiplier(x, c.m, c.e), output_offset_);
    const int32_t u = x * 2;
    int32_t v;
#ifdef MOTE_DSP_ARM_SIMD
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(u), "r"(c.m), "r"(c.addend));
#else
    v = static_cast<int32_t>((static_cast<int64_t>(u) * c.m + (int64_t{1} << 31)) >> 32) + c.addend;
#endif
    return (v + (u >> 31)) >> c.e;
  }

  // floor((u * m + 2^31) / 2^32) + addend: one SMMLAR on the Cortex-M (the
  // sum must not overflow int32).
  static int32_t RoundedHighMulAdd(int32_t u, int32_t m, int32_t addend) {
#ifdef MOTE_DSP_ARM_SIMD
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(u), "r"(m), "r"(addend));
    return v;
#else
    return static_cast<int32_t>((static_cast<int64_t>(u) * m + (int64_t{1} << 31)) >> 32) + addend;
#endif
  }

  // Rescaled saturated to [-128, 127] (SSAT); the activation range is
  // ClampBytes's.
  int32_t Scaled(int32_t x, const Channel& c) const {
    const int32_t v = Rescaled(x, c);
#ifdef MOTE_DSP_ARM_SIMD
    return __ssat(v, 8);
#else
    return v < -128 ? -128 : v > 127 ? 127 : v;
#endif
  }

  // Bytes k of `bytes` (four Scaled values packed by Pack) clamped to the
  // activation range.
  uint32_t ClampBytes(uint32_t bytes) const {
    if (full_range_) return bytes;
#ifdef MOTE_DSP_ARM_SIMD
    __ssub8(static_cast<int8x4_t>(bytes), static_cast<int8x4_t>(min_bytes_));
    bytes = __sel(static_cast<uint8x4_t>(bytes), static_cast<uint8x4_t>(min_bytes_));
    __ssub8(static_cast<int8x4_t>(max_bytes_), static_cast<int8x4_t>(bytes));
    return __sel(static_cast<uint8x4_t>(bytes), static_cast<uint8x4_t>(max_bytes_));
#else
    uint32_t out = 0;
    for (int k = 0; k < 4; ++k) {
      int32_t v = static_cast<int8_t>(bytes >> (8 * k));
      const int32_t lo = static_cast<int8_t>(min_bytes_), hi = static_cast<int8_t>(max_bytes_);
      v = v < lo ? lo : v > hi ? hi : v;
      out |= (static_cast<uint32_t>(v) & 0xFFu) << (8 * k);
    }
    return out;
#endif
  }

  // Four values in [-128, 127] as bytes 0..3 of a word.
  static uint32_t Pack(int32_t v0, int32_t v1, int32_t v2, int32_t v3) {
#ifdef MOTE_DSP_ARM_SIMD
    // Three BFIs (GCC builds the portable form from nine instructions).
    uint32_t word = static_cast<uint32_t>(v0);
    __asm__("bfi %0, %1, #8, #8\n\tbfi %0, %2, #16, #8\n\tbfi %0, %3, #24, #8"
            : "+r"(word)
            : "r"(v1), "r"(v2), "r"(v3));
    return word;
#else
    return (static_cast<uint32_t>(v0) & 0xFFu) | (static_cast<uint32_t>(v1) & 0xFFu) << 8 |
           (static_cast<uint32_t>(v2) & 0xFFu) << 16 | static_cast<uint32_t>(v3) << 24;
#endif
  }

  // The int8 output for sum x (bias added) in channel slot c (0 for a
  // per-tensor layer): TensorFlow Lite's rescale, offset and clamp.
  int8_t operator()(int32_t x, int32_t c) const {
    return static_cast<int8_t>(ClampBytes(static_cast<uint32_t>(Scaled(x, channel(c))) & 0xFFu));
  }

  // The same for a channel read once by channel() (a per-tensor layer's
  // loop reads it before its first sum).
  int8_t Output(int32_t x, const Channel& c) const {
#ifdef MOTE_DSP_ARM_SIMD
    return static_cast<int8_t>(ClampBytes(static_cast<uint32_t>(Scaled(x, c)) & 0xFFu));
#else
    // One value: two compares against the range (already within int8), not
    // the portable ClampBytes's loop over four bytes.
    const int32_t v = Rescaled(x, c);
    const int32_t lo = static_cast<int8_t>(min_bytes_), hi = static_cast<int8_t>(max_bytes_);
    return static_cast<int8_t>(v < lo ? lo : v > hi ? hi : v);
#endif
  }

  bool short_form() const { return short_; }

  // True when the short form gives MultiplyByQuantizedMultiplier's result
  // plus output_offset for every channel c < multiplier_count and every
  // x = sum + bias[b] with |sum| <= sum_bound and b < bias_count (bias may be
  // null): right shifts e in [1, 31], m >= 0, |x| < 2^30, and SMMLAR's sum
  // |t| + 2^(e-1) + |offset| * 2^e + 1 below 2^31 (|t| <= |x|).
  static bool ShortFormHolds(const int32_t* multipliers, const int8_t* shifts, int32_t multiplier_count,
                             const int32_t* bias, int32_t bias_count, int64_t sum_bound, int32_t output_offset);

 private:
  static uint32_t Bytes4(int32_t v) {
    const uint32_t b = static_cast<uint32_t>(v < -128 ? -128 : v > 127 ? 127 : v) & 0xFFu;
    return b * 0x01010101u;
  }

  const int32_t* multipliers_;
  const int8_t* shifts_;
  int32_t output_offset_;
  bool short_, full_range_;
  uint32_t min_bytes_, max_bytes_;
};

inline bool OutputStage::ShortFormHolds(const int32_t* multipliers, const int8_t* shifts, int32_t multiplier_count,
                                        const int32_t* bias, int32_t bias_count, int64_t sum_bound,
                                        int32_t output_offset) {
  int64_t largest_bias = 0;
  for (int32_t c = 0; bias && c < bias_count; ++c) {
    const int64_t b = bias[c] < 0 ? -static_cast<int64_t>(bias[c]) : bias[c];
    largest_bias = b > largest_bias ? b : largest_bias;
  }
  const int64_t x_bound = sum_bound + largest_bias;
  if (x_bound >= (int64_t{1} << 30)) return false;
  const int64_t offset = output_offset < 0 ? -static_cast<int64_t>(output_offset) : output_offset;
  for (int32_t c = 0; c < multiplier_count; ++c) {
    const int32_t e = -shifts[c];
    if (multipliers[c] < 0 || e < 1 || e > 31) return false;
    if (x_bound + (int64_t{1} << (e - 1)) + (offset << e) + 1 >= (int64_t{1} << 31)) return false;
  }
  return true;
}

}  // namespace mote::nn
