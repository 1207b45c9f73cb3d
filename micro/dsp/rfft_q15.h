// Real-input FFT in Q15 fixed point, with the same plan layout and call
// shape as rfft_f32.h (RfftQ15ArenaBytes, InitRfftQ15, RfftQ15).
//
// Scaling: with x[n] = in[n] / 32768, the call returns an exponent e and
// out[k] / 32768 approximates
//   X[k] / N * 2^e,  X[k] = sum_n x[n] * exp(-2*pi*i*k*n/N),  k in [0, N/2],
// for inputs with |in[n]| <= 2^14 (a caller normalises a frame into that
// range once, as FramePowerSpectrumQ15 does). The first stage divides by its
// radix and the split by 2; each later radix-4 stage divides by 4, or by
// only 2 when every part of its input is below 2^13 (one cheap test per
// stage, no search for the maximum), which adds 1 to e. A butterfly that
// divides by 4 never returns a larger modulus than its largest input, so
// the packed input's bound, 2^14 * sqrt(2), holds through every stage and
// nothing can overflow; e is in [0, number of radix-4 stages after the
// first]. The arithmetic is in 16-bit lanes (q15_pairs.h: two parts per
// instruction on the Cortex-M4), products and halvings rounded toward minus
// infinity.
//
// Accuracy: the largest error of any bin's real or imaginary part against
// the exact X[k] / N * 2^e of the same int16 input is at most
//   (F + 3.6 * (T - e)) * 2^e + 5.7 * (2^e - 1) + 2.2 LSB of the output,
// F = sqrt(2) for a radix-4 first stage (log2(N/2) even), sqrt(2)/2 for a
// radix-2 one, T the number of radix-4 stages after the first: a worst case
// from the roundings' ranges (derived in docs/dsp.md, "Q15 error bound"),
// 14.4 LSB at N = 512 for e = 0 and 25 for e = 1; measured maxima are
// 1-7 LSB. tests/dsp/rfft_test.cc checks it for N = 16 to 4096 against a
// double DFT and KissFFT, and docs/dsp.md lists the measured figures.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/complex.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/rfft_plan.h"

namespace mote::dsp {

// Bytes InitRfftQ15 takes from an arena; 0 if !IsRfftLength(length).
size_t RfftQ15ArenaBytes(uint32_t length);

// As InitRfftF32, for the Q15 tables.
DspStatus InitRfftQ15(uint32_t length, Arena* arena, RfftPlanQ15* plan);

// Transforms plan.length Q15 samples `in`, each in [-2^14, 2^14], into
// plan.length / 2 + 1 Q15 bins `out` = X[k] / N * 2^e and returns e, as
// described above. `in` and `out` must not overlap. Thread-safe for
// distinct `out` buffers.
int RfftQ15(const RfftPlanQ15& plan, const int16_t* in, ComplexQ15* out);

// The largest |in[n]| RfftQ15 accepts.
inline constexpr int32_t kRfftQ15MaxInput = 16384;

}  // namespace mote::dsp
