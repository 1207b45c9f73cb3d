// The `dsp:` section of mote.yaml: which micro/dsp block turns a window of
// samples into features, its parameters, and how the features are
// normalized. Parsing checks names, types and ranges and fills the
// micro/dsp parameter structs; the checks that need the data's sample rate
// (frame lengths in samples, frequency limits) happen in ForSampleRate(),
// which runs the structs' own Validate() and reports a DspStatus at the key
// it came from:
//   mote.yaml:7:14: dsp.fft_length is invalid: fft_length: not a power of two in [16, 4096]
//
// Keys (those a block does not use are errors naming the block):
//   block        raw | mfcc | mfe | spectrogram | spectral | micro_speech | image
//   numeric      float | q15 (mfcc, mfe, spectrogram; micro_speech is q15)
//   normalize    none | standard | minmax (default: standard; none for micro_speech and image)
//   framing      frame_length_ms, frame_stride_ms, fft_length, padding, window, pre_emphasis
//   mel          num_filters, low_freq_hz, high_freq_hz, mel_scale, mel_norm
//   mfcc         num_cepstral, lifter, noise_floor_db, subtract_mean
//   spectral     scale, filter_type, filter_order, low_cutoff_hz, high_cutoff_hz, fft_length,
//                num_peaks, peak_threshold, band_edges_hz, log_scale, noise_floor_db
//   raw          scale
//   micro_speech frame_stride_ms, output (int8 | log), noise_smoothing,
//                noise_smoothing_odd, min_signal_remaining
//   image        output_width, output_height, crop (none | center | rectangle),
//                crop_rect [x, y, width, height], crop_aspect [width, height],
//                resize (bilinear | area), grayscale, pixel_normalization
//                (none | zero_to_one | minus_one_to_one | mean_std), pixel_mean,
//                pixel_std, output (float | uint8 | int8), quant_scale, quant_zero_point
// The image block's checks that need the images' size happen in ForImageSize().
// docs/mote-yaml.md has the table with defaults.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "core/yaml_section.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/image_params.h"
#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/micro_speech/micro_speech_frontend_params.h"
#include "micro/dsp/spectral_features.h"
#include "micro/dsp/spectrogram.h"

namespace mote {

class Project;

enum class DspBlock { kRaw, kMfcc, kMfe, kSpectrogram, kSpectral, kMicroSpeech, kImage };
enum class DspNumeric { kFloat, kQ15 };
enum class NormalizeMode { kNone, kStandard, kMinMax };

std::string_view DspBlockName(DspBlock block);        // "mfcc", ...
std::string_view DspNumericName(DspNumeric numeric);  // "float", "q15"
std::string_view NormalizeModeName(NormalizeMode mode);  // "none", "standard", "minmax"
std::optional<NormalizeMode> NormalizeModeFromName(std::string_view name);

// True for the blocks that read one channel and cut it into frames (mfcc,
// mfe, spectrogram, micro_speech).
bool IsAudioBlock(DspBlock block);

struct DspConfig {
  // Defaults of every field, for the section `from` (kept for errors).
  explicit DspConfig(YamlSection from) : section(std::move(from)) {}

  DspBlock block = DspBlock::kRaw;
  DspNumeric numeric = DspNumeric::kFloat;
  NormalizeMode normalize = NormalizeMode::kStandard;

  // Framing of mfcc, mfe, spectrogram (frame_stride_ms also micro_speech),
  // in milliseconds; ForSampleRate() turns them into the structs' samples.
  double frame_length_ms = 30;
  double frame_stride_ms = 20;

  // The block's parameters. Only the struct of `block` is meaningful; its
  // sample-rate fields (mel.sample_rate, frame lengths, spectral.sample_rate)
  // are set by ForSampleRate().
  dsp::MfccParams mfcc;
  dsp::MfeParams mfe;
  dsp::SpectrogramParams spectrogram;
  dsp::SpectralParams spectral;
  dsp::micro_speech::MicroSpeechFrontendParams micro_speech;
  bool micro_speech_log_output = false;  // output: log (int16 log scale) instead of int8
  float raw_scale = 1.0f;                // raw: every value is multiplied by this
  // image: the input size is set by ForImageSize(). pixel_mean/pixel_std
  // given with one value apply it to every channel; these count the values
  // given (0, 1 or 3) so that three values for a gray output are an error.
  dsp::ImageParams image;
  uint32_t image_mean_values = 0;
  uint32_t image_std_values = 0;

  // Where the section came from, for errors found after parsing.
  YamlSection section;

  // A copy whose parameter structs are complete for data sampled at
  // `sample_rate_hz` (> 0; ignored by raw) and pass their Validate();
  // otherwise InvalidArgument at the offending key.
  // The image block needs `sample_rate_hz` == 0 (images); it is completed
  // by ForImageSize() instead.
  Result<DspConfig> ForSampleRate(double sample_rate_hz) const;

  // For the image block: a copy with image.input_* set to images of
  // width x height x channels whose parameters pass ImageParams::Validate();
  // otherwise InvalidArgument at the offending key. Other blocks: a copy.
  Result<DspConfig> ForImageSize(uint32_t width, uint32_t height, uint32_t channels) const;

  // The parsed values of the chosen block (defaults included) as JSON with
  // sorted keys: equal for two sections that mean the same thing, whatever
  // their spelling, comments or key order. Used to fingerprint the stage.
  nlohmann::json Canonical() const;

  // InvalidArgument at the key that `status` (from a Validate()) is about.
  Status DspError(dsp::DspStatus status, const std::string& context = "") const;
};

// Parses `section` (the `dsp:` mapping). `block` is required.
Result<DspConfig> ParseDspConfig(const YamlSection& section);
// The `dsp:` section of `project`'s mote.yaml; InvalidArgument when absent.
Result<DspConfig> ParseProjectDspConfig(const Project& project);

}  // namespace mote
