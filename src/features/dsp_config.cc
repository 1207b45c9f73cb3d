#include "features/dsp_config.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <utility>
#include <vector>

#include "core/config_sections.h"
#include "features/format_hz.h"
#include "project/project.h"
#include "micro/dsp/rfft_plan.h"

namespace mote {

MOTE_REGISTER_CONFIG_SECTION(dsp, "dsp");

namespace {

using json = nlohmann::json;
using Keys = std::vector<std::string>;

const Keys kCommonKeys = {"block", "numeric", "normalize"};
const Keys kFramingKeys = {"frame_length_ms", "frame_stride_ms", "fft_length", "padding", "window", "pre_emphasis"};
const Keys kMelKeys = {"num_filters", "low_freq_hz", "high_freq_hz", "mel_scale", "mel_norm"};
const Keys kSpectralKeys = {"scale",       "filter_type", "filter_order",   "low_cutoff_hz",
                            "high_cutoff_hz", "fft_length", "num_peaks",      "peak_threshold",
                            "band_edges_hz", "log_scale",  "noise_floor_db"};
const Keys kMicroSpeechKeys = {"frame_stride_ms", "output", "noise_smoothing", "noise_smoothing_odd",
                               "min_signal_remaining"};
const Keys kImageKeys = {"output_width", "output_height", "crop",       "crop_rect",  "crop_aspect",
                         "resize",       "grayscale",     "pixel_normalization", "pixel_mean", "pixel_std",
                         "output",       "quant_scale",   "quant_zero_point"};

// Keys a block takes, besides kCommonKeys.
Keys BlockKeys(DspBlock block) {
  Keys k;
  auto add = [&k](const Keys& more) { k.insert(k.end(), more.begin(), more.end()); };
  switch (block) {
    case DspBlock::kRaw: add({"scale"}); break;
    case DspBlock::kMfcc:
      add(kFramingKeys), add(kMelKeys), add({"num_cepstral", "lifter", "noise_floor_db", "subtract_mean"});
      break;
    case DspBlock::kMfe: add(kFramingKeys), add(kMelKeys), add({"noise_floor_db"}); break;
    case DspBlock::kSpectrogram: add(kFramingKeys), add({"noise_floor_db"}); break;
    case DspBlock::kSpectral: add(kSpectralKeys); break;
    case DspBlock::kMicroSpeech: add(kMicroSpeechKeys); break;
    case DspBlock::kImage: add(kImageKeys); break;
  }
  return k;
}

const std::pair<std::string_view, DspBlock> kBlocks[] = {
    {"raw", DspBlock::kRaw},           {"mfcc", DspBlock::kMfcc},         {"mfe", DspBlock::kMfe},
    {"spectrogram", DspBlock::kSpectrogram}, {"spectral", DspBlock::kSpectral}, {"micro_speech", DspBlock::kMicroSpeech},
    {"image", DspBlock::kImage},
};
const std::pair<std::string_view, DspNumeric> kNumerics[] = {{"float", DspNumeric::kFloat}, {"q15", DspNumeric::kQ15}};
const std::pair<std::string_view, NormalizeMode> kNormalizeModes[] = {
    {"none", NormalizeMode::kNone}, {"standard", NormalizeMode::kStandard}, {"minmax", NormalizeMode::kMinMax}};
const std::pair<std::string_view, dsp::Padding> kPaddings[] = {
    {"none", dsp::Padding::kNone}, {"end", dsp::Padding::kEnd}, {"center", dsp::Padding::kCenter}};
const std::pair<std::string_view, dsp::WindowType> kWindows[] = {
    {"hann", dsp::WindowType::kHann}, {"hamming", dsp::WindowType::kHamming},
    {"rectangular", dsp::WindowType::kRectangular}};
const std::pair<std::string_view, dsp::MelScale> kMelScales[] = {{"htk", dsp::MelScale::kHtk},
                                                                 {"slaney", dsp::MelScale::kSlaney}};
const std::pair<std::string_view, dsp::MelNorm> kMelNorms[] = {{"none", dsp::MelNorm::kNone},
                                                               {"slaney", dsp::MelNorm::kSlaney}};
const std::pair<std::string_view, dsp::FilterType> kFilterTypes[] = {
    {"none", dsp::FilterType::kNone}, {"low_pass", dsp::FilterType::kLowPass},
    {"high_pass", dsp::FilterType::kHighPass}, {"band_pass", dsp::FilterType::kBandPass}};
const std::pair<std::string_view, dsp::CropMode> kCropModes[] = {
    {"none", dsp::CropMode::kNone}, {"center", dsp::CropMode::kCenter}, {"rectangle", dsp::CropMode::kRectangle}};
const std::pair<std::string_view, dsp::ResizeMethod> kResizeMethods[] = {{"bilinear", dsp::ResizeMethod::kBilinear},
                                                                         {"area", dsp::ResizeMethod::kArea}};
const std::pair<std::string_view, dsp::Normalization> kPixelNormalizations[] = {
    {"none", dsp::Normalization::kNone},
    {"zero_to_one", dsp::Normalization::kZeroToOne},
    {"minus_one_to_one", dsp::Normalization::kMinusOneToOne},
    {"mean_std", dsp::Normalization::kMeanStd}};
const std::pair<std::string_view, dsp::ImageOutputType> kImageOutputs[] = {
    {"float", dsp::ImageOutputType::kFloat32}, {"uint8", dsp::ImageOutputType::kUint8},
    {"int8", dsp::ImageOutputType::kInt8}};

template <typename E, size_t N>
std::string_view NameOf(const std::pair<std::string_view, E> (&table)[N], E value) {
  for (const auto& [name, v] : table)
    if (v == value) return name;
  return "?";
}

template <typename E, size_t N>
std::string ChoiceList(const std::pair<std::string_view, E> (&table)[N]) {
  std::string s;
  for (size_t i = 0; i < N; ++i) s += std::string(i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(table[i].first);
  return s;
}

// Leaves *out as it is when the key is absent.
template <typename E, size_t N>
Status GetChoice(const YamlSection& s, std::string_view key, const std::pair<std::string_view, E> (&table)[N], E* out) {
  std::string name;
  MOTE_RETURN_IF_ERROR(s.Get(key, &name));
  if (!s.Has(key) || name.empty()) return Status::Ok();
  for (const auto& [n, v] : table)
    if (n == name) {
      *out = v;
      return Status::Ok();
    }
  return s.Error(key, "must be " + ChoiceList(table) + ", got '" + name + "'");
}

template <typename T>
Status GetInt(const YamlSection& s, std::string_view key, int64_t lo, int64_t hi, T* out) {
  int64_t v = static_cast<int64_t>(*out);
  MOTE_RETURN_IF_ERROR(s.Get(key, &v));
  if (v < lo || v > hi) return s.Error(key, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  *out = static_cast<T>(v);
  return Status::Ok();
}

// A finite number within [lo, hi] (float range by default).
Status GetFloat(const YamlSection& s, std::string_view key, float* out, double lo = -1e30, double hi = 1e30) {
  double v = *out;
  MOTE_RETURN_IF_ERROR(s.GetInRange(key, &v, lo, hi, /*inclusive=*/true));
  *out = static_cast<float>(v);
  return Status::Ok();
}

// The first of `keys` present in `s`, else the first of them.
std::string_view PresentKey(const YamlSection& s, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys)
    if (s.Has(k)) return k;
  return *keys.begin();
}

// A list of finite numbers; leaves *out empty when the key is absent.
Status GetNumbers(const YamlSection& s, std::string_view key, std::vector<double>* out) {
  std::vector<std::string> items;
  MOTE_RETURN_IF_ERROR(s.Get(key, &items));
  out->clear();
  for (const std::string& item : items) {
    char* end = nullptr;
    const double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !std::isfinite(v))
      return s.Error(key, "must be a list of numbers, got '" + item + "'");
    out->push_back(v);
  }
  return Status::Ok();
}

// GetNumbers for exactly `count` whole numbers in [lo, hi] (or none).
Status GetWholeNumbers(const YamlSection& s, std::string_view key, size_t count, double lo, double hi,
                       std::vector<uint32_t>* out) {
  std::vector<double> values;
  MOTE_RETURN_IF_ERROR(GetNumbers(s, key, &values));
  out->clear();
  if (s.Has(key) && values.size() != count)
    return s.Error(key, "must list " + std::to_string(count) + " numbers, got " + std::to_string(values.size()));
  for (double v : values) {
    if (v != std::floor(v) || v < lo || v > hi)
      return s.Error(key, "must be whole numbers in [" + std::to_string(static_cast<int64_t>(lo)) + ", " +
                              std::to_string(static_cast<int64_t>(hi)) + "]");
    out->push_back(static_cast<uint32_t>(v));
  }
  return Status::Ok();
}

Status GetFftLength(const YamlSection& s, uint32_t* out) {
  MOTE_RETURN_IF_ERROR(GetInt(s, "fft_length", 16, 4096, out));
  if (!dsp::IsRfftLength(*out)) return s.Error("fft_length", "must be a power of two in [16, 4096]");
  return Status::Ok();
}

// A fraction in [lo, hi) of 2^14, as the micro_speech noise reduction holds it.
Status GetQ14(const YamlSection& s, std::string_view key, double lo, uint32_t* out) {
  double v = *out / 16384.0;
  MOTE_RETURN_IF_ERROR(s.GetInRange(key, &v, lo, 1, /*inclusive=*/true));
  if (v >= 1) return s.Error(key, "must be < 1");
  *out = static_cast<uint32_t>(std::lround(v * 16384.0));
  return Status::Ok();
}

Status ParseFraming(const YamlSection& s, DspConfig* c, dsp::FrameParams* frame) {
  MOTE_RETURN_IF_ERROR(s.GetInRange("frame_length_ms", &c->frame_length_ms, 0, 60000));
  MOTE_RETURN_IF_ERROR(s.GetInRange("frame_stride_ms", &c->frame_stride_ms, 0, 60000));
  MOTE_RETURN_IF_ERROR(GetFftLength(s, &frame->fft_length));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "padding", kPaddings, &frame->padding));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "window", kWindows, &frame->window));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "pre_emphasis", &frame->pre_emphasis, 0, 1));
  if (frame->pre_emphasis >= 1.0f) return s.Error("pre_emphasis", "must be < 1");
  return Status::Ok();
}

