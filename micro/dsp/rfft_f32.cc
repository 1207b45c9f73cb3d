#include "micro/dsp/rfft_f32.h"

#include "micro/dsp/rfft_core.h"
#include "micro/dsp/rfft_plan_init.h"

namespace mote::dsp {
namespace {

inline Complex Add(Complex a, Complex b) { return {a.re + b.re, a.im + b.im}; }
inline Complex Sub(Complex a, Complex b) { return {a.re - b.re, a.im - b.im}; }
inline Complex Mul(Complex a, Complex b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
inline Complex MinusI(Complex a) { return {a.im, -a.re}; }
inline Complex PlusI(Complex a) { return {-a.im, a.re}; }

// The 4-point DFT of (a0, a1, a2, a3), written to out[0], out[s], out[2s],
// out[3s].
inline void Dft4(Complex a0, Complex a1, Complex a2, Complex a3, Complex* out, uint32_t s) {
  const Complex t0 = Add(a0, a2), t1 = Sub(a0, a2), t2 = Add(a1, a3), t3 = Sub(a1, a3);
  out[0] = Add(t0, t2);
  out[s] = Add(t1, MinusI(t3));
  out[2 * s] = Sub(t0, t2);
  out[3 * s] = Add(t1, PlusI(t3));
}

struct F32Kernel {
  using Sample = float;
  using Cpx = Complex;

  static int FirstShift(const float*, uint32_t, int) { return 0; }
  static void FirstRadix2(const float* u0, const float* u1, Complex* out, int) {
    out[0] = {u0[0] + u1[0], u0[1] + u1[1]};
    out[1] = {u0[0] - u1[0], u0[1] - u1[1]};
  }
  static void FirstRadix4(const float* u0, const float* u1, const float* u2, const float* u3, Complex* out, int) {
    Dft4({u0[0], u0[1]}, {u1[0], u1[1]}, {u2[0], u2[1]}, {u3[0], u3[1]}, out, 1);
  }
  static int StageShift(const Complex*, uint32_t, bool) { return 0; }
  template <typename F>
  static void WithShift(int shift, F f) {
    f(shift);
  }
  // Residue 1's sub-spectrum sits at p[2 span], residue 2's at p[span].
  static void Radix4NoTwiddle(Complex* p, uint32_t span, int) {
    Dft4(p[0], p[2 * span], p[span], p[3 * span], p, span);
  }
  static void Radix4(Complex* p, uint32_t span, const Complex* w, int) {
    Dft4(p[0], Mul(p[2 * span], w[0]), Mul(p[span], w[1]), Mul(p[3 * span], w[2]), p, span);
  }
  static void SplitEnds(Complex* z, uint32_t half) {
    const Complex z0 = z[0];
    z[0] = {z0.re + z0.im, 0.0f};
    z[half] = {z0.re - z0.im, 0.0f};
  }
  // With a = z[k], b = conj(z[half-k]): the even samples' spectrum is
  // (a + b) / 2, the odd samples' is (a - b) / 2i, and bin k is the first
  // plus exp(-2*pi*i*k/N) times the second; bin half-k is conj of their
  // difference. The post twiddle folds in the 1 / 2i.
  static void Split(Complex* lo, Complex* hi, Complex post_twiddle) {
    const Complex a = *lo, b = {hi->re, -hi->im};
    const Complex even = {0.5f * (a.re + b.re), 0.5f * (a.im + b.im)};
    const Complex odd = Mul(Sub(a, b), post_twiddle);
    *lo = Add(even, odd);
    *hi = {even.re - odd.re, odd.im - even.im};
  }
};

}  // namespace

size_t RfftF32ArenaBytes(uint32_t length) { return RfftPlanArenaBytes<Complex>(length); }

DspStatus InitRfftF32(uint32_t length, Arena* arena, RfftPlanF32* plan) {
  const auto to_complex = [](CosSin w) { return Complex{w.cos, w.sin}; };
  return InitRfftPlan<Complex>(length, arena, to_complex, to_complex, plan);
}

void RfftF32(const RfftPlanF32& plan, const float* in, Complex* out) {
  rfft_core::Run(F32Kernel(), plan, in, out);
}

}  // namespace mote::dsp
