// Multiply-accumulate of int8 weights with int8 or int16 activations four at
// a time: the inner loops of the int8 CONV_2D and DEPTHWISE_CONV_2D kernels.
// With the Cortex-M DSP instructions (__ARM_FEATURE_DSP: M4, M7, M33, M55)
// they are SXTB16, SXTAB16, SMLAD and SMLABB/SMLATT through ACLE's
// arm_acle.h; elsewhere (the host, the M0+) portable C++ that gives the same
// bits: the products and sums are exact integers either way. Words, loads
// and the feature test come from micro/dsp/q15_pairs.h, which does the same
// for the Q15 DSP blocks.
//
// The activations of a group are stored as [a0, a2, a1, a3] (ReorderGroups),
// which is the order SXTB16 unpacks four packed int8 weights in: the low
// halves of bytes 0 and 2, then (rotated by 8) of bytes 1 and 3. So one
// weight word meets two activation words without any repacking.
//
// Thread-safe.
#pragma once

#include <cstdint>

#include "micro/dsp/q15_pairs.h"

// MVE (Helium) integer instructions (the Cortex-M55 at -mfpu=auto): the
// kernels' MVE forms (MacRowsPair and MacRows4 below, DotRows in
// dot_rows.h, requantize_mve.h and the depthwise and pooling kernels).
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1) && !defined(MOTE_PORTABLE_KERNELS)
#include <arm_mve.h>
#define MOTE_NN_MVE_INT 1
#endif

namespace mote::nn::int8_mac {

// Two int16 (low = the lower address) or four int8 (byte 0 = the lowest
// address) in one word.
using Word = dsp::pairs::Pair;
using dsp::pairs::Load;

// Swaps the middle two of every full group of four: [a0, a1, a2, a3] becomes
// [a0, a2, a1, a3]; the n % 4 values after the last full group stay.
inline void ReorderGroups(int16_t* a, int32_t n) {
  for (int32_t k = 0; k + 4 <= n; k += 4) {
    const int16_t t = a[k + 1];
    a[k + 1] = a[k + 2];
    a[k + 2] = t;
  }
}

#ifdef MOTE_DSP_ARM_SIMD
// The four int8 weights at w as int16 pairs: *w02 = [w0, w2], *w13 = [w1, w3].
inline void UnpackWeights(const int8_t* w, int16x2_t* w02, int16x2_t* w13) {
  const Word packed = Load(w);
  *w02 = __sxtb16(static_cast<int8x4_t>(packed));
  // ACLE has no rotating form of SXTB16, and GCC does not fold the rotation.
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(*w13) : "r"(packed));
}
#endif

// acc + w0*a0 + w1*a1 + w2*a2 + w3*a3 for the four int8 weights at w and a
// reordered group given as its two words: a02 = [a0, a2], a13 = [a1, a3].
inline int32_t MacGroup(const int8_t* w, Word a02, Word a13, int32_t acc) {
#ifdef MOTE_DSP_ARM_SIMD
  int16x2_t w02, w13;
  UnpackWeights(w, &w02, &w13);
  acc = __smlad(w02, static_cast<int16x2_t>(a02), acc);
  return __smlad(w13, static_cast<int16x2_t>(a13), acc);
#else
  return acc + w[0] * dsp::pairs::Low(a02) + w[2] * dsp::pairs::High(a02) + w[1] * dsp::pairs::Low(a13) +
         w[3] * dsp::pairs::High(a13);
#endif
}

// The dot product of n int8 weights with n activations stored by
// ReorderGroups.
inline int32_t Dot(const int8_t* w, const int16_t* a, int32_t n) {
  int32_t acc = 0;
  int32_t k = 0;
  for (; k + 4 <= n; k += 4) acc = MacGroup(w + k, Load(a + k), Load(a + k + 2), acc);
  for (; k < n; ++k) acc += w[k] * a[k];
  return acc;
}

