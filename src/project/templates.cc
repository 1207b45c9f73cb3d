#include "project/templates.h"

#include <map>

#include "core/file_util.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = R"(# mote.yaml: the pipeline of this project, from data to device.
# `mote run` executes it stage by stage and redoes only what changed.
# Reference: docs/mote-yaml.md in the mote repository.
)";

const std::map<std::string, std::string, std::less<>>& Templates() {
  static const std::map<std::string, std::string, std::less<>> t = {
      {"image", R"(
project:
  name: {name}
  template: image

data:
  # Share of samples placed in the test split. The split is decided by each
  # sample's content hash, so a sample never moves when more data arrives.
  test_ratio: 0.2
  # Where `mote run` imports data from (paths relative to this file).
  # Labels come from the file (IDX labels, a CSV column), the folder name
  # (label_from: folder) or a fixed `label:`.
  sources:
    - files: data/images
      label_from: folder

# Features: each image cropped to its largest centred square, resized to
# 96 x 96 and scaled to [0, 1]. The same code runs on the device
# (micro/dsp/image_block.h). grayscale: true gives one channel;
# output: int8 (with quant_scale, quant_zero_point) feeds an int8 model.
dsp:
  block: image
  output_width: 96
  output_height: 96
  crop: center                 # none: the whole image (may distort); rectangle: crop_rect [x, y, w, h]
  resize: area                 # area averages the pixels an output pixel covers; or bilinear
  grayscale: false
  pixel_normalization: zero_to_one   # none, zero_to_one, minus_one_to_one, mean_std (pixel_mean, pixel_std)
  output: float
)"},
      {"kws", R"(
project:
  name: {name}
  template: kws

data:
  test_ratio: 0.2
  # Audio is resampled to this rate on import (libsamplerate).
  audio_rate_hz: 16000
  sources:
    - files: data/keywords       # one folder per keyword: data/keywords/yes/*.wav
      label_from: folder
# No recordings yet? `mote data synth keywords` speaks the keywords in
# espeak-ng's voices (train split), `--engine festival` adds recorded
# voices (train; on flite voices unseen in training, +9 points for a DS-CNN
# over espeak-ng alone), `--engine rhvoice` statistical voices (train;
# +5 points more) and `--engine flite` makes a held-out test set.

# Keyword clips are one second long.
window:
  size_ms: 1000

# Features: MFCC, 49 frames x 13 coefficients per second. The same code runs
# on the device; numeric: q15 computes it in fixed point as a core without an
# FPU does. `block: micro_speech` gives TensorFlow Lite Micro's micro_speech
# features instead (49 x 40 int8, bit-exact), for models trained on them.
dsp:
  block: mfcc
  numeric: float
  frame_length_ms: 30
  frame_stride_ms: 20
  fft_length: 512
  num_filters: 40
  num_cepstral: 13
  # Each coefficient minus its mean over the clip (cepstral mean
  # normalization): takes out what a voice or a microphone adds to every
  # frame alike. On flite voices unseen in training, +5 to 6 points.
  subtract_mean: true
  # Log mel energies below -60 dB (full scale) are raised to it: the quiet
  # background between words stops deciding the coefficients there. On
  # flite voices unseen in training, +1.6 points.
  noise_floor_db: -60
  normalize: standard          # mean/std of the train split, applied on the device too

# With a model: section, masking a band of frames and a band of coefficients
# of each training row (SpecAugment) helps on voices not in the training
# set: +3 points on flite voices for a DS-CNN trained on espeak-ng.
# train:
#   augment: {time_mask: 8, freq_mask: 3}
)"},
      {"motion", R"(
project:
  name: {name}
  template: motion

data:
  test_ratio: 0.2
  sources:
    - files: data/motion          # CSV: a timestamp column, then accX, accY, accZ
      label_from: folder

# Gestures are cut into 2 s windows that start every 0.5 s.
window:
  size_ms: 2000
  stride_ms: 500

# Features: spectral analysis per axis (RMS, skewness, kurtosis, spectral
# peaks, power in bands) after a low-pass filter. Frequencies assume data at
# about 60 Hz or more; keep cutoffs and band edges below half the rate.
dsp:
  block: spectral
  filter_type: low_pass        # none | low_pass | high_pass | band_pass
  high_cutoff_hz: 20
  filter_order: 4
  fft_length: 64               # Welch segment
  num_peaks: 3
  band_edges_hz: [0.5, 2, 5, 10, 20]
  # dB, not power: a peak or band that is noise-level in every train window
  # but real in one test window would otherwise be thousands of standard
  # deviations out after normalization.
  log_scale: true
  normalize: standard
)"},
      {"anomaly", R"(
project:
  name: {name}
  template: anomaly

data:
  test_ratio: 0.2
  sources:
    - files: data/vibration       # normal operation only is enough to train
      label_from: folder

window:
  size_ms: 1000
  stride_ms: 1000

# Features: spectral analysis per axis, peak heights and band powers in dB.
# Frequencies assume a 1 kHz accelerometer; keep them below half the rate.
dsp:
  block: spectral
  filter_type: high_pass       # remove gravity and slow drift
  low_cutoff_hz: 5
  fft_length: 256
  num_peaks: 4
  band_edges_hz: [5, 50, 100, 200, 400]
  log_scale: true
  normalize: standard
)"},
  };
  return t;
}

}  // namespace

std::vector<std::string> TemplateNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : Templates()) names.push_back(name);
  return names;
}

Status InitProject(const fs::path& dir, std::string_view template_name) {
  auto it = Templates().find(template_name);
  if (it == Templates().end()) {
    std::string known;
    for (const auto& n : TemplateNames()) known += (known.empty() ? "" : ", ") + n;
    return Status::Usage("unknown template '" + std::string(template_name) + "' (templates: " + known + ")");
  }
  std::error_code ec;
  if (fs::exists(dir / "mote.yaml", ec))
    return Status::AlreadyExists((dir / "mote.yaml").string() + " already exists; not overwriting a project");
  std::string name = fs::absolute(dir, ec).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(dir, ec).parent_path().filename().string();
  std::string yaml = std::string(kHeader) + it->second;
  yaml.replace(yaml.find("{name}"), 6, name.empty() ? "project" : name);
  for (const char* sub : {"data", "reports"}) {
    fs::create_directories(dir / sub, ec);
    if (ec) return Status::IoError((dir / sub).string() + ": " + ec.message());
  }
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / ".gitignore", "# mote's state: the dataset store and stage outputs\n.mote/\n"));
  // mote.yaml last: its presence is what makes DIR a project.
  return WriteFileAtomically(dir / "mote.yaml", yaml);
}

}  // namespace mote
