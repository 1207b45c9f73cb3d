// Real-input FFT in Q15 fixed point, with the same plan layout and call
// shape as rfft_f32.h (RfftQ15ArenaBytes, InitRfftQ15, RfftQ15).
//
// Scaling (block floating point): with x[n] = in[n] / 32768, the call
// returns an exponent e and out[k] / 32768 approximates
//   X[k] / N * 2^e,  X[k] = sum_n x[n] * exp(-2*pi*i*k*n/N),  k in [0, N/2].
// The first stage halves the packed complex input and divides by its radix;
// before each radix-4 stage the largest part of the data is measured and the
// stage shifts right by just enough (0 to 4 bits, one rounding) that nothing
// can overflow, for any input. A spectrum well below full scale so keeps its
// significant bits instead of being divided by N: e is about 0 for a
// full-scale input and grows (up to log2(N), for silence) for quieter ones.
// Only the final bins are saturated, which no input reaches in practice.
//
// Accuracy: the largest error of any bin's real or imaginary part against
// the exact X[k] / N * 2^e of the same int16 input is at most
// 2 + log2(N) / 2 LSB of the output; tests/dsp/rfft_test.cc checks this for
// N = 16 to 4096, loud and quiet inputs, and docs/dsp.md lists the measured
// figures.
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
// `out` and returns their exponent e, as described above. `in` and `out`
// must not overlap. Thread-safe for distinct `out` buffers.
int RfftQ15(const RfftPlanQ15& plan, const int16_t* in, ComplexQ15* out);

// RfftQ15 of in[n] * 2^in_shift, for a caller that knows in_largest =
// max |in[n]| (as a block normalisation does) and would otherwise shift its
// buffer only for the FFT to scan it again: the same bits as RfftQ15 on the
// shifted input, without either pass. Requires in_largest * 2^in_shift <=
// 32767.
int RfftQ15Shifted(const RfftPlanQ15& plan, const int16_t* in, int in_shift, int32_t in_largest, ComplexQ15* out);

}  // namespace mote::dsp