// Two windows against two weight rows: for each of `groups` groups of four,
// the four int16 at g (window A's group, reordered) and the four after them
// (window B's) meet the four weights at f (row 0) and f + row (row 1):
// s00 += row 0 . A, s10 += row 1 . A, s01 += row 0 . B, s11 += row 1 . B.
// g and f end past the groups (g by 8 int16 a group, f by 4 bytes). On the
// DSP cores, with g word-aligned (LDRD requires it), one loop of 18
// instructions a group; GCC's own allocation of the portable loop spills a
// register and splits the loads (23).
//
// With MVE, two groups a step: the eight weights of each row gathered as
// int16 in the groups' reordered order (byte offsets 0, 2, 1, 3, 4, 6, 5, 7)
// and each window's eight values gathered past the other window's, then one
// VMLADAV (eight int16 products summed into int32, exact) per sum. An odd
// last group loads under a VCTP predicate: the lanes past it are zero and
// read nothing.
inline void MacRowsPair(const int16_t*& g, const int8_t*& f, int32_t row, int32_t groups, int32_t& s00, int32_t& s10,
                        int32_t& s01, int32_t& s11) {
#if defined(MOTE_NN_MVE_INT)
  static constexpr uint16_t kWeightBytes[8] = {0, 2, 1, 3, 4, 6, 5, 7};
  static constexpr uint16_t kWindowValues[8] = {0, 1, 2, 3, 8, 9, 10, 11};
  const uint16x8_t weight_offsets = vld1q_u16(kWeightBytes), window_offsets = vld1q_u16(kWindowValues);
  const int16_t* a = g;
  const int8_t* w = f;
  for (int32_t left = groups; left > 0; left -= 2, a += 16, w += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(left) * 4);
    const int16x8_t xa = vldrhq_gather_shifted_offset_z_s16(a, window_offsets, p);
    const int16x8_t xb = vldrhq_gather_shifted_offset_z_s16(a + 4, window_offsets, p);
    const int16x8_t w0 = vldrbq_gather_offset_z_s16(w, weight_offsets, p);
    const int16x8_t w1 = vldrbq_gather_offset_z_s16(w + row, weight_offsets, p);
    s00 = vmladavaq_s16(s00, w0, xa);
    s01 = vmladavaq_s16(s01, w0, xb);
    s10 = vmladavaq_s16(s10, w1, xa);
    s11 = vmladavaq_s16(s11, w1, xb);
  }
  g += 8 * groups;
  f += 4 * groups;
#else
#ifdef MOTE_DSP_ARM_SIMD
  if (groups > 0 && reinterpret_cast<uintptr_t>(g) % 4 == 0) {
    uint32_t x02, x13, y02, y13, w, t;
    __asm__ volatile(
        "1:\n\t"
        "ldrd %[x02], %[x13], [%[g]], #16\n\t"
        "ldrd %[y02], %[y13], [%[g], #-8]\n\t"
        "ldr %[w], [%[f], %[row]]\n\t"
        "sxtb16 %[t], %[w]\n\t"
        "smlad %[s10], %[t], %[x02], %[s10]\n\t"
        "smlad %[s11], %[t], %[y02], %[s11]\n\t"
        "sxtb16 %[w], %[w], ror #8\n\t"
        "smlad %[s10], %[w], %[x13], %[s10]\n\t"
        "smlad %[s11], %[w], %[y13], %[s11]\n\t"
        "ldr %[w], [%[f]], #4\n\t"
        "sxtb16 %[t], %[w]\n\t"
        "smlad %[s00], %[t], %[x02], %[s00]\n\t"
        "smlad %[s01], %[t], %[y02], %[s01]\n\t"
        "sxtb16 %[w], %[w], ror #8\n\t"
        "smlad %[s00], %[w], %[x13], %[s00]\n\t"
        "smlad %[s01], %[w], %[y13], %[s01]\n\t"
        "subs %[n], %[n], #1\n\t"
        "bne 1b"
        : [g] "+r"(g), [f] "+r"(f), [n] "+r"(groups), [s00] "+r"(s00), [s10] "+r"(s10), [s01] "+r"(s01),
          [s11] "+r"(s11), [x02] "=&r"(x02), [x13] "=&r"(x13), [y02] "=&r"(y02), [y13] "=&r"(y13), [w] "=&r"(w),
          [t] "=&r"(t)
        : [row] "r"(row)
        : "cc", "memory");
    return;
  }
#endif
  for (; groups > 0; --groups, g += 8, f += 4) {
    const Word x02 = Load(g), x13 = Load(g + 2), y02 = Load(g + 4), y13 = Load(g + 6);
    s00 = MacGroup(f, x02, x13, s00);
    s10 = MacGroup(f + row, x02, x13, s10);
    s01 = MacGroup(f, y02, y13, s01);
    s11 = MacGroup(f + row, y02, y13, s11);
  }
#endif
}

// Four output channels' sums, kept in registers across a window.
struct Sums4 {
  int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
};

#if defined(MOTE_NN_MVE_INT)
// MVE: one window against four weight rows (f, f + row, f + 2 row,
// f + 3 row), two groups of four a step as MacRowsPair: the window's eight
// values (a WindowPair's slot 0, reordered groups 8 int16 apart) gathered
// from between slot 1's, each row's eight weights gathered in the reordered
// order, one VMLADAVA per row (s.s_j += row j . window); an odd last group
// under a VCTP predicate. (The DSP cores' form of this loop is ConvInt8's
// own, which their register allocation suits.)
inline void MacRows4(const int16_t* g, const int8_t* f, int32_t row, int32_t groups, Sums4& s) {
  static constexpr uint16_t kWeightBytes[8] = {0, 2, 1, 3, 4, 6, 5, 7};
  static constexpr uint16_t kWindowValues[8] = {0, 1, 2, 3, 8, 9, 10, 11};
  const uint16x8_t weight_offsets = vld1q_u16(kWeightBytes), window_offsets = vld1q_u16(kWindowValues);
  for (int32_t left = groups; left > 0; left -= 2, g += 16, f += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(left) * 4);
    const int16x8_t x = vldrhq_gather_shifted_offset_z_s16(g, window_offsets, p);
    s.s0 = vmladavaq_s16(s.s0, vldrbq_gather_offset_z_s16(f, weight_offsets, p), x);
    s.s1 = vmladavaq_s16(s.s1, vldrbq_gather_offset_z_s16(f + row, weight_offsets, p), x);
    s.s2 = vmladavaq_s16(s.s2, vldrbq_gather_offset_z_s16(f + 2 * row, weight_offsets, p), x);
    s.s3 = vmladavaq_s16(s.s3, vldrbq_gather_offset_z_s16(f + 3 * row, weight_offsets, p), x);
  }
}
#endif

