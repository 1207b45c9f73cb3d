#include "micro/dsp/rfft_q15.h"

#include "micro/dsp/q15.h"
#include "micro/dsp/rfft_core.h"
#include "micro/dsp/rfft_tables.h"

namespace mote::dsp {
namespace {

// In a radix-4 stage with twiddles, values are kept in int32 at 2^28 per
// unit (a Q15 value times 2^13; a Q15 x Q15 product, 2^30, shifted right by
// 2). A butterfly's output is below 4 * sqrt(2) in those units, well inside
// int32, and one rounding shift by 13 + s yields Q15 divided by 2^s.
struct Wide {
  int32_t re;
  int32_t im;
};

inline Wide Widen(ComplexQ15 a) { return {a.re * 8192, a.im * 8192}; }  // * 2^13

inline Wide MulQuarter(ComplexQ15 a, ComplexQ15 w) {
  return {(a.re * w.re - a.im * w.im) >> 2, (a.re * w.im + a.im * w.re) >> 2};
}

inline int16_t ShiftToQ15(int32_t v, int shift) {
  return static_cast<int16_t>(shift > 0 ? RoundingShiftRight(v, shift) : v);
}

inline ComplexQ15 Narrow(int32_t re, int32_t im, int shift) { return {ShiftToQ15(re, shift), ShiftToQ15(im, shift)}; }

// The 4-point DFT of (a0, a1, a2, a3), divided by 2^shift with rounding,
// written to out[0], out[s], out[2s], out[3s].
inline void Dft4(Wide a0, Wide a1, Wide a2, Wide a3, ComplexQ15* out, uint32_t s, int shift) {
  const Wide t0 = {a0.re + a2.re, a0.im + a2.im}, t1 = {a0.re - a2.re, a0.im - a2.im};
  const Wide t2 = {a1.re + a3.re, a1.im + a3.im}, t3 = {a1.re - a3.re, a1.im - a3.im};
  out[0] = Narrow(t0.re + t2.re, t0.im + t2.im, shift);
  out[s] = Narrow(t1.re + t3.im, t1.im - t3.re, shift);  // t1 - i*t3
  out[2 * s] = Narrow(t0.re - t2.re, t0.im - t2.im, shift);
  out[3 * s] = Narrow(t1.re - t3.im, t1.im + t3.re, shift);  // t1 + i*t3
}

inline Wide Raw(const int16_t* u) { return {u[0], u[1]}; }

// The largest |part| of `count` complex values.
int32_t LargestPart(const ComplexQ15* z, uint32_t count) {
  int32_t largest = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const int16_t parts[2] = {z[i].re, z[i].im};
    const int32_t m = LargestMagnitude(parts, 2);
    largest = m > largest ? m : largest;
  }
  return largest;
}

// The smallest shift s <= max_shift with radix * sqrt(2) * largest / 2^s <=
// limit; sqrt(2) is taken as 11586 / 8192, rounded up.
int ShiftFor(int32_t largest, int radix, int32_t limit, int max_shift) {
  int shift = 0;
  while (shift < max_shift && int64_t{largest} * radix * 11586 > (int64_t{limit} << shift) * 8192) ++shift;
  return shift;
}
inline Wide Raw(ComplexQ15 a) { return {a.re, a.im}; }

struct Q15Kernel {
  using Sample = int16_t;
  using Cpx = ComplexQ15;

