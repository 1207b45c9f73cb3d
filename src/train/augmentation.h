// Augmentation (mote.yaml's `train: augment:`): random changes to a
// training window's raw values before the DSP, drawn afresh every epoch, so
// the network sees recordings it has not seen twice.
//
//   train:
//     augment:
//       speed: 0.1             # audio/series: play at a speed drawn in [1 - speed, 1 + speed]
//       time_shift_ms: 100     # audio/series: shift by up to +-this, zeros fill in
//       noise_label: _noise_   # audio: train recordings of this label are the background-noise bank
//       noise_volume: 0.1      #   mixed in at a gain drawn in [0, noise_volume]
//       noise_probability: 0.8 #   share of windows that get noise
//       crop: 0.1              # images: keep [1 - crop, 1] of each side, resized back (nearest)
//       flip: true             # images: mirror left-right, half of the time
//       shift_px: 2            # images: move by up to +-shift_px rows and columns, zeros fill in
//       jitter: 0.05           # series: Gaussian noise of this std. dev., in the signal's units
//       scale: 0.1             # series: each axis times a factor drawn in [1 - scale, 1 + scale]
//       time_mask: 8           # features: zero a band of up to 8 frames (feature_masks.h)
//       freq_mask: 3           # features: zero a band of up to 3 features of every frame
//
// Where: on the raw window (audio samples, pixels, accelerations), not on
// the cached features - noise mixed into a log-mel spectrum or a scaled
// FFT peak is not what noise or a stronger gesture does to the signal - so
// an augmented epoch runs the DSP again on every training window
// (augmented_batches.h). Determinism: each window's draws come from an Rng
// seeded by (seed, epoch, row), independent of batches, threads and
// checkpoints, so a seed gives the same augmented epochs anywhere and
// --resume continues them exactly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/yaml_section.h"
#include "train/feature_masks.h"
#include "train/rng.h"

namespace mote::train {

struct AugmentConfig {
  double speed = 0;
  double time_shift_ms = 0;
  std::string noise_label{};
  double noise_volume = 0.1, noise_probability = 0.8;
  double crop = 0;
  bool flip = false;
  int64_t shift_px = 0;
  double jitter = 0, scale = 0;
  FeatureMasks masks{};  // on the rows after the DSP, not on the signal

  // Whether any transform of the signal is on (noise needs a
  // noise_label): the DSP then runs in the training loop.
  bool changes_signal() const;
};

// The `augment:` mapping of the train section (absent: nothing on).
// InvalidArgument at file:line:col for unknown keys and values out of range
// (speed in [0, 0.5], time_shift_ms >= 0, volume and probability in [0, 1], crop in [0, 1),
// shift_px >= 0, jitter >= 0, scale in [0, 1), time_mask and freq_mask
// >= 0).
Result<AugmentConfig> ParseAugmentConfig(const YamlSection& train);

// A window's raw values as float, [rows, cols, channels] row-major: a time
// series or audio is [frames, 1, axes], an image [height, width, channels].
struct RawWindow {
  int64_t rows = 0, cols = 0, channels = 0;
  std::vector<float> values{};
  float& at(int64_t r, int64_t c, int64_t ch) { return values[(r * cols + c) * channels + ch]; }
};

// Row r of the result is row r - shift of the input (shift > 0: later in
// time, or down), zeros where that is outside.
void ShiftRows(RawWindow* w, int64_t shift);
// Column c of the result is column c - shift of the input, zeros outside.
void ShiftCols(RawWindow* w, int64_t shift);
// Plays a series (cols == 1) `factor` times as fast: pitch and tempo
// together, as a recording played faster or slower (Kaldi's speed
// perturbation), by resampling every channel by 1 / factor (libsamplerate,
// ResampleQuality::kLinear). The window's centre stays in place: zeros
// fill both ends when faster, both ends are cut when slower. Requires
// factor in [0.5, 1.5].
void ChangeSpeed(RawWindow* w, double factor);
// Mirrors left-right (columns).
void FlipCols(RawWindow* w);
// Takes rows [top, top + height) and columns [left, left + width) and
// resizes them back to the window's size by nearest neighbour.
void CropResize(RawWindow* w, int64_t top, int64_t left, int64_t height, int64_t width);
// Adds gain * noise[(offset + i) mod size] to value i of channel 0 of
// every row (a mono noise recording; requires !noise.empty()).
void MixNoise(RawWindow* w, std::span<const float> noise, int64_t offset, float gain);
// Multiplies channel k of every row by factors[k] (one per channel).
void ScaleChannels(RawWindow* w, std::span<const double> factors);

// Draws and applies what `config` turns on for a window: series (cols ==
// 1) get the speed, the time shift (`frames_per_ms` converts it), noise from
// `noise_bank` (mono recordings), jitter and scale; images the crop, flip
// and shift. Draws come from `rng` in a fixed order.
void AugmentWindow(const AugmentConfig& config, double frames_per_ms, std::span<const std::vector<float>> noise_bank,
                   Rng* rng, RawWindow* w);

// The seed of row `row`'s draws in epoch `epoch` of a run seeded `seed`.
uint64_t AugmentSeed(uint64_t seed, int64_t epoch, int64_t row);

}  // namespace mote::train
