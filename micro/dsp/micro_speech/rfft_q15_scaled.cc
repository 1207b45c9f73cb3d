// The reference (KISS FFT) runs radix-4 decimation-in-time butterflies on
// digit-reversed input. This file runs the same butterflies, on the same
// operands, with the same twiddles and the same 16-bit operations in the same
// order, on the samples left in their natural order: each intermediate value
// only lives at another address (the digit reverse of the reference's), so
// every bit is the reference's.
//
// In natural order the four inputs of a butterfly of stage s (s = 0..3) are
// D = 4^(3 - s) elements apart, and D consecutive butterflies share their
// twiddles, so stages 0-2 take neighbouring butterflies as they lie in
// memory. Stage 3 (D = 1) takes together the four butterflies whose outputs
// are neighbours in the natural-order spectrum (transposed in registers);
// the spectrum then comes out in natural order with no reordering pass, and
// the split into the real spectrum takes neighbouring bins too.
//
// The arithmetic has two forms behind one set of operations on a Vec of
// kLanes complex int16: SseForm, four complex in an SSE2 register, on x86-64
// hosts; PairForm, one complex in a pair of micro/dsp/q15_pairs.h, elsewhere
// (the DSP instructions on the Cortex-M4 and up, portable C++ on the M0+).
// Each computes every lane exactly as the reference's scalar code does;
// tests/dsp compares the two forms.
#include "micro/dsp/micro_speech/rfft_q15_scaled.h"

#include <cstddef>
#include <cstring>

#include "micro/dsp/micro_speech/fixed_point_math.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"
#include "micro/dsp/q15_pairs.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mote::dsp::micro_speech {
namespace {

constexpr size_t kComplexLength = kFftLength / 2;  // 256 = 4^4
// The reference divides by k by multiplying with floor(32767 / k) in Q15.
constexpr int32_t kQuarterQ15 = 32767 / 4;
constexpr int32_t kHalfQ15 = 32767 / 2;
constexpr int32_t kRoundQ15 = 1 << 14;

#if defined(__SSE2__)
// Complex l of a Vec in 16-bit lanes 2l (re) and 2l + 1 (im).
struct SseForm {
  static constexpr size_t kLanes = 4;
  using Vec = __m128i;
  // A twiddle w as the two operands of PMADDWD: (re, -im) and (im, re).
  struct Twiddle {
    __m128i conjugate, swapped;
  };