Status ParseMel(const YamlSection& s, dsp::MelParams* mel) {
  MOTE_RETURN_IF_ERROR(GetInt(s, "num_filters", 1, 2049, &mel->num_filters));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "low_freq_hz", &mel->low_freq, 0, 1e6));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "high_freq_hz", &mel->high_freq, 0, 1e6));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "mel_scale", kMelScales, &mel->mel_scale));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "mel_norm", kMelNorms, &mel->mel_norm));
  return Status::Ok();
}

Status ParseSpectral(const YamlSection& s, dsp::SpectralParams* p) {
  MOTE_RETURN_IF_ERROR(GetFloat(s, "scale", &p->scale));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "filter_type", kFilterTypes, &p->filter_type));
  MOTE_RETURN_IF_ERROR(GetInt(s, "filter_order", 1, dsp::kMaxButterworthOrder, &p->filter_order));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "low_cutoff_hz", &p->low_cutoff, 0, 1e6));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "high_cutoff_hz", &p->high_cutoff, 0, 1e6));
  MOTE_RETURN_IF_ERROR(GetFftLength(s, &p->fft_length));
  MOTE_RETURN_IF_ERROR(GetInt(s, "num_peaks", 0, dsp::kMaxSpectralPeaks, &p->num_peaks));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "peak_threshold", &p->peak_threshold));
  std::vector<double> edges;
  MOTE_RETURN_IF_ERROR(GetNumbers(s, "band_edges_hz", &edges));
  if (edges.size() == 1 || edges.size() > dsp::kMaxBandEdges)
    return s.Error("band_edges_hz", "must list 2 to " + std::to_string(dsp::kMaxBandEdges) + " frequencies, got " +
                                        std::to_string(edges.size()));
  p->num_band_edges = static_cast<uint8_t>(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    if (i > 0 && !(edges[i] > p->band_edges[i - 1])) return s.Error("band_edges_hz", "must be increasing");
    p->band_edges[i] = static_cast<float>(edges[i]);
  }
  MOTE_RETURN_IF_ERROR(s.Get("log_scale", &p->log_scale));
  MOTE_RETURN_IF_ERROR(GetFloat(s, "noise_floor_db", &p->noise_floor_db));
  return Status::Ok();
}