  // The smallest first-stage shift that cannot overflow: a radix-r
  // butterfly's outputs are below r * sqrt(2) * M / 2^s for input parts at
  // most M.
  static int FirstShift(const int16_t* in, uint32_t length, int radix) {
    return ShiftFor(LargestMagnitude(in, length), radix, 32767, radix == 4 ? 3 : 2);
  }
  static void FirstRadix2(const int16_t* u0, const int16_t* u1, ComplexQ15* out, int shift) {
    out[0] = Narrow(u0[0] + u1[0], u0[1] + u1[1], shift);
    out[1] = Narrow(u0[0] - u1[0], u0[1] - u1[1], shift);
  }
  static void FirstRadix4(const int16_t* u0, const int16_t* u1, const int16_t* u2, const int16_t* u3,
                          ComplexQ15* out, int shift) {
    Dft4(Raw(u0), Raw(u1), Raw(u2), Raw(u3), out, 1, shift);
  }
  // Block floating point for the radix-4 stages, as FirstShift; the last
  // stage must also leave the split room to double its inputs (parts at
  // most 32767 / (2 * sqrt(2))).
  static int StageShift(const ComplexQ15* z, uint32_t half, bool last) {
    return ShiftFor(LargestPart(z, half), 4, last ? 11585 : 32767, 4);
  }
  static void Radix4NoTwiddle(ComplexQ15* p, uint32_t span, int shift) {
    Dft4(Raw(p[0]), Raw(p[2 * span]), Raw(p[span]), Raw(p[3 * span]), p, span, shift);
  }
  static void Radix4(ComplexQ15* p, uint32_t span, const ComplexQ15* w, int shift) {
    Dft4(Widen(p[0]), MulQuarter(p[2 * span], w[0]), MulQuarter(p[span], w[1]), MulQuarter(p[3 * span], w[2]),
         p, span, 13 + shift);
  }
  static void SplitEnds(ComplexQ15* z, uint32_t half) {
    const ComplexQ15 z0 = z[0];
    z[0] = {SaturateQ15(z0.re + z0.im), 0};
    z[half] = {SaturateQ15(z0.re - z0.im), 0};
  }
  // As the float kernel's Split. Here the sum a + b is twice the even
  // spectrum; at a scale of 2^30 it is (a + b) * 2^14, and the odd part is
  // (a - b) times the Q15 post twiddle (|w| = 1/2). With parts of a and b
  // below 11585 (StageShift's last-stage limit) both stay below 2^30 and
  // the bins within int16 before the final rounding shift by 15.
  static void Split(ComplexQ15* lo, ComplexQ15* hi, ComplexQ15 w) {
    const int32_t sum_re = (lo->re + hi->re) * 16384, sum_im = (lo->im - hi->im) * 16384;
    const int32_t d_re = lo->re - hi->re, d_im = lo->im + hi->im;
    const int32_t odd_re = d_re * w.re - d_im * w.im, odd_im = d_re * w.im + d_im * w.re;
    *lo = {SaturateQ15(RoundingShiftRight(sum_re + odd_re, 15)), SaturateQ15(RoundingShiftRight(sum_im + odd_im, 15))};
    *hi = {SaturateQ15(RoundingShiftRight(sum_re - odd_re, 15)), SaturateQ15(RoundingShiftRight(odd_im - sum_im, 15))};
  }
};

}  // namespace

size_t RfftQ15ArenaBytes(uint32_t length) {
  if (!IsRfftLength(length)) return 0;
  return ArenaBytes<ComplexQ15>(rfft_tables::StageTwiddleCount(length)) +
         ArenaBytes<ComplexQ15>(rfft_tables::PostTwiddleCount(length)) +
         ArenaBytes<uint16_t>(rfft_tables::BitReverseCount(length));
}

DspStatus InitRfftQ15(uint32_t length, Arena* arena, RfftPlanQ15* plan) {
  if (!IsRfftLength(length)) return DspStatus::kBadFftLength;
  if (arena->bytes_left() < RfftQ15ArenaBytes(length)) return DspStatus::kBufferTooSmall;
  ComplexQ15* stage = arena->Allocate<ComplexQ15>(rfft_tables::StageTwiddleCount(length));
  ComplexQ15* post = arena->Allocate<ComplexQ15>(rfft_tables::PostTwiddleCount(length));
  uint16_t* bit_reverse = arena->Allocate<uint16_t>(rfft_tables::BitReverseCount(length));
  const auto to_q15 = [](CosSin w) { return ComplexQ15{FloatToQ15(w.cos), FloatToQ15(w.sin)}; };
  rfft_tables::ForEachStageTwiddle(length, [stage, to_q15](uint32_t i, CosSin w) { stage[i] = to_q15(w); });
  rfft_tables::ForEachPostTwiddle(length, [post, to_q15](uint32_t i, CosSin w) { post[i] = to_q15(w); });
  rfft_tables::FillBitReverse(length, bit_reverse);
  plan->length = length;
  plan->log2_half = rfft_tables::Log2(length / 2);
  plan->stage_twiddles = stage;
  plan->post_twiddles = post;
  plan->bit_reverse = bit_reverse;
  return DspStatus::kOk;
}

int RfftQ15(const RfftPlanQ15& plan, const int16_t* in, ComplexQ15* out) {
  // out = X / 2^shifts = X / N * 2^(log2(N) - shifts).
  return static_cast<int>(plan.log2_half + 1) - rfft_core::Run<Q15Kernel>(plan, in, out);
}

}  // namespace mote::dsp