  static Vec Load(const int16_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static void Store(int16_t* p, Vec q) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), q); }
  static Vec Broadcast(const int16_t* p) {
    int32_t pair;
    std::memcpy(&pair, p, sizeof pair);
    return _mm_set1_epi32(pair);
  }

  // (re, -im) with the reference's 16-bit wrap (-(-32768) is -32768).
  static Vec Conjugate(Vec q) {
    const __m128i imaginary = _mm_set1_epi32(static_cast<int32_t>(0xFFFF0000u));
    return _mm_sub_epi16(_mm_xor_si128(q, imaginary), imaginary);
  }
  static Vec SwapParts(Vec q) { return _mm_shufflehi_epi16(_mm_shufflelo_epi16(q, 0xB1), 0xB1); }
  static Twiddle Prepare(Vec w) { return {Conjugate(w), SwapParts(w)}; }

  // (a.re w.re - a.im w.im, a.re w.im + a.im w.re), each summed exactly in
  // 32 bits (no operand is -32768 twice), rounded half up and truncated to
  // 16 bits: bits 15..30 of the rounded sums.
  static Vec Multiply(Vec a, const Twiddle& w) {
    const __m128i round = _mm_set1_epi32(kRoundQ15);
    const __m128i re = _mm_add_epi32(_mm_madd_epi16(a, w.conjugate), round);
    const __m128i im = _mm_add_epi32(_mm_madd_epi16(a, w.swapped), round);
    return _mm_or_si128(_mm_srli_epi32(_mm_slli_epi32(re, 1), 16),
                        _mm_and_si128(_mm_slli_epi32(im, 1), _mm_set1_epi32(static_cast<int32_t>(0xFFFF0000u))));
  }

  // Round(x 8191 / 2^15) = floor(y + 1/2) with y = x 8191 / 2^15; PMULHW by
  // 4 * 8191 gives floor(2y), and (floor(2y) + 1) >> 1 = floor(y + 1/2).
  static Vec ScaleQuarter(Vec q) {
    const __m128i twice = _mm_mulhi_epi16(q, _mm_set1_epi16(4 * kQuarterQ15));
    return _mm_srai_epi16(_mm_add_epi16(twice, _mm_set1_epi16(1)), 1);
  }
  // 4 * 16383 does not fit PMULHW: a product with the real twiddle 16383.
  static Vec ScaleHalf(Vec q) { return Multiply(q, {_mm_set1_epi32(kHalfQ15), _mm_set1_epi32(kHalfQ15 << 16)}); }

  static Vec Add(Vec a, Vec b) { return _mm_add_epi16(a, b); }
  static Vec Sub(Vec a, Vec b) { return _mm_sub_epi16(a, b); }
  // a - i b = a + (b.im, -b.re) and a + i b.
  static Vec SubI(Vec a, Vec b) { return _mm_add_epi16(a, Conjugate(SwapParts(b))); }
  static Vec AddI(Vec a, Vec b) { return _mm_sub_epi16(a, Conjugate(SwapParts(b))); }

  // floor((a + b) / 2) = (a & b) + ((a ^ b) >> 1) and
  // floor((a - b) / 2) = ((a ^ b) >> 1) - (~a & b), exact in 16 bits.
  static Vec HalvingAdd(Vec a, Vec b) {
    return _mm_add_epi16(_mm_and_si128(a, b), _mm_srai_epi16(_mm_xor_si128(a, b), 1));
  }
  static Vec HalvingSub(Vec a, Vec b) {
    return _mm_sub_epi16(_mm_srai_epi16(_mm_xor_si128(a, b), 1), _mm_andnot_si128(a, b));
  }
  // HalvingSub((s.re, t.im), (t.re, s.im)).
  static Vec HalvingSubCrossed(Vec s, Vec t) {
    const __m128i real = _mm_set1_epi32(0xFFFF);
    const __m128i a = _mm_or_si128(_mm_and_si128(s, real), _mm_andnot_si128(real, t));
    const __m128i b = _mm_or_si128(_mm_and_si128(t, real), _mm_andnot_si128(real, s));
    return HalvingSub(a, b);
  }

  static Vec Reverse(Vec q) { return _mm_shuffle_epi32(q, 0x1B); }

  // Four butterflies stored one after another (4 complex each): q[j] gets
  // element j of each, a 4 x 4 transpose.
  static void LoadButterflies(const int16_t* rows, Vec q[4]) {
    const __m128i r0 = Load(rows), r1 = Load(rows + 8), r2 = Load(rows + 16), r3 = Load(rows + 24);
    const __m128i low01 = _mm_unpacklo_epi32(r0, r1), low23 = _mm_unpacklo_epi32(r2, r3);
    const __m128i high01 = _mm_unpackhi_epi32(r0, r1), high23 = _mm_unpackhi_epi32(r2, r3);
    q[0] = _mm_unpacklo_epi64(low01, low23);
    q[1] = _mm_unpackhi_epi64(low01, low23);
    q[2] = _mm_unpacklo_epi64(high01, high23);
    q[3] = _mm_unpackhi_epi64(high01, high23);
  }
};
#endif

// One complex per step: a pair (re low, im high) of micro/dsp/q15_pairs.h.
struct PairForm {
  using Pair = pairs::Pair;
  static constexpr size_t kLanes = 1;
  using Vec = Pair;
  using Twiddle = Pair;

  static Vec Load(const int16_t* p) { return pairs::Load(p); }
  static void Store(int16_t* p, Vec v) { pairs::Store(p, v); }
  static Vec Broadcast(const int16_t* p) { return pairs::Load(p); }
  static Twiddle Prepare(Vec w) { return w; }
  // One butterfly's four complex: q[j] gets element j.
  static void LoadButterflies(const int16_t* row, Vec q[4]) {
    q[0] = Load(row);
    q[1] = Load(row + 2);
    q[2] = Load(row + 4);
    q[3] = Load(row + 6);
  }

  // Rounded half up, truncated to 16 bits.
  static Pair Round(int32_t re, int32_t im) { return pairs::Make((re + kRoundQ15) >> 15, (im + kRoundQ15) >> 15); }
  static Vec Multiply(Vec a, Twiddle w) { return Round(pairs::MulSub(a, w), pairs::MulAddCross(a, w)); }
  template <int32_t kFactor>
  static Vec Scale(Vec a) {
    const Pair factor = pairs::Make(kFactor, kFactor);
    return pairs::Make(pairs::MulLowAdd(a, factor, kRoundQ15) >> 15, pairs::MulHighAdd(a, factor, kRoundQ15) >> 15);
  }
  static Vec ScaleQuarter(Vec a) { return Scale<kQuarterQ15>(a); }
  static Vec ScaleHalf(Vec a) { return Scale<kHalfQ15>(a); }
  static Vec Conjugate(Vec a) { return pairs::Make(pairs::Low(a), -pairs::High(a)); }

