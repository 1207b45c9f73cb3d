#include "train/augmentation.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "data/import/resampler.h"

namespace mote::train {

bool AugmentConfig::changes_signal() const {
  const bool noise = !noise_label.empty() && noise_volume > 0 && noise_probability > 0;
  return speed > 0 || time_shift_ms > 0 || noise || crop > 0 || flip || shift_px > 0 || jitter > 0 || scale > 0;
}

Result<AugmentConfig> ParseAugmentConfig(const YamlSection& train) {
  AugmentConfig c;
  if (!train.Has("augment")) return c;
  MOTE_ASSIGN_OR_RETURN(YamlSection s, train.Section("augment"));
  MOTE_RETURN_IF_ERROR(s.OnlyKeys({"speed", "time_shift_ms", "noise_label", "noise_volume", "noise_probability", "crop",
                                   "flip", "shift_px", "jitter", "scale", "time_mask", "freq_mask"}));
  MOTE_RETURN_IF_ERROR(s.GetInRange("speed", &c.speed, 0, 0.5, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("time_shift_ms", &c.time_shift_ms, 0, 1e6, true));
  MOTE_RETURN_IF_ERROR(s.Get("noise_label", &c.noise_label));
  MOTE_RETURN_IF_ERROR(s.GetInRange("noise_volume", &c.noise_volume, 0, 1, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("noise_probability", &c.noise_probability, 0, 1, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("crop", &c.crop, 0, 0.999, true));
  MOTE_RETURN_IF_ERROR(s.Get("flip", &c.flip));
  MOTE_RETURN_IF_ERROR(s.Get("shift_px", &c.shift_px));
  if (c.shift_px < 0) return s.Error("shift_px", "must be >= 0");
  MOTE_RETURN_IF_ERROR(s.GetInRange("jitter", &c.jitter, 0, 1e6, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("scale", &c.scale, 0, 0.999, true));
  MOTE_RETURN_IF_ERROR(s.Get("time_mask", &c.masks.time));
  if (c.masks.time < 0) return s.Error("time_mask", "must be >= 0 (frames)");
  MOTE_RETURN_IF_ERROR(s.Get("freq_mask", &c.masks.freq));
  if (c.masks.freq < 0) return s.Error("freq_mask", "must be >= 0 (features)");
  return c;
}

void ShiftRows(RawWindow* w, int64_t shift) {
  const int64_t row = w->cols * w->channels;
  std::vector<float> out(w->values.size(), 0.0f);
  for (int64_t r = 0; r < w->rows; ++r) {
    const int64_t from = r - shift;
    if (from < 0 || from >= w->rows) continue;
    std::copy_n(w->values.begin() + from * row, row, out.begin() + r * row);
  }
  w->values = std::move(out);
}

void ShiftCols(RawWindow* w, int64_t shift) {
  std::vector<float> out(w->values.size(), 0.0f);
  for (int64_t r = 0; r < w->rows; ++r) {
    for (int64_t c = 0; c < w->cols; ++c) {
      const int64_t from = c - shift;
      if (from < 0 || from >= w->cols) continue;
      for (int64_t k = 0; k < w->channels; ++k) out[(r * w->cols + c) * w->channels + k] = w->at(r, from, k);
    }
  }
  w->values = std::move(out);
}

void FlipCols(RawWindow* w) {
  for (int64_t r = 0; r < w->rows; ++r) {
    for (int64_t c = 0; c < w->cols / 2; ++c) {
      for (int64_t k = 0; k < w->channels; ++k) std::swap(w->at(r, c, k), w->at(r, w->cols - 1 - c, k));
    }
  }
}

void CropResize(RawWindow* w, int64_t top, int64_t left, int64_t height, int64_t width) {
  std::vector<float> out(w->values.size());
  for (int64_t r = 0; r < w->rows; ++r) {
    const int64_t from_r = top + r * height / w->rows;
    for (int64_t c = 0; c < w->cols; ++c) {
      const int64_t from_c = left + c * width / w->cols;
      for (int64_t k = 0; k < w->channels; ++k) out[(r * w->cols + c) * w->channels + k] = w->at(from_r, from_c, k);
    }
  }
  w->values = std::move(out);
}

void MixNoise(RawWindow* w, std::span<const float> noise, int64_t offset, float gain) {
  const int64_t n = static_cast<int64_t>(noise.size());
  for (int64_t r = 0; r < w->rows; ++r) {
    for (int64_t c = 0; c < w->cols; ++c) w->at(r, c, 0) += gain * noise[(offset + r * w->cols + c) % n];
  }
}

void ChangeSpeed(RawWindow* w, double factor) {
  assert(w->cols == 1 && factor >= 0.5 && factor <= 1.5);
  const int channels = static_cast<int>(w->channels);
  Result<std::vector<float>> played =
      Resample(w->values, channels, factor, 1.0, "speed", ResampleQuality::kLinear);
  assert(played.ok());  // the only failures are ratios outside 1:256
  if (!played.ok()) return;
  // Output frame r is frame r + skip of the resampled signal, so that the
  // two centres meet.
  const int64_t frames = static_cast<int64_t>(played->size()) / channels, skip = (frames - w->rows) / 2;
  for (int64_t r = 0; r < w->rows; ++r) {
    const int64_t from = r + skip;
    for (int64_t ch = 0; ch < channels; ++ch) {
      w->values[r * channels + ch] = from >= 0 && from < frames ? (*played)[from * channels + ch] : 0.0f;
    }
  }
}

void ScaleChannels(RawWindow* w, std::span<const double> factors) {
  for (size_t i = 0; i < w->values.size(); ++i) {
    w->values[i] = static_cast<float>(w->values[i] * factors[i % w->channels]);
  }
}

void AugmentWindow(const AugmentConfig& config, double frames_per_ms, std::span<const std::vector<float>> noise_bank,
                   Rng* rng, RawWindow* w) {
  // A draw in [-limit, limit] (integers).
  auto symmetric = [rng](int64_t limit) {
    return limit <= 0 ? 0 : static_cast<int64_t>(rng->Below(2 * limit + 1)) - limit;
  };
  if (w->cols == 1) {  // a series: frames down the rows
    if (config.speed > 0) ChangeSpeed(w, rng->Uniform(1 - config.speed, 1 + config.speed));
    if (config.time_shift_ms > 0) ShiftRows(w, symmetric(std::llround(config.time_shift_ms * frames_per_ms)));
    if (!noise_bank.empty() && config.noise_volume > 0 && rng->Uniform() < config.noise_probability) {
      const std::vector<float>& noise = noise_bank[rng->Below(noise_bank.size())];
      const int64_t offset = static_cast<int64_t>(rng->Below(noise.size()));
      MixNoise(w, noise, offset, static_cast<float>(rng->Uniform(0, config.noise_volume)));
    }
    if (config.jitter > 0) {
      for (float& v : w->values) v += static_cast<float>(config.jitter * rng->Normal());
    }
    if (config.scale > 0) {
      std::vector<double> factors(w->channels);
      for (double& f : factors) f = rng->Uniform(1 - config.scale, 1 + config.scale);
      ScaleChannels(w, factors);
    }
    return;
  }
  if (config.crop > 0) {
    const int64_t h = std::max<int64_t>(1, std::llround(w->rows * rng->Uniform(1 - config.crop, 1)));
    const int64_t wd = std::max<int64_t>(1, std::llround(w->cols * rng->Uniform(1 - config.crop, 1)));
    const int64_t top = static_cast<int64_t>(rng->Below(w->rows - h + 1));
    const int64_t left = static_cast<int64_t>(rng->Below(w->cols - wd + 1));
    CropResize(w, top, left, h, wd);
  }
  if (config.flip && rng->Below(2) == 1) FlipCols(w);
  if (config.shift_px > 0) {
    ShiftRows(w, symmetric(config.shift_px));
    ShiftCols(w, symmetric(config.shift_px));
  }
}

uint64_t AugmentSeed(uint64_t seed, int64_t epoch, int64_t row) {
  // Distinct for every (epoch, row) of a run; Rng's SplitMix64 seeding
  // spreads nearby values.
  return seed ^ (static_cast<uint64_t>(epoch) << 40) ^ (static_cast<uint64_t>(row) * 0x9E3779B97F4A7C15ull) ^
         0x4155474D454E54ull;
}

}  // namespace mote::train
