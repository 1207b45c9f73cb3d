// Double-precision references for the DSP blocks, written from the textbook
// formulas without calling anything in micro/dsp (only its parameter
// structs are read). Each returns one row per frame.
#pragma once

#include <cstdint>
#include <vector>

#include "micro/dsp/mel_filterbank.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/spectrogram.h"

namespace mote::dsp::testing {

using Matrix = std::vector<std::vector<double>>;

// Frames of the signal: count by the padding rule, pre-emphasis over the
// whole (padded) signal, window, |DFT|^2 / fft_length.
Matrix ReferencePowerFrames(const FrameParams& params, const std::vector<double>& signal);

// Dense triangular filterbank weights, [num_filters][fft_length / 2 + 1].
Matrix ReferenceMelWeights(const MelParams& params, uint32_t fft_length);

Matrix ReferenceMfcc(const MfccParams& params, const std::vector<double>& signal);
Matrix ReferenceMfe(const MfeParams& params, const std::vector<double>& signal);
Matrix ReferenceSpectrogram(const SpectrogramParams& params, const std::vector<double>& signal);

}  // namespace mote::dsp::testing
