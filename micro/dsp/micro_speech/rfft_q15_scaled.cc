#include "micro/dsp/micro_speech/rfft_q15_scaled.h"

#include <cstddef>

#include "micro/dsp/micro_speech/fixed_point_math.h"
#include "micro/dsp/micro_speech/micro_speech_tables.h"

namespace mote::dsp::micro_speech {
namespace {

constexpr size_t kComplexLength = kFftLength / 2;  // 256 = 4^4
constexpr int kRadix4Digits = 4;
// The reference divides by k by multiplying with floor(32767 / k) in Q15.
constexpr int32_t kQuarterQ15 = 32767 / 4;
constexpr int32_t kHalfQ15 = 32767 / 2;

struct Complex16 {
  int16_t re, im;
};

Complex16 Load(const int16_t* data, size_t k) { return {data[2 * k], data[2 * k + 1]}; }

void Store(int16_t* data, size_t k, Complex16 c) {
  data[2 * k] = c.re;
  data[2 * k + 1] = c.im;
}

Complex16 Scale(Complex16 c, int32_t factor_q15) {
  return {RoundQ15(c.re * factor_q15), RoundQ15(c.im * factor_q15)};
}

// Both product sums are formed in 32 bits, then rounded once.
Complex16 Multiply(Complex16 a, const int16_t* twiddle) {
  const int32_t wr = twiddle[0], wi = twiddle[1];
  return {RoundQ15(a.re * wr - a.im * wi), RoundQ15(a.re * wi + a.im * wr)};
}

Complex16 Add(Complex16 a, Complex16 b) {
  return {static_cast<int16_t>(a.re + b.re), static_cast<int16_t>(a.im + b.im)};
}

Complex16 Sub(Complex16 a, Complex16 b) {
  return {static_cast<int16_t>(a.re - b.re), static_cast<int16_t>(a.im - b.im)};
}

size_t ReverseBase4(size_t index) {
  size_t reversed = 0;
  for (int d = 0; d < kRadix4Digits; ++d) {
    reversed = (reversed << 2) | (index & 3);
    index >>= 2;
  }
  return reversed;
}

// One decimation-in-time radix-4 butterfly over elements k, k+m, k+2m, k+3m,
// their twiddles being W^j, W^2j, W^3j for j = twiddle_index (W = e^(-2 pi i / 256)).
// The order of the 16-bit additions is the reference's; intermediate sums
// are stored as int16.
void Butterfly4(int16_t* data, size_t k, size_t m, size_t twiddle_index) {
  const Complex16 a0 = Scale(Load(data, k), kQuarterQ15);
  const Complex16 a1 = Scale(Load(data, k + m), kQuarterQ15);
  const Complex16 a2 = Scale(Load(data, k + 2 * m), kQuarterQ15);
  const Complex16 a3 = Scale(Load(data, k + 3 * m), kQuarterQ15);
  const Complex16 t1 = Multiply(a1, &kFftTwiddlesQ15[2 * twiddle_index]);
  const Complex16 t2 = Multiply(a2, &kFftTwiddlesQ15[4 * twiddle_index]);
  const Complex16 t3 = Multiply(a3, &kFftTwiddlesQ15[6 * twiddle_index]);
  const Complex16 even_diff = Sub(a0, t2);
  const Complex16 even_sum = Add(a0, t2);
  const Complex16 odd_sum = Add(t1, t3);
  const Complex16 odd_diff = Sub(t1, t3);
  Store(data, k, Add(even_sum, odd_sum));
  Store(data, k + 2 * m, Sub(even_sum, odd_sum));
  // Multiplying odd_diff by -i and by +i.
  Store(data, k + m,
        {static_cast<int16_t>(even_diff.re + odd_diff.im),
         static_cast<int16_t>(even_diff.im - odd_diff.re)});
  Store(data, k + 3 * m,
        {static_cast<int16_t>(even_diff.re - odd_diff.im),
         static_cast<int16_t>(even_diff.im + odd_diff.re)});
}

void ComplexFft256(int16_t* data) {
  for (size_t i = 0; i < kComplexLength; ++i) {
    const size_t j = ReverseBase4(i);
    if (i < j) {
      const Complex16 t = Load(data, i);
      Store(data, i, Load(data, j));
      Store(data, j, t);
    }
  }
  for (size_t m = 1; m < kComplexLength; m *= 4) {
    const size_t stride = kComplexLength / (4 * m);
    for (size_t group = 0; group < kComplexLength; group += 4 * m) {
      for (size_t k = 0; k < m; ++k) Butterfly4(data, group + k, m, k * stride);
    }
  }
}

// Turns the FFT Z of z[n] = x[2n] + i x[2n+1] into bins 0..N of the real
// FFT of x: X[k] = (Z[k] + conj(Z[N-k])) / 2 + W^k (Z[k] - conj(Z[N-k])) / 2i,
// computed pairwise (k, N-k) in place, each half scaled as the reference does.
void SplitRealSpectrum(int16_t* data) {
  constexpr size_t n = kComplexLength;
  const Complex16 dc = Scale(Load(data, 0), kHalfQ15);
  Store(data, 0, {static_cast<int16_t>(dc.re + dc.im), 0});
  Store(data, n, {static_cast<int16_t>(dc.re - dc.im), 0});
  for (size_t k = 1; k <= n / 2; ++k) {
    const Complex16 zk = Load(data, k);
    const Complex16 znk = Load(data, n - k);
    const Complex16 fpk = Scale(zk, kHalfQ15);
    const Complex16 fpnk = Scale({znk.re, static_cast<int16_t>(-znk.im)}, kHalfQ15);
    const Complex16 sum = Add(fpk, fpnk);
    const Complex16 diff = Sub(fpk, fpnk);
    const Complex16 tw = Multiply(diff, &kSplitTwiddlesQ15[2 * (k - 1)]);
    // Halving in 32 bits, rounding toward minus infinity. For k = n/2 both
    // stores hit the same bin and the second one stands, as in the reference.
    Store(
        data, k,
        {static_cast<int16_t>((sum.re + tw.re) >> 1), static_cast<int16_t>((sum.im + tw.im) >> 1)});
    Store(
        data, n - k,
        {static_cast<int16_t>((sum.re - tw.re) >> 1), static_cast<int16_t>((tw.im - sum.im) >> 1)});
  }
}

}  // namespace

void RfftQ15Scaled512(int16_t* data) {
  ComplexFft256(data);
  SplitRealSpectrum(data);
}

}  // namespace mote::dsp::micro_speech
