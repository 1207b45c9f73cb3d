#include "micro/dsp/rfft_q15.h"

#include "micro/dsp/q15.h"
#include "micro/dsp/rfft_core.h"
#include "micro/dsp/rfft_plan_init.h"

namespace mote::dsp {
namespace {

using pairs::Pair;

// In a radix-4 stage with twiddles, values are kept in int32 at 2^28 per
// unit (a Q15 value times 2^13; a Q15 x Q15 product, 2^30, shifted right by
// 2). A butterfly's output is below 4 * sqrt(2) in those units, well inside
// int32, and one rounding shift by 13 + s yields Q15 divided by 2^s.
//
// Every output of a 4-point DFT adds its first input with coefficient +1,
// so the rounding constant of the final shift is added to that input once
// instead of to each of the eight results. Complex values are loaded and
// stored as (re, im) pairs (q15_pairs.h): one word, and one DSP
// instruction per complex product part on the Cortex-M4.
struct Wide {
  int32_t re;
  int32_t im;
};

// a * 2^13 + round.
inline Wide WidenRounded(Pair a, int32_t round) {
  return {pairs::Low(a) * 8192 + round, pairs::High(a) * 8192 + round};
}

inline Wide Raw(Pair a) { return {pairs::Low(a), pairs::High(a)}; }
inline Wide RawRounded(Pair a, int32_t round) { return {pairs::Low(a) + round, pairs::High(a) + round}; }

// (a * w) / 4 at 2^28 per unit: re = a.re w.re - a.im w.im, im = a.re w.im + a.im w.re.
inline Wide MulQuarter(Pair a, Pair w) { return {pairs::MulSub(a, w) >> 2, pairs::MulAddCross(a, w) >> 2}; }

// 2^(shift - 1), the constant that makes >> shift round to nearest; 0 for shift 0.
inline int32_t RoundingConstant(int shift) { return shift > 0 ? int32_t{1} << (shift - 1) : 0; }

// The 4-point DFT of (a0, a1, a2, a3), shifted right by `shift` (a0 carries
// the rounding constant), then left by `left` (only in the first stage of
// RfftQ15Shifted), and truncated to int16, written to out[0], out[s],
// out[2s], out[3s].
inline void Dft4(Wide a0, Wide a1, Wide a2, Wide a3, ComplexQ15* out, uint32_t s, int shift, int left = 0) {
  const Wide t0 = {a0.re + a2.re, a0.im + a2.im}, t1 = {a0.re - a2.re, a0.im - a2.im};
  const Wide t2 = {a1.re + a3.re, a1.im + a3.im}, t3 = {a1.re - a3.re, a1.im - a3.im};
  const auto part = [shift, left](int32_t v) { return (v >> shift) * (1 << left); };
  pairs::Store(out, pairs::Make(part(t0.re + t2.re), part(t0.im + t2.im)));
  pairs::Store(out + s, pairs::Make(part(t1.re + t3.im), part(t1.im - t3.re)));  // t1 - i*t3
  pairs::Store(out + 2 * s, pairs::Make(part(t0.re - t2.re), part(t0.im - t2.im)));
  pairs::Store(out + 3 * s, pairs::Make(part(t1.re - t3.im), part(t1.im + t3.re)));  // t1 + i*t3
}

// The largest |part| of `count` complex values.
int32_t LargestPart(const ComplexQ15* z, uint32_t count) { return LargestMagnitudeOfInt16s(z, 2 * count); }

// The smallest shift s <= max_shift with radix * sqrt(2) * largest / 2^s <=
// limit; sqrt(2) is taken as 11586 / 8192, rounded up.
int ShiftFor(int32_t largest, int radix, int32_t limit, int max_shift) {
  int shift = 0;
  while (shift < max_shift && int64_t{largest} * radix * 11586 > (int64_t{limit} << shift) * 8192) ++shift;
  return shift;
}

// The kernel transforms in[n] * 2^in_shift, where max |in[n]| = in_largest
// (RfftQ15Shifted); RfftQ15 has in_shift 0. The first stage's shift s is
// chosen for the shifted input, and its butterflies, which read the
// unshifted one, apply s - in_shift instead: to the right with rounding
// when positive, to the left when negative; both give exactly the bits of
// shifting the input first (no bit of the shifted input is below 2^in_shift).
// After a block normalisation the net shift is to the right (the first
// stage divides by 8, the normalisation left at most a bit or two of
// headroom), so the left shift has a branch of its own.
class Q15Kernel {
 public:
  using Sample = int16_t;
  using Cpx = ComplexQ15;

  Q15Kernel(int in_shift, int32_t in_largest) : in_shift_(in_shift), in_largest_(in_largest) {}

