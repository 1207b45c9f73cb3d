// The mel filterbank of mel_filterbank.h (same filters, same bins) with
// weights in fixed point for the Q15 blocks.
//
// Weights are stored as uint16 mantissas with one exponent for the whole
// bank: weight = mantissa * 2^weight_exponent, the exponent chosen so that
// the largest weight has a mantissa in [2^14, 2^15). Slaney-normalised banks,
// whose weights are far below 1, keep their 15 bits that way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/mel_filterbank.h"

namespace mote::dsp {

struct MelFilterbankQ15 {
  uint16_t num_filters = 0;
  int32_t weight_exponent = 0;
  const uint16_t* first_bin = nullptr;  // [num_filters]
  const uint16_t* bin_count = nullptr;  // [num_filters]
  const uint16_t* weights = nullptr;    // mantissas, filter 0's first
};

// Bytes InitMelFilterbankQ15 takes from an arena. Requires a valid params.
size_t MelFilterbankQ15ArenaBytes(const MelParams& params, uint32_t fft_length);

// As InitMelFilterbank (validation, kBufferTooSmall taking nothing).
DspStatus InitMelFilterbankQ15(const MelParams& params, uint32_t fft_length, Arena* arena, MelFilterbankQ15* bank);

// Calls visit(m, energy) for each filter m, where energy is the exact sum
// over the filter's bins of mantissa * power[k]; the filter's energy is
// energy * 2^(weight_exponent + power exponent). `power` has the
// fft_length / 2 + 1 bins the bank was built for; with powers below 2^31 and
// at most 2049 bins the sum fits 64 bits.
template <typename Visit>
void ForEachMelEnergyQ15(const MelFilterbankQ15& bank, const uint32_t* power, Visit visit) {
  const uint16_t* w = bank.weights;
  for (uint32_t m = 0; m < bank.num_filters; ++m) {
    const uint32_t* p = power + bank.first_bin[m];
    uint64_t sum = 0;
#pragma GCC unroll 4
    for (uint32_t i = 0; i < bank.bin_count[m]; ++i) sum += uint64_t{w[i]} * p[i];
    w += bank.bin_count[m];
    visit(m, sum);
  }
}

}  // namespace mote::dsp
