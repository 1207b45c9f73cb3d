// Real-input FFT in Q15 fixed point, with the same plan layout and call
// shape as rfft_f32.h (RfftQ15ArenaBytes, InitRfftQ15, RfftQ15).
//
// Scaling: with x[n] = in[n] / 32768, out[k] / 32768 approximates
//   X[k] / N,  X[k] = sum_n x[n] * exp(-2*pi*i*k*n/N),  k in [0, N/2].
// The 1/N is applied as block scaling inside the transform: the packed
// complex input is halved, every radix-2 stage shifts right by 1 and every
// radix-4 stage by 2, each with one rounding. That keeps every intermediate
// value within sqrt(2)/2 in magnitude, so nothing can overflow for any
// input; only the final bins are saturated (|X[k] / N| <= 1 always, and
// reaches 1 only for a constant full-scale input).
//
// Accuracy: the largest error of any bin's real or imaginary part against
// the exact X[k] / N of the same int16 input is at most 2 + log2(N) / 2 LSB
// (of 2^-15); tests/dsp/rfft_test.cc checks this bound for N = 16 to 4096
// and docs/dsp.md lists the measured figures. Relative to a bin of the
// spectrum that is an absolute error: a bin far below full scale keeps
// fewer significant bits.
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

// Transforms plan.length Q15 samples `in` into plan.length / 2 + 1 Q15 bins
// `out`, scaled by 1/N as described above. `in` and `out` must not overlap.
// Thread-safe for distinct `out` buffers.
void RfftQ15(const RfftPlanQ15& plan, const int16_t* in, ComplexQ15* out);

}  // namespace mote::dsp
