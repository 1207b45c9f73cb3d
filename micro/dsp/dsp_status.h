// DspStatus: the outcome of validating or initialising a DSP block.
//
// The device has no room for messages, so an error is one byte naming what is
// wrong; DspStatusMessage() turns it into a short English phrase that names
// the offending parameter, for logs on the device and for the host, which
// prefixes it with the file and field the parameter came from.
#pragma once

#include <cstdint>

namespace mote::dsp {

enum class DspStatus : uint8_t {
  kOk = 0,
  kBadFftLength,       // fft_length is not a power of two in [16, 4096]
  kBadFrameLength,     // frame_length is 0 or larger than fft_length
  kBadFrameStride,     // frame_stride is 0
  kBadPadding,         // padding is not one of the Padding values
  kBadWindow,          // window is not one of the WindowType values
  kBadPreEmphasis,     // pre_emphasis is outside [0, 1)
  kBadSampleRate,      // sample_rate is not a positive finite number
  kBadFilterCount,     // num_filters is 0 or more than fft_length / 2 + 1
  kBadFrequencyRange,  // not 0 <= low_freq < high_freq <= sample_rate / 2
  kBadMelScale,        // mel_scale is not one of the MelScale values
  kBadMelNorm,         // mel_norm is not one of the MelNorm values
  kBadCepstralCount,   // num_cepstral is 0 or more than num_filters
  kBadLifter,          // lifter is negative or not finite
  kBadNoiseFloor,      // noise_floor_db is not a finite number
  kBadFilterType,      // filter_type is not one of the FilterType values
  kBadFilterOrder,     // filter_order is outside [1, kMaxButterworthOrder]
  kBadCutoff,          // cutoffs not within (0, sample_rate / 2), or low >= high
  kBadPeakCount,       // num_peaks is more than kMaxSpectralPeaks
  kBadBandEdges,       // band edges not increasing within [0, sample_rate / 2], or too many
  kBadScale,           // scale is not a finite number
  kBadImageSize,       // input_width/height not in [1, kMaxImageSide], or input_channels not 1 or 3
  kBadCrop,            // crop mode unknown, rectangle empty or outside the input, or half an aspect ratio
  kBadOutputSize,      // output_width/height not in [1, kMaxImageOutputSide]
  kBadResizeMethod,    // resize is not one of the ResizeMethod values
  kBadNormalization,   // normalization unknown, or a mean/stddev not finite, or stddev <= 0
  kBadOutputType,      // output_type unknown, or uint8 output with a normalization
  kBadQuantization,    // quant_scale not positive and finite, or quant_zero_point outside [-128, 127]
  kBufferTooSmall,     // the caller's workspace, input or output is too small
};

// A static, NUL-terminated phrase such as "fft_length: not a power of two in
// [16, 4096]"; never null.
const char* DspStatusMessage(DspStatus status);

}  // namespace mote::dsp
