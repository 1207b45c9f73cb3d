// A 512-point real FFT on int16 data with a scale-down at every stage,
// bit-exact with the int16 real FFT that TFLM's SignalRfft op runs (KISS FFT
// built with FIXED_POINT=16): a 256-point complex radix-4 FFT of the samples
// taken in (even, odd) pairs, then a split into the 257 bins of the real
// spectrum.
//
// Scaling: each radix-4 stage multiplies its inputs by 8191 / 32768 (not
// exactly 1/4) and the split by 16383 / 32768, so the output is
// DFT(x) * (8191 / 32768)^4 * (16383 / 32768), about DFT(x) / 512, plus
// rounding: no stage can overflow. Products are rounded half up to 16 bits.
//
// This FFT exists for bit-exactness with the micro_speech reference; the
// general Q15 FFT of micro/dsp may later replace it if it is made to
// reproduce this arithmetic.
#pragma once

#include <cstdint>

namespace mote::dsp::micro_speech {

// In place. On entry data[0..512) holds the real signal (pad with zeros);
// data[512..514) is scratch. On return data holds bins 0..256 as
// (real, imaginary) pairs: data[2k] + i data[2k + 1] ~ sum_n x[n] e^(-2 pi i k n / 512) / 512.
// No allocation; stack use is under 300 bytes on the Cortex-M4 (128 of them
// two columns of the last stage).
void RfftQ15Scaled512(int16_t* data);

// The same FFT with the pair form of its arithmetic (one complex per step
// in a pair of micro/dsp/q15_pairs.h), which RfftQ15Scaled512 is on targets
// without SSE2; the same results. For the tests, which compare the two
// forms on the host. Both functions are thread-safe (no state).
void RfftQ15Scaled512Pairs(int16_t* data);

}  // namespace mote::dsp::micro_speech
