// requantize.h's output stage on four int32 lanes at once with MVE (Helium,
// the Cortex-M55): bias, TensorFlow Lite's MultiplyByQuantizedMultiplier,
// output offset and clamp for four channels, each lane with its own
// channel's multiplier, shift and bias. Only where MOTE_NN_MVE_INT is
// defined (int8_mac.h); the kernels' other forms use requantize.h's
// OutputStage, and both give TensorFlow Lite's bits:
//
//   x << max(shift, 0)   VSHL by each lane's left shift: wraps as
//                        quantization.h's shifted value does;
//   t = SRDHM(x, m)      VQRDMULH is SaturatingRoundingDoublingHighMul:
//                        floor((2xm + 2^31) / 2^32), INT32_MAX when both
//                        are INT32_MIN;
//   RoundingDivideByPOT(t, e), e = max(-shift, 0): VRSHL by -e rounds
//                        half up, (t + 2^(e-1)) >> e without overflow;
//                        TensorFlow Lite rounds half away from zero, which
//                        for t < 0 is (t - 1 + 2^(e-1)) >> e. So t - 1 is
//                        shifted where t < 0 and e > 0 (the sign bit of
//                        t & -e, shifted down arithmetically, is that -1;
//                        t > INT32_MIN, as |x m| <= 2^62 - 2^31 when m is
//                        not INT32_MIN, and the saturating add covers that
//                        one);
//   + output offset, then the activation range (inside [-128, 127]), as
//                        OutputStage's Scaled and ClampBytes (Gathered's
//                        callers clamp after narrowing to int16 with
//                        saturation, which gives the same bytes).
//
// Thread-safe.
#pragma once

#include <cstdint>

#include "micro/nn/kernels/int8_mac.h"

#ifdef MOTE_NN_MVE_INT

namespace mote::nn::mve {

class VectorOutputStage {
 public:
  // The channels' multipliers and shifts (`channels` of each, as the conv
  // kernels get them), bias (may be null), output offset and activation
  // range.
  VectorOutputStage(const int32_t* multipliers, const int8_t* shifts, const int32_t* bias, int32_t output_offset,
                    int32_t act_min, int32_t act_max)
      : multipliers_(multipliers),
        shifts_(shifts),
        bias_(bias),
        output_offset_(output_offset),
        act_min_(act_min),
        act_max_(act_max) {}

  // Lane i: the int8 output (in an int32 lane) for sum x[i] of channel
  // c + i. Lanes off `p` read nothing; their results are unspecified.
  __attribute__((always_inline)) int32x4_t Contiguous(int32x4_t x, int32_t c, mve_pred16_t p) const {
    const int32x4_t bias = bias_ ? vldrwq_z_s32(bias_ + c, p) : vdupq_n_s32(0);
    const int32x4_t v =
        Rescaled(vaddq_s32(x, bias), vldrwq_z_s32(multipliers_ + c, p), vldrbq_z_s32(shifts_ + c, p));
    return vminq_s32(vmaxq_s32(v, vdupq_n_s32(act_min_)), vdupq_n_s32(act_max_));
  }

  // Lane i: the output for sum x[i] of channel c + offsets[i] before the
  // activation range (the rescaled value plus the output offset, which
  // Clamped takes after a saturating narrowing to int16: the same bytes, as
  // the range lies inside int16). With kPredicated, the lanes off `p` read
  // nothing and their results are unspecified.
  template <bool kPredicated>
  __attribute__((always_inline)) int32x4_t Gathered(int32x4_t x, int32_t c, uint32x4_t offsets,
                                                    mve_pred16_t p) const {
    int32x4_t bias = vdupq_n_s32(0), m;
    int32x4_t shift;
    if constexpr (kPredicated) {
      if (bias_) bias = vldrwq_gather_shifted_offset_z_s32(bias_ + c, offsets, p);
      m = vldrwq_gather_shifted_offset_z_s32(multipliers_ + c, offsets, p);
      shift = vldrbq_gather_offset_z_s32(shifts_ + c, offsets, p);
    } else {
      if (bias_) bias = vldrwq_gather_shifted_offset_s32(bias_ + c, offsets);
      m = vldrwq_gather_shifted_offset_s32(multipliers_ + c, offsets);
      shift = vldrbq_gather_offset_s32(shifts_ + c, offsets);
    }
    return Rescaled(vaddq_s32(x, bias), m, shift);
  }

  // int16 lanes clamped to the activation range.
  __attribute__((always_inline)) int16x8_t Clamped(int16x8_t v) const {
    return vminq_s16(vmaxq_s16(v, vdupq_n_s16(static_cast<int16_t>(act_min_))),
                     vdupq_n_s16(static_cast<int16_t>(act_max_)));
  }

 private:
  // MultiplyByQuantizedMultiplier(x, m, shift) + the output offset.
  __attribute__((always_inline)) int32x4_t Rescaled(int32x4_t x, int32x4_t m, int32x4_t shift) const {
    const int32x4_t zero = vdupq_n_s32(0);
    const int32x4_t right = vminq_s32(shift, zero);  // -e: VRSHL's amount, negative = right
    int32x4_t t = vqrdmulhq_s32(vshlq_s32(x, vmaxq_s32(shift, zero)), m);
    t = vqaddq_s32(t, vshrq_n_s32(vandq_s32(t, right), 31));
    return vaddq_n_s32(vrshlq_s32(t, right), output_offset_);
  }

  const int32_t* multipliers_;
  const int8_t* shifts_;
  const int32_t* bias_;
  int32_t output_offset_, act_min_, act_max_;
};

}  // namespace mote::nn::mve

#endif  // MOTE_NN_MVE_INT
