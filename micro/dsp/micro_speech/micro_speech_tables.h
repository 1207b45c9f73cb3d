// Constant tables of the micro_speech-compatible front end, generated from
// their defining formulas by tools/gen_micro_speech_tables.py (which can also
// check them against the constant tensors of TFLM's audio_preprocessor_int8
// model). They fix the window length, the FFT length and the channel count;
// docs/micro-speech-frontend.md gives each formula.
//
// All tables live in read-only memory (flash on the device); thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp::micro_speech {

// 30 ms at 16 kHz.
inline constexpr size_t kWindowSamples = 480;
// Real FFT length; the spectrum has kFftLength / 2 + 1 bins.
inline constexpr size_t kFftLength = 512;
inline constexpr size_t kSpectrumBins = kFftLength / 2 + 1;
// Mel channels, 125 Hz to 7500 Hz.
inline constexpr size_t kNumChannels = 40;
inline constexpr size_t kFilterbankWeightCount = 316;
inline constexpr size_t kPcanGainLutSize = 125;
inline constexpr size_t kLogCorrectionSize = 129;
// Twiddles of the 256-point complex FFT: 16 groups of 3 x 4 (below).
inline constexpr size_t kFftTwiddleCount = 192;
// Twiddles that split the complex FFT into the real FFT: k = 1 .. 128.
inline constexpr size_t kSplitTwiddleCount = 128;

// Hann window in Q12: floor(4096 * (0.5 - 0.5 cos(2 pi (i + 0.5) / 480)) + 0.5).
extern const int16_t kHannWindowQ12[kWindowSamples];

// Triangular mel filters in Q12 for kNumChannels + 1 channels (channel 0 is a
// lead-in whose output is discarded). Channel c reads kFilterbankWidths[c]
// bins from kFilterbankFrequencyStarts[c] and weights from
// kFilterbankWeightStarts[c]; a bin adds weight * energy to its channel and
// unweight * energy to the next channel.
extern const int16_t kFilterbankWeights[kFilterbankWeightCount];
extern const int16_t kFilterbankUnweights[kFilterbankWeightCount];
extern const int16_t kFilterbankFrequencyStarts[kNumChannels + 1];
extern const int16_t kFilterbankWeightStarts[kNumChannels + 1];
extern const int16_t kFilterbankWidths[kNumChannels + 1];

// PCAN gain 2^21 * (x / 2^7 + 80)^-0.95 as gain(0), gain(1), then for each
// power-of-two interval of x a quadratic (y0, a1, a2, padding).
extern const int16_t kPcanGainLut[kPcanGainLutSize];

// log2(1 + i / 128) - i / 128 in Q16, i = 0 .. 128.
extern const uint16_t kLogCorrectionQ16[kLogCorrectionSize];

// (cos, sin) pairs in Q15, each floor(0.5 + 32767 * value):
// kFftTwiddlesQ15 holds exp(-2 pi i j (4 r + l) / 256) at pair
// (3 r + j - 1) * 4 + l for r < 16, j = 1, 2, 3, l < 4 (the order in which
// the FFT's last radix-4 stage reads them, four butterflies at a time);
// kSplitTwiddlesQ15 holds exp(-i pi ((k + 1) / 256 + 1/2)) at pair k for
// k < kSplitTwiddleCount.
extern const int16_t kFftTwiddlesQ15[2 * kFftTwiddleCount];
extern const int16_t kSplitTwiddlesQ15[2 * kSplitTwiddleCount];

}  // namespace mote::dsp::micro_speech