  static Vec Add(Vec a, Vec b) { return pairs::Add(a, b); }
  static Vec Sub(Vec a, Vec b) { return pairs::Sub(a, b); }
  static Vec SubI(Vec a, Vec b) { return pairs::SubI(a, b); }
  static Vec AddI(Vec a, Vec b) { return pairs::AddI(a, b); }
  static Vec HalvingAdd(Vec a, Vec b) { return pairs::HalvingAdd(a, b); }
  static Vec HalvingSubCrossed(Vec s, Vec t) { return pairs::HalvingSub(pairs::Blend(s, t), pairs::Blend(t, s)); }
  static Vec Reverse(Vec v) { return v; }
};

// The two base-4 digits of v < 16 swapped.
constexpr size_t Reverse2(size_t v) { return (v & 3) << 2 | v >> 2; }

// The FFT with form F.
template <class F>
struct ScaledFft {
  using Vec = typename F::Vec;
  using Twiddle = typename F::Twiddle;
  static constexpr size_t kLanes = F::kLanes;

  static Vec LoadAt(const int16_t* data, size_t k) { return F::Load(data + 2 * k); }
  static void StoreAt(int16_t* data, size_t k, Vec v) { F::Store(data + 2 * k, v); }

  // The twiddles exp(-2 pi i j t / 256), j = 1..3, of butterflies whose
  // exponent t is 4 r + l in lane l (l from `lane`, as the table holds
  // them), or 4 r in every lane.
  static void LaneTwiddles(size_t r, size_t lane, Twiddle w[3]) {
    const int16_t* group = &kFftTwiddlesQ15[2 * (4 * 3 * r + lane)];
    w[0] = F::Prepare(F::Load(group));
    w[1] = F::Prepare(F::Load(group + 8));
    w[2] = F::Prepare(F::Load(group + 16));
  }
  static void SharedTwiddles(size_t r, Twiddle w[3]) {
    const int16_t* group = &kFftTwiddlesQ15[2 * 4 * 3 * r];
    w[0] = F::Prepare(F::Broadcast(group));
    w[1] = F::Prepare(F::Broadcast(group + 8));
    w[2] = F::Prepare(F::Broadcast(group + 16));
  }

  // The reference's butterfly after its twiddle products, in place: a0 and
  // the products t1..t3 combined by 16-bit additions in its order.
  static void Combine(Vec q[4], Vec a0, Vec t1, Vec t2, Vec t3) {
    const Vec even_diff = F::Sub(a0, t2), even_sum = F::Add(a0, t2);
    const Vec odd_sum = F::Add(t1, t3), odd_diff = F::Sub(t1, t3);
    q[0] = F::Add(even_sum, odd_sum);
    q[2] = F::Sub(even_sum, odd_sum);
    q[1] = F::SubI(even_diff, odd_diff);
    q[3] = F::AddI(even_diff, odd_diff);
  }

  // Butterflies with twiddle exponent 0: the products with (32767, 0) give
  // back every scaled input (|x| <= 8191 after scaling, and
  // (32767 x + 2^14) >> 15 = x for -16384 < x <= 16384), so they are left out.
  static void Butterfly(Vec q[4]) {
    Combine(q, F::ScaleQuarter(q[0]), F::ScaleQuarter(q[1]), F::ScaleQuarter(q[2]), F::ScaleQuarter(q[3]));
  }
  static void Butterfly(Vec q[4], const Twiddle w[3]) {
    Combine(q, F::ScaleQuarter(q[0]), F::Multiply(F::ScaleQuarter(q[1]), w[0]),
            F::Multiply(F::ScaleQuarter(q[2]), w[1]), F::Multiply(F::ScaleQuarter(q[3]), w[2]));
  }

  // Stages 0-2: block hi holds the 4 D elements hi 4D + j D + lo (j < 4,
  // lo < D) of D butterflies whose exponent is D times hi's base-4 digits
  // reversed; block 0's exponent is 0.
  template <size_t D, bool kTwiddled>
  static void Block(int16_t* block, const Twiddle* w) {
    for (size_t lo = 0; lo < D; lo += kLanes) {
      Vec q[4] = {LoadAt(block, lo), LoadAt(block, D + lo), LoadAt(block, 2 * D + lo), LoadAt(block, 3 * D + lo)};
      if constexpr (kTwiddled) {
        Butterfly(q, w);
      } else {
        Butterfly(q);
      }
      StoreAt(block, lo, q[0]);
      StoreAt(block, D + lo, q[1]);
      StoreAt(block, 2 * D + lo, q[2]);
      StoreAt(block, 3 * D + lo, q[3]);
    }
  }
  template <size_t D>
  static void Stage(int16_t* data) {
    constexpr size_t kBlocks = kComplexLength / (4 * D);
    Block<D, false>(data, nullptr);
    for (size_t hi = 1; hi < kBlocks; ++hi) {
      const size_t reversed_hi = kBlocks == 16 ? Reverse2(hi) : hi;  // 1 or 4 blocks: one digit at most
      Twiddle w[3];
      SharedTwiddles(reversed_hi * D / 4, w);
      Block<D, true>(data + 2 * 4 * D * hi, w);
    }
  }

