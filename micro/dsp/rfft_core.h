// The real FFT's driver, shared by the float and Q15 paths: the loop
// structure (fused bit-reversed first stage, radix-4 stages, split) lives
// here once, and a Kernel object supplies the arithmetic of each butterfly
// (its functions may be static, or use the kernel's own state, which
// FirstShift may set for the first stage; Run works on its own copy):
//
//   using Sample = float | int16_t;   using Cpx = Complex | ComplexQ15;
//   FirstShift(in, length, radix)     right shift for the first stage
//                                     (Q15: scaling; 0 for float)
//   FirstRadix2(u0, u1, out, shift)   2-point DFT of (u0, u1), each a pointer
//                                     to an (even, odd) input sample pair
//   FirstRadix4(u0, u1, u2, u3, out, shift)  4-point DFT, likewise
//   StageShift(z, half, last)         right shift for the next radix-4 stage
//                                     (Q15: scaling; 0 for float)
//   WithShift(shift, f)               calls f(s) with s equal to shift, as a
//                                     std::integral_constant where the kernel
//                                     has few shifts, so that each stage's
//                                     loop is compiled for its shift
//   Radix4NoTwiddle(p, span, shift)   in place on p[0], p[span], ... p[3 span]
//   Radix4(p, span, w, shift)         the same with twiddles w[0..2]
//   SplitEnds(z, half)                bins 0 and half from z[0]
//   Split(lo, hi, post_twiddle)       bins k and half - k from z[k], z[half - k]
//
// Run returns the sum of all stages' shifts.
//
// Internal to the FFT implementation.
#pragma once

#include <cstdint>

#include "micro/dsp/rfft_plan.h"

namespace mote::dsp::rfft_core {

template <typename Kernel>
int Run(Kernel kernel, const RfftPlan<typename Kernel::Cpx>& plan, const typename Kernel::Sample* in,
        typename Kernel::Cpx* out) {
  using Cpx = typename Kernel::Cpx;
  const uint32_t half = plan.length / 2;

  // The complex input z[j] = in[2j] + i*in[2j+1] is read in bit-reversed
  // order by the first stage itself, so there is no separate permutation
  // pass. A group of that stage reads z[r + m*half/radix] for m < radix.
  uint32_t span;
  int shifts;
  if (plan.log2_half & 1u) {
    const uint32_t stride = half / 2;
    shifts = kernel.FirstShift(in, plan.length, 2);
    for (uint32_t i = 0; i < stride; ++i) {
      const uint32_t r = plan.bit_reverse[i];
      kernel.FirstRadix2(in + 2 * r, in + 2 * (r + stride), out + 2 * i, shifts);
    }
    span = 2;
  } else {
    const uint32_t stride = half / 4;
    shifts = kernel.FirstShift(in, plan.length, 4);
    for (uint32_t i = 0; i < stride; ++i) {
      const typename Kernel::Sample* u = in + 2 * plan.bit_reverse[i];
      kernel.FirstRadix4(u, u + 2 * stride, u + 4 * stride, u + 6 * stride, out + 4 * i, shifts);
    }
    span = 4;
  }

  // Radix-4 decimation in time. In bit-reversed order the four blocks of a
  // group hold the sub-spectra of residues 0, 2, 1, 3 (mod 4); the kernels
  // account for that order.
  const Cpx* twiddles = plan.stage_twiddles;
  for (; span < half; span *= 4) {
    const int shift = kernel.StageShift(out, half, 4 * span == half);
    kernel.WithShift(shift, [&](auto stage_shift) {
      for (uint32_t group = 0; group < half; group += 4 * span) {
        Cpx* p = out + group;
        kernel.Radix4NoTwiddle(p, span, stage_shift);
        const Cpx* w = twiddles + 3;
        for (Cpx *q = p + 1, *end = p + span; q < end; ++q, w += 3) kernel.Radix4(q, span, w, stage_shift);
      }
    });
    twiddles += 3 * span;
    shifts += shift;
  }

  kernel.SplitEnds(out, half);
  for (uint32_t k = 1; k <= half / 2; ++k) kernel.Split(out + k, out + half - k, plan.post_twiddles[k]);
  return shifts;
}

}  // namespace mote::dsp::rfft_core