Status ParseMicroSpeech(const YamlSection& s, DspConfig* c) {
  MOTE_RETURN_IF_ERROR(s.GetInRange("frame_stride_ms", &c->frame_stride_ms, 0, 60000));
  std::string output = "int8";
  MOTE_RETURN_IF_ERROR(s.Get("output", &output));
  if (output != "int8" && output != "log") return s.Error("output", "must be int8 or log, got '" + output + "'");
  c->micro_speech_log_output = output == "log";
  dsp::micro_speech::SpectralSubtractionParams& n = c->micro_speech.noise_reduction;
  MOTE_RETURN_IF_ERROR(GetQ14(s, "noise_smoothing", 0, &n.smoothing));
  n.one_minus_smoothing = 16384 - n.smoothing;
  MOTE_RETURN_IF_ERROR(GetQ14(s, "noise_smoothing_odd", 0, &n.alternate_smoothing));
  n.alternate_one_minus_smoothing = 16384 - n.alternate_smoothing;
  MOTE_RETURN_IF_ERROR(GetQ14(s, "min_signal_remaining", 0, &n.min_signal_remaining));
  return Status::Ok();
}

// Per-channel pixel statistics: one value (a number or a list of one) for
// every channel, or three.
Status GetPixelStats(const YamlSection& s, std::string_view key, double lo, float (&out)[3], uint32_t* given) {
  std::vector<double> v;
  if (s.Has(key) && s.node()[std::string(key)].IsScalar()) {
    v.resize(1);
    MOTE_RETURN_IF_ERROR(s.Get(key, &v[0]));
  } else {
    MOTE_RETURN_IF_ERROR(GetNumbers(s, key, &v));
  }
  if (s.Has(key) && v.size() != 1 && v.size() != 3)
    return s.Error(key, "must list 1 or 3 numbers (one per channel), got " + std::to_string(v.size()));
  *given = static_cast<uint32_t>(v.size());
  for (size_t c = 0; c < v.size(); ++c)
    if (!(v[c] > lo) || v[c] > 1e30) return s.Error(key, lo < 0 ? "must be finite" : "must be > 0");
  for (size_t c = 0; c < 3 && !v.empty(); ++c) out[c] = static_cast<float>(v[v.size() == 1 ? 0 : c]);
  return Status::Ok();
}