  // Stage 3 (D = 1) on column v, the butterflies hi = v + 16 l (l < 4) on
  // elements 4 hi .. 4 hi + 3, copied to `column` (4 rows of 4 complex):
  // butterfly l has exponent 4 r + l with r = Reverse2(v), and its output j
  // is bin 64 j + 4 r + l. So column v's outputs fill column r, four
  // consecutive bins per j.
  static void CopyColumn(const int16_t* data, size_t v, int16_t* column) {
    for (size_t l = 0; l < 4; ++l) std::memcpy(column + 8 * l, data + 2 * (4 * v + 64 * l), 8 * sizeof(int16_t));
  }
  static void ColumnButterflies(const int16_t* column, size_t r, int16_t* data) {
    for (size_t l = 0; l < 4; l += kLanes) {
      Vec q[4];
      Twiddle w[3];
      F::LoadButterflies(column + 8 * l, q);
      LaneTwiddles(r, l, w);
      Butterfly(q, w);
      StoreAt(data, 4 * r + l, q[0]);
      StoreAt(data, 64 + 4 * r + l, q[1]);
      StoreAt(data, 128 + 4 * r + l, q[2]);
      StoreAt(data, 192 + 4 * r + l, q[3]);
    }
  }
  // Columns v and Reverse2(v) trade places: both are copied out first.
  static void LastStage(int16_t* data) {
    for (size_t v = 0; v < 16; ++v) {
      const size_t r = Reverse2(v);
      if (r < v) continue;
      int16_t columns[2][32];
      CopyColumn(data, v, columns[0]);
      if (r != v) CopyColumn(data, r, columns[1]);
      ColumnButterflies(columns[0], r, data);
      if (r != v) ColumnButterflies(columns[1], v, data);
    }
  }

  // Turns the FFT Z of z[n] = x[2n] + i x[2n+1] into bins 0..N of the real
  // FFT of x: X[k] = (Z[k] + conj(Z[N-k])) / 2 + W^k (Z[k] - conj(Z[N-k])) / 2i,
  // computed for k and N - k together in place, each half scaled as the
  // reference does, kLanes values of k at a time.
  static void SplitRealSpectrum(int16_t* data) {
    constexpr size_t n = kComplexLength;
    const int32_t dc_re = RoundQ15(data[0] * kHalfQ15), dc_im = RoundQ15(data[1] * kHalfQ15);
    data[0] = static_cast<int16_t>(dc_re + dc_im);
    data[1] = 0;
    data[2 * n] = static_cast<int16_t>(dc_re - dc_im);
    data[2 * n + 1] = 0;
    for (size_t k = 1; k <= n / 2; k += kLanes) {
      // Lane l: bins k + l and n - k - l.
      const size_t mirror = n - k - (kLanes - 1);
      const Vec fpk = F::ScaleHalf(LoadAt(data, k));
      const Vec fpnk = F::ScaleHalf(F::Conjugate(F::Reverse(LoadAt(data, mirror))));
      const Vec sum = F::Add(fpk, fpnk);
      const Vec tw = F::Multiply(F::Sub(fpk, fpnk), F::Prepare(F::Load(&kSplitTwiddlesQ15[2 * (k - 1)])));
      // Halving in 17 bits, rounding toward minus infinity. Bin n/2 is both
      // k + l and n - k - l in the last step; the second store stands, as
      // in the reference.
      StoreAt(data, k, F::HalvingAdd(sum, tw));
      StoreAt(data, mirror, F::Reverse(F::HalvingSubCrossed(sum, tw)));
    }
  }

  static void Run(int16_t* data) {
    Stage<64>(data);
    Stage<16>(data);
    Stage<4>(data);
    LastStage(data);
    SplitRealSpectrum(data);
  }
};

}  // namespace

void RfftQ15Scaled512(int16_t* data) {
#if defined(__SSE2__)
  ScaledFft<SseForm>::Run(data);
#else
  ScaledFft<PairForm>::Run(data);
#endif
}

void RfftQ15Scaled512Pairs(int16_t* data) { ScaledFft<PairForm>::Run(data); }

}  // namespace mote::dsp::micro_speech