// The input offset as the pair MacChannels4 takes.
inline Word OffsetPair(int32_t offset) { return dsp::pairs::Make(offset, offset); }

#ifdef MOTE_DSP_ARM_SIMD
// The four int8 packed in xs (byte 0 first) plus offset, as WidenWithOffset
// below: the form for values already in a register (two SXTAB16).
inline void WidenWordWithOffset(Word xs, Word offset_pair, Word* x02, Word* x13) {
  *x02 = __sxtab16(static_cast<int16x2_t>(offset_pair), static_cast<int8x4_t>(xs));
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(*x13) : "r"(offset_pair), "r"(xs));
}
#endif

// The four int8 at x (any alignment) plus offset as a reordered group's two
// words: *x02 = [x0 + o, x2 + o], *x13 = [x1 + o, x3 + o], with offset_pair
// = OffsetPair(o) and o in [-128, 128] (an input's negated zero point), so
// that each sum fits in int16. Two SXTAB16 on the DSP cores.
inline void WidenWithOffset(const int8_t* x, Word offset_pair, Word* x02, Word* x13) {
#ifdef MOTE_DSP_ARM_SIMD
  WidenWordWithOffset(Load(x), offset_pair, x02, x13);
#else
  const int32_t o = dsp::pairs::Low(offset_pair);
  *x02 = dsp::pairs::Make(x[0] + o, x[2] + o);
  *x13 = dsp::pairs::Make(x[1] + o, x[3] + o);
#endif
}

// Four channels of a depthwise tap at once: s_j += w[j] * (x[j] + offset)
// for j = 0..3, with int8 weights w and int8 inputs x (any alignment) and
// offset as WidenWithOffset takes it.
inline void MacChannels4(const int8_t* w, const int8_t* x, Word offset_pair, Sums4& s) {
#ifdef MOTE_DSP_ARM_SIMD
  Word x02, x13;
  WidenWithOffset(x, offset_pair, &x02, &x13);
  int16x2_t w02, w13;
  UnpackWeights(w, &w02, &w13);
  s.s0 = __smlabb(w02, x02, s.s0);
  s.s2 = __smlatt(w02, x02, s.s2);
  s.s1 = __smlabb(w13, x13, s.s1);
  s.s3 = __smlatt(w13, x13, s.s3);
#else
  const int32_t offset = dsp::pairs::Low(offset_pair);
  s.s0 += w[0] * (x[0] + offset);
  s.s1 += w[1] * (x[1] + offset);
  s.s2 += w[2] * (x[2] + offset);
  s.s3 += w[3] * (x[3] + offset);
#endif
}

// Four channels that read the same input (a depth multiplier of 4 or more):
// s_j += w[j] * x for j = 0..3, with int8 weights w (any alignment) and x
// the low (kHigh false) or high half of x_pair, an input plus its offset as
// WidenWithOffset makes them.
template <bool kHigh>
inline void MacBroadcast4(const int8_t* w, Word x_pair, Sums4& s) {
#ifdef MOTE_DSP_ARM_SIMD
  int16x2_t w02, w13;
  UnpackWeights(w, &w02, &w13);
  if (kHigh) {
    s.s0 = __smlabt(w02, x_pair, s.s0);
    s.s2 = __smlatt(w02, x_pair, s.s2);
    s.s1 = __smlabt(w13, x_pair, s.s1);
    s.s3 = __smlatt(w13, x_pair, s.s3);
  } else {
    s.s0 = __smlabb(w02, x_pair, s.s0);
    s.s2 = __smlatb(w02, x_pair, s.s2);
    s.s1 = __smlabb(w13, x_pair, s.s1);
    s.s3 = __smlatb(w13, x_pair, s.s3);
  }
#else
  const int32_t x = kHigh ? dsp::pairs::High(x_pair) : dsp::pairs::Low(x_pair);
  s.s0 += w[0] * x;
  s.s1 += w[1] * x;
  s.s2 += w[2] * x;
  s.s3 += w[3] * x;
#endif
}

// The same for one input plus its offset x, in [-255, 255].
inline void MacBroadcast4(const int8_t* w, int32_t x, Sums4& s) { MacBroadcast4<false>(w, static_cast<Word>(x), s); }

}  // namespace mote::nn::int8_mac