Status ParseImage(const YamlSection& s, DspConfig* c) {
  dsp::ImageParams& p = c->image;
  MOTE_RETURN_IF_ERROR(GetInt(s, "output_width", 1, dsp::kMaxImageOutputSide, &p.output_width));
  MOTE_RETURN_IF_ERROR(GetInt(s, "output_height", 1, dsp::kMaxImageOutputSide, &p.output_height));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "crop", kCropModes, &p.crop));
  std::vector<uint32_t> rect, aspect;
  MOTE_RETURN_IF_ERROR(GetWholeNumbers(s, "crop_rect", 4, 0, dsp::kMaxImageSide, &rect));
  MOTE_RETURN_IF_ERROR(GetWholeNumbers(s, "crop_aspect", 2, 1, dsp::kMaxImageSide, &aspect));
  if (!rect.empty() && p.crop != dsp::CropMode::kRectangle)
    return s.Error("crop_rect", "needs crop: rectangle");
  if (!aspect.empty() && p.crop != dsp::CropMode::kCenter) return s.Error("crop_aspect", "needs crop: center");
  if (p.crop == dsp::CropMode::kRectangle && rect.empty())
    return s.Error("crop", "rectangle needs crop_rect: [x, y, width, height]");
  if (!rect.empty()) p.crop_rect = {rect[0], rect[1], rect[2], rect[3]};
  if (!aspect.empty()) {
    p.crop_aspect_width = aspect[0];
    p.crop_aspect_height = aspect[1];
  }
  MOTE_RETURN_IF_ERROR(GetChoice(s, "resize", kResizeMethods, &p.resize));
  MOTE_RETURN_IF_ERROR(s.Get("grayscale", &p.grayscale));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "pixel_normalization", kPixelNormalizations, &p.normalization));
  MOTE_RETURN_IF_ERROR(GetPixelStats(s, "pixel_mean", -1e30, p.mean, &c->image_mean_values));
  MOTE_RETURN_IF_ERROR(GetPixelStats(s, "pixel_std", 0, p.stddev, &c->image_std_values));
  if ((s.Has("pixel_mean") || s.Has("pixel_std")) && p.normalization != dsp::Normalization::kMeanStd)
    return s.Error(PresentKey(s, {"pixel_mean", "pixel_std"}), "needs pixel_normalization: mean_std");
  MOTE_RETURN_IF_ERROR(GetChoice(s, "output", kImageOutputs, &p.output_type));
  if (p.output_type == dsp::ImageOutputType::kUint8 && p.normalization != dsp::Normalization::kNone)
    return s.Error("output", "uint8 needs pixel_normalization: none (pixel values as they are)");
  if ((s.Has("quant_scale") || s.Has("quant_zero_point")) && p.output_type != dsp::ImageOutputType::kInt8)
    return s.Error(PresentKey(s, {"quant_scale", "quant_zero_point"}), "needs output: int8");
  double scale = p.quant_scale;
  MOTE_RETURN_IF_ERROR(s.GetInRange("quant_scale", &scale, 0, 1e30));
  p.quant_scale = static_cast<float>(scale);
  if (!(p.quant_scale > 0)) return s.Error("quant_scale", "is too small for a float");
  MOTE_RETURN_IF_ERROR(GetInt(s, "quant_zero_point", -128, 127, &p.quant_zero_point));
  return Status::Ok();
}

