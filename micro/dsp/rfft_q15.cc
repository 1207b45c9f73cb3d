#include "micro/dsp/rfft_q15.h"

#include <type_traits>

#include "micro/dsp/q15.h"
#include "micro/dsp/rfft_core.h"
#include "micro/dsp/rfft_plan_init.h"

namespace mote::dsp {
namespace {

using pairs::Pair;

// Complex values are loaded and stored as (re, im) pairs (q15_pairs.h), so
// that each butterfly step is one lane-wise instruction on the Cortex-M4.
//
// Bound: every stored value has modulus at most B = 2^14 * sqrt(2) (plus a
// few LSB of rounding), true of the packed input. A stage that divides by
// 4 averages its inputs turned by unit twiddles, so its outputs keep the
// bound. A stage may divide by 2 only if every part of its input is in
// [-2^13, 2^13), so that moduli are below B / 2 and the outputs below B.
// Every intermediate sum below is a modulus of at most B, far inside int16.

// The 4-point DFT of (a0, a1, a2, a3) / 2^shift (shift 2 or 1) from
// t0 = (a0 + a2) / 2, t1 = (a0 - a2) / 2, t2 = (a1 + a3) / 2,
// t3 = (a1 - a3) / 2, written to out[0], out[s], out[2s], out[3s].
inline void Dft4FromHalves(Pair t0, Pair t1, Pair t2, Pair t3, ComplexQ15* out, uint32_t s, int shift) {
  if (shift == 2) {
    pairs::Store(out, pairs::HalvingAdd(t0, t2));
    pairs::Store(out + s, pairs::HalvingSubI(t1, t3));  // (t1 - i*t3) / 2
    pairs::Store(out + 2 * s, pairs::HalvingSub(t0, t2));
    pairs::Store(out + 3 * s, pairs::HalvingAddI(t1, t3));  // (t1 + i*t3) / 2
  } else {
    pairs::Store(out, pairs::Add(t0, t2));
    pairs::Store(out + s, pairs::SubI(t1, t3));
    pairs::Store(out + 2 * s, pairs::Sub(t0, t2));
    pairs::Store(out + 3 * s, pairs::AddI(t1, t3));
  }
}

// The 4-point DFT of (a0, a1, a2, a3) / 2^shift, no twiddles.
inline void Dft4(Pair a0, Pair a1, Pair a2, Pair a3, ComplexQ15* out, uint32_t s, int shift) {
  Dft4FromHalves(pairs::HalvingAdd(a0, a2), pairs::HalvingSub(a0, a2), pairs::HalvingAdd(a1, a3),
                 pairs::HalvingSub(a1, a3), out, s, shift);
}

// (a * w) / 2 with w in Q15, rounded to nearest: the top halves of the Q30
// products with 2^15 added (in the same multiply-accumulate instruction).
inline Pair HalfProduct(Pair a, Pair w) {
  return pairs::PackTops(pairs::MulSubAdd(a, w, 32768), pairs::MulAddCrossAdd(a, w, 32768));
}

// True if every part of the `count` values is in [-2^13, 2^13): adding 2^13
// to each lane leaves bits 14 and 15 of every lane clear. Three instructions
// per value on the Cortex-M4.
bool AllPartsBelowHalfBound(const ComplexQ15* z, uint32_t count) {
  const Pair offset = pairs::Make(8192, 8192);
  Pair any = 0;
#pragma GCC unroll 4
  for (uint32_t i = 0; i < count; ++i) any |= pairs::Add(pairs::Load(z + i), offset);
  return (any & 0xC000C000u) == 0;
}

struct Q15Kernel {
  using Sample = int16_t;
  using Cpx = ComplexQ15;

