// Dot products of the rows of an int8 matrix with one vector, four rows per
// pass so that each vector element is loaded once per four rows: the inner
// loop of the fully connected parts of SVDF and LSTM. Integer sums are exact,
// so the order does not change a bit.
//
// Three forms, the same bits: MVE (Helium, the Cortex-M55) through arm_mve.h,
// the DSP instructions (M4, M7, M33) in int8_mac.h's sequence written as
// inline assembly, and portable C++.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/nn/kernels/int8_mac.h"

namespace mote::nn {

// Calls emit(r, sum_i rows[r * depth + i] * (x[i] + x_offset)) for r in
// [0, count), in order. x_offset is minus x's zero point: x[i] + x_offset
// must fit int16 (it does for an int8 zero point).
inline constexpr int32_t kBlock = 16;

#ifdef MOTE_NN_MVE_INT
// MVE: sixteen int8 products a VMLADAVA, the offset folded out of the loop as
// sum_i w[i] * (x[i] + o) = sum_i w[i] * x[i] + o * sum_i w[i], with the
// weights' sum taken by a VADDVA beside each VMLADAVA. Both sums are exact
// in int32 (|w * x| <= 2^14 and |o * w| <= 2^14 a term: depths below 2^17),
// so the result equals the portable form's. The last partial sixteen are
// loaded under a VCTP predicate, which zeroes the lanes past depth (and
// reads no byte there): no scalar tail.
template <typename Emit>
__attribute__((always_inline)) inline void DotRows(const int8_t* rows, int32_t count, int32_t depth, const int8_t* x,
                                                   int32_t x_offset, Emit emit) {
  int32_t r = 0;
  for (; r + 4 <= count; r += 4) {
    const int8_t* w0 = rows + static_cast<size_t>(r) * depth;
    const int8_t* w1 = w0 + depth;
    const int8_t* w2 = w1 + depth;
    const int8_t* w3 = w2 + depth;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int32_t i = 0; i < depth; i += 16) {
      const mve_pred16_t p = vctp8q(static_cast<uint32_t>(depth - i));
      const int8x16_t xv = vldrbq_z_s8(x + i, p);
      int8x16_t wv = vldrbq_z_s8(w0 + i, p);
      a0 = vmladavaq_s8(a0, wv, xv);
      s0 = vaddvaq_s8(s0, wv);
      wv = vldrbq_z_s8(w1 + i, p);
      a1 = vmladavaq_s8(a1, wv, xv);
      s1 = vaddvaq_s8(s1, wv);
      wv = vldrbq_z_s8(w2 + i, p);
      a2 = vmladavaq_s8(a2, wv, xv);
      s2 = vaddvaq_s8(s2, wv);
      wv = vldrbq_z_s8(w3 + i, p);
      a3 = vmladavaq_s8(a3, wv, xv);
      s3 = vaddvaq_s8(s3, wv);
    }
    emit(r, a0 + x_offset * s0);
    emit(r + 1, a1 + x_offset * s1);
    emit(r + 2, a2 + x_offset * s2);
    emit(r + 3, a3 + x_offset * s3);
  }
  for (; r < count; ++r) {
    const int8_t* w = rows + static_cast<size_t>(r) * depth;
    int32_t a = 0, s = 0;
    for (int32_t i = 0; i < depth; i += 16) {
      const mve_pred16_t p = vctp8q(static_cast<uint32_t>(depth - i));
      const int8x16_t wv = vldrbq_z_s8(w + i, p);
      a = vmladavaq_s8(a, wv, vldrbq_z_s8(x + i, p));
      s = vaddvaq_s8(s, wv);
    }
    emit(r, a + x_offset * s);
  }
}
#else
template <typename Emit>
__attribute__((always_inline)) inline void DotRows(const int8_t* rows, int32_t count, int32_t depth, const int8_t* x,
                                                   int32_t x_offset, Emit emit) {
  int32_t r = 0;
  for (; r + 4 <= count; r += 4) {
    const int8_t* w0 = rows + static_cast<size_t>(r) * depth;
    const int8_t* w1 = w0 + depth;
    const int8_t* w2 = w1 + depth;
    const int8_t* w3 = w2 + depth;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    int32_t i = 0;
#ifdef MOTE_DSP_ARM_SIMD
    // Cortex-M DSP: four inputs widened with the offset once (two SXTAB16),
    // then per row one load, two SXTB16 and two SMLADs, as int8_mac.h's
    // WidenWithOffset and MacGroup do: 25 instructions for sixteen products.
    // Written out because GCC's allocation of those calls keeps two of the
    // four row pointers on the stack (31). Rows 1 and 3 are read at depth
    // bytes past rows 0 and 2, so the loop needs fourteen registers.
    if (depth >= 4) {
      const int8_mac::Word offset_pair = int8_mac::OffsetPair(x_offset);
      const int8_t *xp = x, *p = w0, *q = w2;
      int32_t groups = depth / 4;
      uint32_t x02, x13, w, t;
      __asm__ volatile(
          "1:\n\t"
          "ldr %[x13], [%[xp]], #4\n\t"
          "sxtab16 %[x02], %[off], %[x13]\n\t"
          "sxtab16 %[x13], %[off], %[x13], ror #8\n\t"
          "ldr %[w], [%[p], %[d]]\n\t"
          "sxtb16 %[t], %[w]\n\t"
          "smlad %[a1], %[t], %[x02], %[a1]\n\t"
          "sxtb16 %[w], %[w], ror #8\n\t"
          "smlad %[a1], %[w], %[x13], %[a1]\n\t"
          "ldr %[w], [%[q], %[d]]\n\t"
          "sxtb16 %[t], %[w]\n\t"
          "smlad %[a3], %[t], %[x02], %[a3]\n\t"
          "sxtb16 %[w], %[w], ror #8\n\t"
          "smlad %[a3], %[w], %[x13], %[a3]\n\t"
          "ldr %[w], [%[q]], #4\n\t"
          "sxtb16 %[t], %[w]\n\t"
          "smlad %[a2], %[t], %[x02], %[a2]\n\t"
          "sxtb16 %[w], %[w], ror #8\n\t"
          "smlad %[a2], %[w], %[x13], %[a2]\n\t"
          "ldr %[w], [%[p]], #4\n\t"
          "sxtb16 %[t], %[w]\n\t"
          "smlad %[a0], %[t], %[x02], %[a0]\n\t"
          "sxtb16 %[w], %[w], ror #8\n\t"
          "smlad %[a0], %[w], %[x13], %[a0]\n\t"
          "subs %[n], %[n], #1\n\t"
          "bne 1b"
          : [xp] "+r"(xp), [p] "+r"(p), [q] "+r"(q), [n] "+r"(groups), [a0] "+r"(a0), [a1] "+r"(a1),
            [a2] "+r"(a2), [a3] "+r"(a3), [x02] "=&r"(x02), [x13] "=&r"(x13), [w] "=&r"(w), [t] "=&r"(t)
          : [off] "r"(offset_pair), [d] "r"(depth)
          : "cc", "memory");
      i = depth / 4 * 4;
    }
#else
    // Blocks of a fixed 16: a loop of known length, which compilers turn
    // into vector instructions where the target has them (x86-64 SSE2 at
    // -O2) and leave a plain loop where it has not.
    for (; i + kBlock <= depth; i += kBlock) {
      for (int32_t k = 0; k < kBlock; ++k) {
        // int16 x int16 products summed into int32: the shape of a
        // multiply-add instruction (x86-64 pmaddwd).
        const auto v = static_cast<int16_t>(x[i + k] + x_offset);
        a0 += static_cast<int16_t>(w0[i + k]) * v;
        a1 += static_cast<int16_t>(w1[i + k]) * v;
        a2 += static_cast<int16_t>(w2[i + k]) * v;
        a3 += static_cast<int16_t>(w3[i + k]) * v;
      }
    }
#endif
    for (; i < depth; ++i) {
      const int32_t v = x[i] + x_offset;
      a0 += w0[i] * v;
      a1 += w1[i] * v;
      a2 += w2[i] * v;
      a3 += w3[i] * v;
    }
    emit(r, a0);
    emit(r + 1, a1);
    emit(r + 2, a2);
    emit(r + 3, a3);
  }
  for (; r < count; ++r) {
    const int8_t* w = rows + static_cast<size_t>(r) * depth;
    int32_t a = 0;
    for (int32_t i = 0; i < depth; ++i) a += w[i] * (x[i] + x_offset);
    emit(r, a);
  }
}
#endif

}  // namespace mote::nn
