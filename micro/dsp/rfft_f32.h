// Real-input FFT in single precision.
//
//   RfftPlanF32 plan;
//   Arena arena(memory, RfftF32ArenaBytes(512) + kArenaAlign - 1);
//   if (InitRfftF32(512, &arena, &plan) != DspStatus::kOk) ...
//   RfftF32(plan, samples /* 512 floats */, bins /* 257 Complex */);
//
// Output convention (the same as KissFFT's kiss_fftr and numpy.fft.rfft):
// bins[k] = sum_n in[n] * exp(-2*pi*i*k*n/N) for k in [0, N/2], unscaled.
// Bins 0 and N/2 have a zero imaginary part.
//
// Accuracy: the largest error over all bins, divided by the largest bin
// magnitude, is below 1e-6 for N up to 4096 against a double-precision DFT
// (tests/dsp/rfft_test.cc measures it; docs/dsp.md lists the figures).
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/complex.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/rfft_plan.h"

namespace mote::dsp {

// Bytes InitRfftF32 takes from an arena for a transform of `length` points;
// 0 if !IsRfftLength(length).
size_t RfftF32ArenaBytes(uint32_t length);

// Builds the tables for `length`-point transforms in `arena` and points
// *plan at them. Returns kBadFftLength if !IsRfftLength(length), and
// kBufferTooSmall (taking nothing) if the arena has less than
// RfftF32ArenaBytes(length) bytes left.
DspStatus InitRfftF32(uint32_t length, Arena* arena, RfftPlanF32* plan);

// Transforms plan.length samples `in` into plan.length / 2 + 1 bins `out`.
// `in` and `out` must not overlap. Thread-safe for distinct `out` buffers.
void RfftF32(const RfftPlanF32& plan, const float* in, Complex* out);

}  // namespace mote::dsp