// Rejects misspelt keys (with a suggestion) and keys of other blocks.
Status CheckKeys(const YamlSection& s, DspBlock block) {
  Keys all = kCommonKeys;
  for (const auto& [name, b] : kBlocks) {
    Keys k = BlockKeys(b);
    all.insert(all.end(), k.begin(), k.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  MOTE_RETURN_IF_ERROR(s.OnlyKeys(all));
  Keys mine = BlockKeys(block);
  mine.insert(mine.end(), kCommonKeys.begin(), kCommonKeys.end());
  for (auto it = s.node().begin(); it != s.node().end(); ++it) {
    const std::string& key = it->first.Scalar();
    if (std::find(mine.begin(), mine.end(), key) != mine.end()) continue;
    std::string list;
    for (const auto& k : BlockKeys(block)) list += (list.empty() ? "" : ", ") + k;
    return s.Error(key, "does not apply to the " + std::string(DspBlockName(block)) + " block (it takes " +
                            (list.empty() ? "no parameters" : list) + ")");
  }
  return Status::Ok();
}

json FramingJson(const DspConfig& c, const dsp::FrameParams& f) {
  return {{"frame_length_ms", c.frame_length_ms}, {"frame_stride_ms", c.frame_stride_ms},
          {"fft_length", f.fft_length},           {"padding", NameOf(kPaddings, f.padding)},
          {"window", NameOf(kWindows, f.window)}, {"pre_emphasis", f.pre_emphasis}};
}

void AddMelJson(const dsp::MelParams& m, json* j) {
  (*j)["num_filters"] = m.num_filters;
  (*j)["low_freq_hz"] = m.low_freq;
  (*j)["high_freq_hz"] = m.high_freq;
  (*j)["mel_scale"] = NameOf(kMelScales, m.mel_scale);
  (*j)["mel_norm"] = NameOf(kMelNorms, m.mel_norm);
}

// `ms` at `rate` Hz as a whole number of samples (>= 1), or an error at `key`.
Result<uint32_t> MsToSamples(const YamlSection& s, std::string_view key, double ms, double rate) {
  double samples = std::round(ms * rate / 1000.0);
  if (samples < 1) return s.Error(key, "is less than one sample at " + FormatHz(rate));
  if (samples > 1e9) return s.Error(key, "is too long");
  return static_cast<uint32_t>(samples);
}

}  // namespace

std::string_view DspBlockName(DspBlock block) { return NameOf(kBlocks, block); }
std::string_view DspNumericName(DspNumeric numeric) { return NameOf(kNumerics, numeric); }
std::string_view NormalizeModeName(NormalizeMode mode) { return NameOf(kNormalizeModes, mode); }

std::optional<NormalizeMode> NormalizeModeFromName(std::string_view name) {
  for (const auto& [n, mode] : kNormalizeModes)
    if (n == name) return mode;
  return std::nullopt;
}

bool IsAudioBlock(DspBlock block) {
  return block == DspBlock::kMfcc || block == DspBlock::kMfe || block == DspBlock::kSpectrogram ||
         block == DspBlock::kMicroSpeech;
}

Result<DspConfig> ParseDspConfig(const YamlSection& s) {
  DspConfig c(s);
  std::string block;
  MOTE_RETURN_IF_ERROR(s.Get("block", &block));
  if (block.empty()) return s.Error("block", "is required: " + ChoiceList(kBlocks));
  MOTE_RETURN_IF_ERROR(GetChoice(s, "block", kBlocks, &c.block));
  MOTE_RETURN_IF_ERROR(CheckKeys(s, c.block));

  if (c.block == DspBlock::kMicroSpeech) c.numeric = DspNumeric::kQ15;
  MOTE_RETURN_IF_ERROR(GetChoice(s, "numeric", kNumerics, &c.numeric));
  bool has_q15 = c.block == DspBlock::kMfcc || c.block == DspBlock::kMfe || c.block == DspBlock::kSpectrogram;
  if (c.block == DspBlock::kMicroSpeech && c.numeric != DspNumeric::kQ15)
    return s.Error("numeric", "must be q15: the micro_speech front end is fixed point only");
  if (!has_q15 && c.block != DspBlock::kMicroSpeech && c.numeric != DspNumeric::kFloat)
    return s.Error("numeric", "must be float: q15 exists for mfcc, mfe and spectrogram");

  // micro_speech feeds int8 models that expect its values as they are; the
  // image block normalizes pixels itself (pixel_normalization).
  if (c.block == DspBlock::kMicroSpeech || c.block == DspBlock::kImage) c.normalize = NormalizeMode::kNone;
  MOTE_RETURN_IF_ERROR(GetChoice(s, "normalize", kNormalizeModes, &c.normalize));

  switch (c.block) {
    case DspBlock::kRaw:
      MOTE_RETURN_IF_ERROR(GetFloat(s, "scale", &c.raw_scale));
      break;
    case DspBlock::kMfcc:
      MOTE_RETURN_IF_ERROR(ParseFraming(s, &c, &c.mfcc.frame));
      MOTE_RETURN_IF_ERROR(ParseMel(s, &c.mfcc.mel));
      MOTE_RETURN_IF_ERROR(GetInt(s, "num_cepstral", 1, 2049, &c.mfcc.num_cepstral));
      MOTE_RETURN_IF_ERROR(GetFloat(s, "lifter", &c.mfcc.lifter, 0, 1e6));
      MOTE_RETURN_IF_ERROR(GetFloat(s, "noise_floor_db", &c.mfcc.noise_floor_db));
      MOTE_RETURN_IF_ERROR(s.Get("subtract_mean", &c.mfcc.subtract_mean));
      break;
    case DspBlock::kMfe:
      MOTE_RETURN_IF_ERROR(ParseFraming(s, &c, &c.mfe.frame));
      MOTE_RETURN_IF_ERROR(ParseMel(s, &c.mfe.mel));
      MOTE_RETURN_IF_ERROR(GetFloat(s, "noise_floor_db", &c.mfe.noise_floor_db));
      break;
    case DspBlock::kSpectrogram:
      MOTE_RETURN_IF_ERROR(ParseFraming(s, &c, &c.spectrogram.frame));
      MOTE_RETURN_IF_ERROR(GetFloat(s, "noise_floor_db", &c.spectrogram.noise_floor_db));
      break;
    case DspBlock::kSpectral:
      MOTE_RETURN_IF_ERROR(ParseSpectral(s, &c.spectral));
      break;
    case DspBlock::kMicroSpeech:
      MOTE_RETURN_IF_ERROR(ParseMicroSpeech(s, &c));
      break;
    case DspBlock::kImage:
      MOTE_RETURN_IF_ERROR(ParseImage(s, &c));
      break;
  }
  return c;
}

Result<DspConfig> ParseProjectDspConfig(const Project& project) {
  MOTE_ASSIGN_OR_RETURN(YamlSection section, project.yaml().Section("dsp"));
  if (!project.yaml().Has("dsp")) return project.yaml().Error("dsp", "is required: mote.yaml has no dsp: section");
  return ParseDspConfig(section);
}

Status DspConfig::DspError(dsp::DspStatus status, const std::string& context) const {
  using S = dsp::DspStatus;
  std::string_view key = "block";
  switch (status) {
    case S::kBadFftLength: key = "fft_length"; break;
    case S::kBadFrameLength: key = PresentKey(section, {"frame_length_ms", "fft_length"}); break;
    case S::kBadFrameStride: key = "frame_stride_ms"; break;
    case S::kBadPadding: key = "padding"; break;
    case S::kBadWindow: key = "window"; break;
    case S::kBadPreEmphasis: key = "pre_emphasis"; break;
    case S::kBadFilterCount: key = PresentKey(section, {"num_filters", "fft_length"}); break;
    case S::kBadFrequencyRange: key = PresentKey(section, {"high_freq_hz", "low_freq_hz", "block"}); break;
    case S::kBadMelScale: key = "mel_scale"; break;
    case S::kBadMelNorm: key = "mel_norm"; break;
    case S::kBadCepstralCount: key = PresentKey(section, {"num_cepstral", "num_filters"}); break;
    case S::kBadLifter: key = "lifter"; break;
    case S::kBadNoiseFloor: key = "noise_floor_db"; break;
    case S::kBadFilterType: key = "filter_type"; break;
    case S::kBadFilterOrder: key = "filter_order"; break;
    case S::kBadCutoff: key = PresentKey(section, {"high_cutoff_hz", "low_cutoff_hz", "filter_type"}); break;
    case S::kBadPeakCount: key = "num_peaks"; break;
    case S::kBadBandEdges: key = "band_edges_hz"; break;
    case S::kBadScale: key = "scale"; break;
    case S::kBadCrop: key = PresentKey(section, {"crop_rect", "crop_aspect", "crop"}); break;
    case S::kBadOutputSize: key = PresentKey(section, {"output_width", "output_height"}); break;
    case S::kBadResizeMethod: key = "resize"; break;
    case S::kBadNormalization: key = PresentKey(section, {"pixel_std", "pixel_mean", "pixel_normalization"}); break;
    case S::kBadOutputType: key = "output"; break;
    case S::kBadQuantization: key = PresentKey(section, {"quant_scale", "quant_zero_point", "output"}); break;
    case S::kBadImageSize:  // the data's size: reported at "block"
    case S::kOk:
    case S::kBadSampleRate:
    case S::kBufferTooSmall: break;
  }
  return section.Error(key, std::string("is invalid: ") + dsp::DspStatusMessage(status) +
                                (context.empty() ? "" : " (" + context + ")"));
}

Result<DspConfig> DspConfig::ForSampleRate(double rate) const {
  DspConfig c = *this;
  if (block == DspBlock::kRaw) return c;
  if (block == DspBlock::kImage) {
    if (rate > 0) return section.Error("block", "image reads images; the data is sampled at " + FormatHz(rate));
    return c;
  }
  if (!(rate > 0)) return section.Error("block", "needs data with a sample rate; images have none (use raw or image)");
  const std::string at = FormatHz(rate);
  auto frame = [&](dsp::FrameParams* f) -> Status {
    MOTE_ASSIGN_OR_RETURN(f->frame_length, MsToSamples(section, "frame_length_ms", frame_length_ms, rate));
    MOTE_ASSIGN_OR_RETURN(f->frame_stride, MsToSamples(section, "frame_stride_ms", frame_stride_ms, rate));
    return Status::Ok();
  };
  dsp::DspStatus status = dsp::DspStatus::kOk;
  uint32_t frame_length = 0;  // samples, for the message about it
  // mfcc, mfe, spectrogram: the framing in samples, the mel bank's rate.
  auto framed = [&](auto& params, dsp::MelParams* mel) -> Status {
    MOTE_RETURN_IF_ERROR(frame(&params.frame));
    if (mel) mel->sample_rate = static_cast<float>(rate);
    status = params.Validate();
    frame_length = params.frame.frame_length;
    return Status::Ok();
  };
  switch (block) {
    case DspBlock::kRaw:
    case DspBlock::kImage: break;
    case DspBlock::kMfcc: MOTE_RETURN_IF_ERROR(framed(c.mfcc, &c.mfcc.mel)); break;
    case DspBlock::kMfe: MOTE_RETURN_IF_ERROR(framed(c.mfe, &c.mfe.mel)); break;
    case DspBlock::kSpectrogram: MOTE_RETURN_IF_ERROR(framed(c.spectrogram, nullptr)); break;
    case DspBlock::kSpectral:
      c.spectral.sample_rate = static_cast<float>(rate);
      status = c.spectral.Validate();
      break;
    case DspBlock::kMicroSpeech: {
      if (rate != dsp::micro_speech::kSampleRateHz)
        return section.Error("block", "micro_speech needs audio at 16000 Hz, the data is at " + at +
                                          " (set data.audio_rate_hz: 16000)");
      MOTE_ASSIGN_OR_RETURN(c.micro_speech.stride_samples,
                            MsToSamples(section, "frame_stride_ms", frame_stride_ms, rate));
      if (const char* problem = dsp::micro_speech::ValidateMicroSpeechFrontendParams(c.micro_speech))
        return section.Error("block", std::string("is invalid: ") + problem);
      break;
    }
  }
  const std::string context = status == dsp::DspStatus::kBadFrameLength
                                  ? "frame_length_ms is " + std::to_string(frame_length) + " samples at " + at
                                  : "data at " + at;
  if (status != dsp::DspStatus::kOk) return c.DspError(status, context);
  return c;
}

Result<DspConfig> DspConfig::ForImageSize(uint32_t width, uint32_t height, uint32_t channels) const {
  DspConfig c = *this;
  if (block != DspBlock::kImage) return c;
  c.image.input_width = width;
  c.image.input_height = height;
  c.image.input_channels = channels;
  const std::string size = std::to_string(width) + " x " + std::to_string(height) + " x " + std::to_string(channels);
  if (c.image.OutputChannels() == 1 && (image_mean_values == 3 || image_std_values == 3))
    return section.Error(PresentKey(section, {image_mean_values == 3 ? "pixel_mean" : "pixel_std"}),
                         "lists 3 channels; the output is gray (images of " + size + ")");
  const dsp::DspStatus status = c.image.Validate();
  if (status != dsp::DspStatus::kOk) return c.DspError(status, "images of " + size);
  return c;
}

json DspConfig::Canonical() const {
  json j = {{"block", DspBlockName(block)},
            {"numeric", DspNumericName(numeric)},
            {"normalize", NormalizeModeName(normalize)}};
  switch (block) {
    case DspBlock::kRaw: j["scale"] = raw_scale; break;
    case DspBlock::kMfcc:
      j.update(FramingJson(*this, mfcc.frame));
      AddMelJson(mfcc.mel, &j);
      j["num_cepstral"] = mfcc.num_cepstral;
      j["lifter"] = mfcc.lifter;
      j["noise_floor_db"] = mfcc.noise_floor_db;
      // Only when on, so that the features of projects written before the
      // key existed keep their cache key.
      if (mfcc.subtract_mean) j["subtract_mean"] = true;
      break;
    case DspBlock::kMfe:
      j.update(FramingJson(*this, mfe.frame));
      AddMelJson(mfe.mel, &j);
      j["noise_floor_db"] = mfe.noise_floor_db;
      break;
    case DspBlock::kSpectrogram:
      j.update(FramingJson(*this, spectrogram.frame));
      j["noise_floor_db"] = spectrogram.noise_floor_db;
      break;
    case DspBlock::kSpectral: {
      const dsp::SpectralParams& p = spectral;
      j.update({{"scale", p.scale}, {"filter_type", NameOf(kFilterTypes, p.filter_type)},
                {"filter_order", p.filter_order}, {"low_cutoff_hz", p.low_cutoff}, {"high_cutoff_hz", p.high_cutoff},
                {"fft_length", p.fft_length}, {"num_peaks", p.num_peaks}, {"peak_threshold", p.peak_threshold},
                {"band_edges_hz", std::vector<float>(p.band_edges, p.band_edges + p.num_band_edges)},
                {"log_scale", p.log_scale}, {"noise_floor_db", p.noise_floor_db}});
      break;
    }
    case DspBlock::kMicroSpeech: {
      const auto& n = micro_speech.noise_reduction;
      j.update({{"frame_stride_ms", frame_stride_ms}, {"output", micro_speech_log_output ? "log" : "int8"},
                {"noise_smoothing_q14", n.smoothing}, {"noise_smoothing_odd_q14", n.alternate_smoothing},
                {"min_signal_remaining_q14", n.min_signal_remaining}});
      break;
    }
    case DspBlock::kImage: {
      const dsp::ImageParams& p = image;
      j.update({{"output_width", p.output_width}, {"output_height", p.output_height},
                {"crop", NameOf(kCropModes, p.crop)}, {"resize", NameOf(kResizeMethods, p.resize)},
                {"grayscale", p.grayscale}, {"pixel_normalization", NameOf(kPixelNormalizations, p.normalization)},
                {"output", NameOf(kImageOutputs, p.output_type)}});
      if (p.crop == dsp::CropMode::kRectangle)
        j["crop_rect"] = {p.crop_rect.x, p.crop_rect.y, p.crop_rect.width, p.crop_rect.height};
      if (p.crop == dsp::CropMode::kCenter) j["crop_aspect"] = {p.crop_aspect_width, p.crop_aspect_height};
      if (p.normalization == dsp::Normalization::kMeanStd) {
        j["pixel_mean"] = std::vector<float>(p.mean, p.mean + 3);
        j["pixel_std"] = std::vector<float>(p.stddev, p.stddev + 3);
      }
      if (p.output_type == dsp::ImageOutputType::kInt8) {
        j["quant_scale"] = p.quant_scale;
        j["quant_zero_point"] = p.quant_zero_point;
      }
      break;
    }
  }
  return j;
}

}  // namespace mote