  // The packed input is within B: the first stage averages (fixed shift).
  static int FirstShift(const int16_t*, uint32_t, int radix) { return radix == 4 ? 2 : 1; }
  static void FirstRadix2(const int16_t* u0, const int16_t* u1, ComplexQ15* out, int) {
    const Pair a = pairs::Load(u0), b = pairs::Load(u1);
    pairs::Store(out, pairs::HalvingAdd(a, b));
    pairs::Store(out + 1, pairs::HalvingSub(a, b));
  }
  static void FirstRadix4(const int16_t* u0, const int16_t* u1, const int16_t* u2, const int16_t* u3,
                          ComplexQ15* out, int) {
    Dft4(pairs::Load(u0), pairs::Load(u1), pairs::Load(u2), pairs::Load(u3), out, 1, 2);
  }
  // Divide by 2 where the data allow it (see the bound above), else by 4.
  static int StageShift(const ComplexQ15* z, uint32_t half, bool) { return AllPartsBelowHalfBound(z, half) ? 1 : 2; }
  template <typename F>
  static void WithShift(int shift, F f) {
    if (shift == 2) {
      f(std::integral_constant<int, 2>());
    } else {
      f(std::integral_constant<int, 1>());
    }
  }
  // Residue 1's sub-spectrum sits at p[2 span], residue 2's at p[span].
  static void Radix4NoTwiddle(ComplexQ15* p, uint32_t span, int shift) {
    Dft4(pairs::Load(p), pairs::Load(p + 2 * span), pairs::Load(p + span), pairs::Load(p + 3 * span), p, span, shift);
  }
  // The same with twiddles: the products come halved, so a0 is halved once
  // and the pair sums need no halving of their own.
  static void Radix4(ComplexQ15* p, uint32_t span, const ComplexQ15* w, int shift) {
    const Pair h0 = pairs::HalvingAdd(pairs::Load(p), 0);
    const Pair b1 = HalfProduct(pairs::Load(p + 2 * span), pairs::Load(w));
    const Pair b2 = HalfProduct(pairs::Load(p + span), pairs::Load(w + 1));
    const Pair b3 = HalfProduct(pairs::Load(p + 3 * span), pairs::Load(w + 2));
    Dft4FromHalves(pairs::Add(h0, b2), pairs::Sub(h0, b2), pairs::Add(b1, b3), pairs::Sub(b1, b3), p, span, shift);
  }
  // X[0] and X[N/2] (re + im, re - im), halved and rounded.
  static void SplitEnds(ComplexQ15* z, uint32_t half) {
    const ComplexQ15 z0 = z[0];
    z[0] = {static_cast<int16_t>((z0.re + z0.im + 1) >> 1), 0};
    z[half] = {static_cast<int16_t>((z0.re - z0.im + 1) >> 1), 0};
  }
  // As the float kernel's Split, halved, in lanes: with a = z[k] and
  // b = z[half - k], the even spectrum is E = (a + conj b) / 2 and the odd
  // part P = w * (a - conj b) / 2 (w the doubled post twiddle, -i*W^k), so
  // bin k is (E + P) / 2 and bin half - k is conj(E - P) / 2. Moduli stay
  // within B: E and P are averages of a and b turned by unit factors.
  static void Split(ComplexQ15* lo, ComplexQ15* hi, ComplexQ15 w) {
    const Pair a = pairs::Load(lo), b = pairs::Load(hi), wp = pairs::Load(&w);
    const Pair sum = pairs::HalvingAdd(a, b), difference = pairs::HalvingSub(a, b);
    const Pair even = pairs::Blend(sum, difference);                         // E
    const Pair even_conj = pairs::Blend(sum, pairs::HalvingSub(b, a));       // conj E
    const Pair d = pairs::Blend(difference, sum);                            // (a - conj b) / 2
    // w * d rounded (2 * (x + 2^14) >> 16), and the same with its parts
    // swapped (im, re).
    const int32_t odd_re = pairs::MulSubAdd(d, wp, 16384), odd_im = pairs::MulAddCrossAdd(d, wp, 16384);
    const Pair odd = pairs::PackTops(odd_re * 2, odd_im * 2), odd_swapped = pairs::PackTops(odd_im * 2, odd_re * 2);
    pairs::Store(lo, pairs::HalvingAdd(even, odd));
    // (E.re - P.re) / 2, (P.im - E.im) / 2
    pairs::Store(hi, pairs::HalvingAddI(even_conj, odd_swapped));
  }
};

}  // namespace

size_t RfftQ15ArenaBytes(uint32_t length) { return RfftPlanArenaBytes<ComplexQ15>(length); }

DspStatus InitRfftQ15(uint32_t length, Arena* arena, RfftPlanQ15* plan) {
  // Post twiddles stored doubled (-i * exp(-2*pi*i*k/N), modulus 1; +1
  // saturates to 32767), see Split.
  return InitRfftPlan<ComplexQ15>(
      length, arena, [](CosSin w) { return ComplexQ15{FloatToQ15(w.cos), FloatToQ15(w.sin)}; },
      [](CosSin w) { return ComplexQ15{FloatToQ15(2.0f * w.cos), FloatToQ15(2.0f * w.sin)}; }, plan);
}

int RfftQ15(const RfftPlanQ15& plan, const int16_t* in, ComplexQ15* out) {
  // out = X / 2^(shifts + 1) (the split halves) = X / N * 2^(log2(N / 2) - shifts).
  return static_cast<int>(plan.log2_half) - rfft_core::Run(Q15Kernel(), plan, in, out);
}

}  // namespace mote::dsp
