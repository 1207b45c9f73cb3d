#include "micro/dsp/dsp_status.h"

namespace mote::dsp {

const char* DspStatusMessage(DspStatus status) {
  switch (status) {
    case DspStatus::kOk: return "ok";
    case DspStatus::kBadFftLength: return "fft_length: not a power of two in [16, 4096]";
    case DspStatus::kBadFrameLength: return "frame_length: must be in [1, fft_length]";
    case DspStatus::kBadFrameStride: return "frame_stride: must be at least 1";
    case DspStatus::kBadPadding: return "padding: unknown value";
    case DspStatus::kBadWindow: return "window: unknown value";
    case DspStatus::kBadPreEmphasis: return "pre_emphasis: must be in [0, 1)";
    case DspStatus::kBadSampleRate: return "sample_rate: must be a positive number";
    case DspStatus::kBadFilterCount: return "num_filters: must be in [1, fft_length / 2 + 1]";
    case DspStatus::kBadFrequencyRange:
      return "low_freq/high_freq: need 0 <= low_freq < high_freq <= sample_rate / 2";
    case DspStatus::kBadMelScale: return "mel_scale: unknown value";
    case DspStatus::kBadMelNorm: return "mel_norm: unknown value";
    case DspStatus::kBadCepstralCount: return "num_cepstral: must be in [1, num_filters]";
    case DspStatus::kBadLifter: return "lifter: must be a finite number >= 0";
    case DspStatus::kBadNoiseFloor: return "noise_floor_db: must be a finite number";
    case DspStatus::kBadFilterType: return "filter_type: unknown value";
    case DspStatus::kBadFilterOrder: return "filter_order: must be in [1, 8]";
    case DspStatus::kBadCutoff:
      return "low_cutoff/high_cutoff: need 0 < cutoff < sample_rate / 2 (and low < high for band-pass)";
    case DspStatus::kBadPeakCount: return "num_peaks: must be at most 8";
    case DspStatus::kBadBandEdges:
      return "band_edges: need 2 to 9 increasing frequencies within [0, sample_rate / 2], or none";
    case DspStatus::kBadScale: return "scale: must be a finite number";
    case DspStatus::kBadImageSize:
      return "input_width/input_height/input_channels: need 1 to 4096 pixels and 1 or 3 channels";
    case DspStatus::kBadCrop:
      return "crop: unknown mode, a rectangle that is empty or outside the input, or half an aspect ratio";
    case DspStatus::kBadOutputSize: return "output_width/output_height: must be in [1, 2048]";
    case DspStatus::kBadResizeMethod: return "resize: unknown value";
    case DspStatus::kBadNormalization: return "normalization: unknown mode, or mean/stddev not finite or stddev <= 0";
    case DspStatus::kBadOutputType: return "output_type: unknown value, or uint8 output with a normalization";
    case DspStatus::kBadQuantization:
      return "quant_scale/quant_zero_point: need a positive finite scale and a zero point in [-128, 127]";
    case DspStatus::kBufferTooSmall: return "buffer too small";
  }
  return "unknown DSP status";
}

}  // namespace mote::dsp