  // The smallest first-stage shift that cannot overflow: a radix-r
  // butterfly's outputs are below r * sqrt(2) * M / 2^s for input parts at
  // most M. Sets the first stage's net shift.
  int FirstShift(const int16_t*, uint32_t, int radix) {
    const int shift = ShiftFor(in_largest_ * (1 << in_shift_), radix, 32767, radix == 4 ? 3 : 2);
    right_ = shift > in_shift_ ? shift - in_shift_ : 0;
    left_ = shift < in_shift_ ? in_shift_ - shift : 0;
    round_ = RoundingConstant(right_);
    return shift;
  }
  void FirstRadix2(const int16_t* u0, const int16_t* u1, ComplexQ15* out, int) const {
    const Wide a = RawRounded(pairs::Load(u0), round_), b = Raw(pairs::Load(u1));
    const auto part = [this](int32_t v) { return (v >> right_) * (1 << left_); };
    pairs::Store(out, pairs::Make(part(a.re + b.re), part(a.im + b.im)));
    pairs::Store(out + 1, pairs::Make(part(a.re - b.re), part(a.im - b.im)));
  }
  void FirstRadix4(const int16_t* u0, const int16_t* u1, const int16_t* u2, const int16_t* u3, ComplexQ15* out,
                   int) const {
    const Wide a0 = RawRounded(pairs::Load(u0), round_), a1 = Raw(pairs::Load(u1)), a2 = Raw(pairs::Load(u2)),
               a3 = Raw(pairs::Load(u3));
    if (left_ == 0) {
      Dft4(a0, a1, a2, a3, out, 1, right_);
    } else {
      Dft4(a0, a1, a2, a3, out, 1, right_, left_);
    }
  }
  // Block floating point for the radix-4 stages, as FirstShift; the last
  // stage must also leave the split room to double its inputs (parts at
  // most 32767 / (2 * sqrt(2))).
  static int StageShift(const ComplexQ15* z, uint32_t half, bool last) {
    return ShiftFor(LargestPart(z, half), 4, last ? 11585 : 32767, 4);
  }
  static void Radix4NoTwiddle(ComplexQ15* p, uint32_t span, int shift) {
    Dft4(RawRounded(pairs::Load(p), RoundingConstant(shift)), Raw(pairs::Load(p + 2 * span)),
         Raw(pairs::Load(p + span)), Raw(pairs::Load(p + 3 * span)), p, span, shift);
  }
  static void Radix4(ComplexQ15* p, uint32_t span, const ComplexQ15* w, int shift) {
    Dft4(WidenRounded(pairs::Load(p), RoundingConstant(13 + shift)),
         MulQuarter(pairs::Load(p + 2 * span), pairs::Load(w)), MulQuarter(pairs::Load(p + span), pairs::Load(w + 1)),
         MulQuarter(pairs::Load(p + 3 * span), pairs::Load(w + 2)), p, span, 13 + shift);
  }
  static void SplitEnds(ComplexQ15* z, uint32_t half) {
    const ComplexQ15 z0 = z[0];
    z[0] = {SaturateQ15(z0.re + z0.im), 0};
    z[half] = {SaturateQ15(z0.re - z0.im), 0};
  }
  // As the float kernel's Split. Here the sum a + b is twice the even
  // spectrum; at a scale of 2^30 it is (a + b) * 2^14, and the odd part is
  // (a - b) times the Q15 post twiddle (|w| = 1/2). With parts of a and b
  // below 11585 (StageShift's last-stage limit) both stay below 2^30, the
  // difference d fits int16, and the bins fit int16 before the final
  // rounding shift by 15 (whose constant, 2^14, is added to the sum and to
  // the odd part's imaginary half, each of which every result takes once).
  static void Split(ComplexQ15* lo, ComplexQ15* hi, ComplexQ15 w) {
    const Pair a = pairs::Load(lo), b = pairs::Load(hi);
    const int32_t sum_re = (pairs::Low(a) + pairs::Low(b)) * 16384 + 16384;
    const int32_t sum_im = (pairs::High(a) - pairs::High(b)) * 16384;
    const Pair d = pairs::Make(pairs::Low(a) - pairs::Low(b), pairs::High(a) + pairs::High(b));
    const Pair wp = pairs::Load(&w);
    const int32_t odd_re = pairs::MulSub(d, wp), odd_im = pairs::MulAddCross(d, wp) + 16384;
    pairs::Store(lo, pairs::Make(SaturateQ15((sum_re + odd_re) >> 15), SaturateQ15((sum_im + odd_im) >> 15)));
    pairs::Store(hi, pairs::Make(SaturateQ15((sum_re - odd_re) >> 15), SaturateQ15((odd_im - sum_im) >> 15)));
  }

 private:
  int in_shift_;
  int32_t in_largest_;
  // The first stage's net shift s - in_shift as a right part (with its
  // rounding constant) and a left part; one of them is 0.
  int right_ = 0;
  int left_ = 0;
  int32_t round_ = 0;
};

}  // namespace

size_t RfftQ15ArenaBytes(uint32_t length) { return RfftPlanArenaBytes<ComplexQ15>(length); }

DspStatus InitRfftQ15(uint32_t length, Arena* arena, RfftPlanQ15* plan) {
  return InitRfftPlan<ComplexQ15>(length, arena, [](CosSin w) { return ComplexQ15{FloatToQ15(w.cos), FloatToQ15(w.sin)}; }, plan);
}

int RfftQ15(const RfftPlanQ15& plan, const int16_t* in, ComplexQ15* out) {
  return RfftQ15Shifted(plan, in, 0, LargestMagnitude(in, plan.length), out);
}

int RfftQ15Shifted(const RfftPlanQ15& plan, const int16_t* in, int in_shift, int32_t in_largest, ComplexQ15* out) {
  // out = X / 2^shifts = X / N * 2^(log2(N) - shifts).
  return static_cast<int>(plan.log2_half + 1) - rfft_core::Run(Q15Kernel(in_shift, in_largest), plan, in, out);
}

}  // namespace mote::dsp
