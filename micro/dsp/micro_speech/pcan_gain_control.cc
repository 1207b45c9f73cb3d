#include "micro/dsp/micro_speech/pcan_gain_control.h"

#include "micro/dsp/micro_speech/fixed_point_math.h"

namespace mote::dsp::micro_speech {
namespace {

constexpr int kSnrBits = 12;    // fractional bits of the gain-adjusted signal
constexpr int kOutputBits = 6;  // fractional bits of the shrunk output
constexpr int kFractionBits = 10;

uint32_t Shrink(uint32_t x) {
  if (x < (uint32_t{2} << kSnrBits)) return (x * x) >> (2 + 2 * kSnrBits - kOutputBits);
  return (x >> (kSnrBits - kOutputBits)) - (uint32_t{1} << kOutputBits);
}

}  // namespace

int16_t PcanGain(uint32_t x, const int16_t* gain_lut) {
  if (x <= 2) return gain_lut[x];
  const int interval = static_cast<int>(BitLength32(x));  // 2 .. 32
  const int16_t* segment = gain_lut + 4 * interval - 6;
  const uint32_t aligned = interval < kFractionBits + 1 ? x << (kFractionBits + 1 - interval)
                                                        : x >> (interval - kFractionBits - 1);
  const int32_t t = static_cast<int32_t>(aligned & ((1u << kFractionBits) - 1));
  // y0 + t * (a1 + a2 * t / 2^10) / 2^10, in the reference's order.
  int32_t result = (segment[2] * t) >> 5;
  result += segment[1] * 32;
  result *= t;
  result = (result + (1 << 14)) >> 15;
  result += segment[0];
  return static_cast<int16_t>(result);
}

void PcanGainControl(const int16_t* gain_lut, int snr_shift, const uint32_t* noise_estimate,
                     uint32_t* signal, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    // The gain is used as unsigned, as the reference does.
    const uint32_t gain = static_cast<uint32_t>(PcanGain(noise_estimate[i], gain_lut));
    const uint32_t snr =
        static_cast<uint32_t>((static_cast<uint64_t>(signal[i]) * gain) >> snr_shift);
    signal[i] = Shrink(snr);
  }
}

}  // namespace mote::dsp::micro_speech
