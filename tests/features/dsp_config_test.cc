// The dsp: section: every mistake is one line with mote.yaml:line:col and the
// dotted key, including the ones micro/dsp's Validate() finds once the
// sample rate is known; the canonical form ignores spelling, not meaning.
#include "features/dsp_config.h"

#include <gtest/gtest.h>

namespace mote {
namespace {

// Parses "dsp:\n" + `body` (each line already indented by two spaces).
Result<DspConfig> Parse(const std::string& body) {
  auto yaml = YamlSection::Parse("project:\n  name: t\ndsp:\n" + body, "mote.yaml");
  EXPECT_TRUE(yaml.ok()) << yaml.status().ToString();
  auto section = yaml->Section("dsp");
  EXPECT_TRUE(section.ok());
  return ParseDspConfig(*section);
}

std::string ErrorOf(const std::string& body, double rate = 0) {
  auto c = Parse(body);
  if (c.ok() && rate > 0) {
    auto r = c->ForSampleRate(rate);
    return r.ok() ? "ok" : r.status().message();
  }
  return c.ok() ? "ok" : c.status().message();
}

TEST(DspConfig, ParsesEachBlocksParameters) {
  auto c = Parse(
      "  block: mfcc\n  numeric: q15\n  frame_length_ms: 25\n  frame_stride_ms: 10\n  fft_length: 256\n"
      "  padding: center\n  window: hamming\n  pre_emphasis: 0.97\n  num_filters: 26\n  low_freq_hz: 20\n"
      "  high_freq_hz: 4000\n  mel_scale: slaney\n  mel_norm: slaney\n  num_cepstral: 12\n  lifter: 0\n"
      "  noise_floor_db: -80\n  normalize: minmax\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->block, DspBlock::kMfcc);
  EXPECT_EQ(c->numeric, DspNumeric::kQ15);
  EXPECT_EQ(c->normalize, NormalizeMode::kMinMax);
  auto r = c->ForSampleRate(8000);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const dsp::MfccParams& p = r->mfcc;
  EXPECT_EQ(p.frame.frame_length, 200u);  // 25 ms at 8 kHz
  EXPECT_EQ(p.frame.frame_stride, 80u);
  EXPECT_EQ(p.frame.fft_length, 256u);
  EXPECT_EQ(p.frame.padding, dsp::Padding::kCenter);
  EXPECT_EQ(p.frame.window, dsp::WindowType::kHamming);
  EXPECT_FLOAT_EQ(p.frame.pre_emphasis, 0.97f);
  EXPECT_EQ(p.mel.num_filters, 26);
  EXPECT_FLOAT_EQ(p.mel.sample_rate, 8000.0f);
  EXPECT_FLOAT_EQ(p.mel.low_freq, 20.0f);
  EXPECT_FLOAT_EQ(p.mel.high_freq, 4000.0f);
  EXPECT_EQ(p.mel.mel_scale, dsp::MelScale::kSlaney);
  EXPECT_EQ(p.mel.mel_norm, dsp::MelNorm::kSlaney);
  EXPECT_EQ(p.num_cepstral, 12);
  EXPECT_FLOAT_EQ(p.lifter, 0.0f);
  EXPECT_FLOAT_EQ(p.noise_floor_db, -80.0f);

  auto s = Parse(
      "  block: spectral\n  scale: 0.5\n  filter_type: band_pass\n  filter_order: 2\n  low_cutoff_hz: 0.5\n"
      "  high_cutoff_hz: 20\n  fft_length: 64\n  num_peaks: 2\n  peak_threshold: 0.01\n"
      "  band_edges_hz: [0.5, 2, 8, 20]\n  log_scale: true\n  noise_floor_db: -60\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto sr = s->ForSampleRate(62.5);
  ASSERT_TRUE(sr.ok()) << sr.status().ToString();
  EXPECT_EQ(sr->spectral.filter_type, dsp::FilterType::kBandPass);
  EXPECT_EQ(sr->spectral.filter_order, 2);
  EXPECT_EQ(sr->spectral.num_band_edges, 4);
  EXPECT_FLOAT_EQ(sr->spectral.band_edges[3], 20.0f);
  EXPECT_FLOAT_EQ(sr->spectral.sample_rate, 62.5f);
  EXPECT_TRUE(sr->spectral.log_scale);
  EXPECT_EQ(sr->normalize, NormalizeMode::kStandard);  // the default

  auto m = Parse("  block: micro_speech\n  noise_smoothing: 0.05\n");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->normalize, NormalizeMode::kNone);  // its int8 values go to the model as they are
  EXPECT_EQ(m->micro_speech.noise_reduction.smoothing, 819u);  // 0.05 in Q14
  EXPECT_EQ(m->micro_speech.noise_reduction.one_minus_smoothing, 16384u - 819u);
}

TEST(DspConfig, SubtractMeanIsAnMfccOptionInTheCanonicalFormOnlyWhenOn) {
  auto on = Parse("  block: mfcc\n  subtract_mean: true\n");
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  EXPECT_TRUE(on->mfcc.subtract_mean);
  EXPECT_EQ(on->Canonical().value("subtract_mean", false), true);
  auto off = Parse("  block: mfcc\n  subtract_mean: false\n");
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  EXPECT_FALSE(off->mfcc.subtract_mean);
  // Off is the default and leaves the key out, so that older projects'
  // features keep their cache key.
  EXPECT_FALSE(off->Canonical().contains("subtract_mean"));
  EXPECT_EQ(off->Canonical(), Parse("  block: mfcc\n")->Canonical());
  EXPECT_EQ(ErrorOf("  block: mfe\n  subtract_mean: true\n")
                .rfind("mote.yaml:5:18: dsp.subtract_mean does not apply to the mfe block", 0),
            0u);
}

TEST(DspConfig, ParseErrorsNameFileLineColumnAndKey) {
  EXPECT_EQ(ErrorOf("  block: mfcc\n  num_filters: 0\n"), "mote.yaml:5:16: dsp.num_filters must be in [1, 2049]");
  EXPECT_EQ(ErrorOf("  block: mfcc\n  num_filtres: 40\n"),
            "mote.yaml:5:3: unknown key 'dsp.num_filtres' (did you mean 'num_filters'?)");
  EXPECT_EQ(ErrorOf("  block: spectral\n  num_cepstral: 13\n"),
            "mote.yaml:5:17: dsp.num_cepstral does not apply to the spectral block (it takes scale, filter_type, "
            "filter_order, low_cutoff_hz, high_cutoff_hz, fft_length, num_peaks, peak_threshold, band_edges_hz, "
            "log_scale, noise_floor_db)");
  EXPECT_EQ(ErrorOf("  block: mfcc\n  fft_length: 500\n"),
            "mote.yaml:5:15: dsp.fft_length must be a power of two in [16, 4096]");
  EXPECT_EQ(ErrorOf("  block: mfcc\n  window: blackman\n"),
            "mote.yaml:5:11: dsp.window must be hann, hamming or rectangular, got 'blackman'");
  EXPECT_EQ(ErrorOf("  block: wavelet\n"),
            "mote.yaml:4:10: dsp.block must be raw, mfcc, mfe, spectrogram, spectral, micro_speech or image, got "
            "'wavelet'");
  EXPECT_EQ(ErrorOf("  numeric: float\n"),
            "mote.yaml:4:3: dsp.block is required: raw, mfcc, mfe, spectrogram, spectral, micro_speech or image");
  EXPECT_EQ(ErrorOf("  block: spectral\n  numeric: q15\n"),
            "mote.yaml:5:12: dsp.numeric must be float: q15 exists for mfcc, mfe and spectrogram");
  EXPECT_EQ(ErrorOf("  block: spectral\n  band_edges_hz: [1, 5, 3]\n"),
            "mote.yaml:5:18: dsp.band_edges_hz must be increasing");
  EXPECT_EQ(ErrorOf("  block: mfe\n  pre_emphasis: 1\n"), "mote.yaml:5:17: dsp.pre_emphasis must be < 1");
}

TEST(DspConfig, ValidationAtTheSampleRateNamesTheKey) {
  // 50 ms at 16 kHz is 800 samples, more than the 512-point FFT.
  EXPECT_EQ(ErrorOf("  block: mfcc\n  frame_length_ms: 50\n", 16000),
            "mote.yaml:5:20: dsp.frame_length_ms is invalid: frame_length: must be in [1, fft_length] "
            "(frame_length_ms is 800 samples at 16000 Hz)");
  // Nyquist of 8 kHz audio is 4 kHz.
  EXPECT_EQ(ErrorOf("  block: mfe\n  high_freq_hz: 6000\n", 8000),
            "mote.yaml:5:17: dsp.high_freq_hz is invalid: low_freq/high_freq: need 0 <= low_freq < high_freq <= "
            "sample_rate / 2 (data at 8000 Hz)");
  // num_cepstral left at its default (13) but num_filters lowered: the key given is blamed.
  EXPECT_EQ(ErrorOf("  block: mfcc\n  num_filters: 10\n", 16000),
            "mote.yaml:5:16: dsp.num_filters is invalid: num_cepstral: must be in [1, num_filters] (data at "
            "16000 Hz)");
  EXPECT_EQ(ErrorOf("  block: spectral\n  filter_type: low_pass\n  high_cutoff_hz: 40\n", 62.5),
            "mote.yaml:6:19: dsp.high_cutoff_hz is invalid: low_cutoff/high_cutoff: need 0 < cutoff < sample_rate "
            "/ 2 (and low < high for band-pass) (data at 62.5 Hz)");
  EXPECT_EQ(ErrorOf("  block: mfcc\n  frame_stride_ms: 0.01\n", 16000),
            "mote.yaml:5:20: dsp.frame_stride_ms is less than one sample at 16000 Hz");
  EXPECT_EQ(ErrorOf("  block: micro_speech\n", 8000),
            "mote.yaml:4:10: dsp.block micro_speech needs audio at 16000 Hz, the data is at 8000 Hz (set "
            "data.audio_rate_hz: 16000)");
  EXPECT_EQ(ErrorOf("  block: mfcc\n", 16000), "ok");
}

// ErrorOf for the image block on images of width x height x channels.
std::string ImageErrorOf(const std::string& body, uint32_t width, uint32_t height, uint32_t channels) {
  auto c = Parse("  block: image\n" + body);
  if (!c.ok()) return c.status().message();
  auto r = c->ForImageSize(width, height, channels);
  return r.ok() ? "ok" : r.status().message();
}

TEST(DspConfig, ParsesTheImageBlock) {
  auto c = Parse(
      "  block: image\n  output_width: 64\n  output_height: 48\n  crop: rectangle\n  crop_rect: [10, 20, 120, 90]\n"
      "  resize: area\n  grayscale: true\n  pixel_normalization: mean_std\n  pixel_mean: 0.5\n  pixel_std: 0.25\n"
      "  output: int8\n  quant_scale: 0.02\n  quant_zero_point: -3\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->block, DspBlock::kImage);
  EXPECT_EQ(c->normalize, NormalizeMode::kNone);  // the block normalizes pixels itself
  auto r = c->ForImageSize(160, 120, 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const dsp::ImageParams& p = r->image;
  EXPECT_EQ(p.input_width, 160u);
  EXPECT_EQ(p.input_height, 120u);
  EXPECT_EQ(p.input_channels, 3u);
  EXPECT_EQ(p.output_width, 64u);
  EXPECT_EQ(p.output_height, 48u);
  EXPECT_EQ(p.crop, dsp::CropMode::kRectangle);
  EXPECT_EQ(p.crop_rect.x, 10u);
  EXPECT_EQ(p.crop_rect.y, 20u);
  EXPECT_EQ(p.crop_rect.width, 120u);
  EXPECT_EQ(p.crop_rect.height, 90u);
  EXPECT_EQ(p.resize, dsp::ResizeMethod::kArea);
  EXPECT_TRUE(p.grayscale);
  EXPECT_EQ(p.normalization, dsp::Normalization::kMeanStd);
  EXPECT_EQ(p.mean[0], 0.5f);
  EXPECT_EQ(p.mean[2], 0.5f);
  EXPECT_EQ(p.stddev[1], 0.25f);
  EXPECT_EQ(p.output_type, dsp::ImageOutputType::kInt8);
  EXPECT_EQ(p.quant_scale, 0.02f);
  EXPECT_EQ(p.quant_zero_point, -3);
  EXPECT_EQ(dsp::ImageOutputShape(p).size(), 64u * 48u);

  auto d = Parse("  block: image\n");  // defaults: 96 x 96, whole image, bilinear, colour, [0, 1] floats
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->Canonical().dump(),
            R"({"block":"image","crop":"none","grayscale":false,"normalize":"none","numeric":"float",)"
            R"("output":"float","output_height":96,"output_width":96,"pixel_normalization":"zero_to_one",)"
            R"("resize":"bilinear"})");
  auto centre = Parse("  block: image\n  crop: center\n  crop_aspect: [4, 3]\n  pixel_normalization: mean_std\n"
                      "  pixel_mean: [0.485, 0.456, 0.406]\n  pixel_std: [0.229, 0.224, 0.225]\n");
  ASSERT_TRUE(centre.ok()) << centre.status().ToString();
  EXPECT_EQ(centre->image.crop_aspect_width, 4u);
  EXPECT_EQ(centre->image.crop_aspect_height, 3u);
  EXPECT_EQ(centre->image.stddev[2], 0.225f);
  EXPECT_EQ(centre->Canonical()["crop_aspect"], nlohmann::json({4, 3}));
}

TEST(DspConfig, ImageErrorsNameFileLineColumnAndKey) {
  EXPECT_EQ(ImageErrorOf("  output_width: 0\n", 96, 96, 3), "mote.yaml:5:17: dsp.output_width must be in [1, 2048]");
  EXPECT_EQ(ImageErrorOf("  crop: middle\n", 96, 96, 3),
            "mote.yaml:5:9: dsp.crop must be none, center or rectangle, got 'middle'");
  EXPECT_EQ(ImageErrorOf("  crop: rectangle\n", 96, 96, 3),
            "mote.yaml:5:9: dsp.crop rectangle needs crop_rect: [x, y, width, height]");
  EXPECT_EQ(ImageErrorOf("  crop: rectangle\n  crop_rect: [0, 0, 10]\n", 96, 96, 3),
            "mote.yaml:6:14: dsp.crop_rect must list 4 numbers, got 3");
  EXPECT_EQ(ImageErrorOf("  crop: rectangle\n  crop_rect: [0, 0, 10.5, 4]\n", 96, 96, 3),
            "mote.yaml:6:14: dsp.crop_rect must be whole numbers in [0, 4096]");
  EXPECT_EQ(ImageErrorOf("  crop_aspect: [1, 1]\n", 96, 96, 3), "mote.yaml:5:16: dsp.crop_aspect needs crop: center");
  EXPECT_EQ(ImageErrorOf("  resize: nearest\n", 96, 96, 3),
            "mote.yaml:5:11: dsp.resize must be bilinear or area, got 'nearest'");
  EXPECT_EQ(ImageErrorOf("  output: uint8\n", 96, 96, 3),
            "mote.yaml:5:11: dsp.output uint8 needs pixel_normalization: none (pixel values as they are)");
  EXPECT_EQ(ImageErrorOf("  output: int16\n", 96, 96, 3),
            "mote.yaml:5:11: dsp.output must be float, uint8 or int8, got 'int16'");
  EXPECT_EQ(ImageErrorOf("  pixel_mean: 0.5\n", 96, 96, 3),
            "mote.yaml:5:15: dsp.pixel_mean needs pixel_normalization: mean_std");
  EXPECT_EQ(ImageErrorOf("  pixel_normalization: mean_std\n  pixel_std: [0.2, 0, 0.2]\n", 96, 96, 3),
            "mote.yaml:6:14: dsp.pixel_std must be > 0");
  EXPECT_EQ(ImageErrorOf("  pixel_normalization: mean_std\n  pixel_std: [0.2, 0.3]\n", 96, 96, 3),
            "mote.yaml:6:14: dsp.pixel_std must list 1 or 3 numbers (one per channel), got 2");
  EXPECT_EQ(ImageErrorOf("  quant_scale: 0.1\n", 96, 96, 3), "mote.yaml:5:16: dsp.quant_scale needs output: int8");
  EXPECT_EQ(ImageErrorOf("  output: int8\n  quant_zero_point: 128\n", 96, 96, 3),
            "mote.yaml:6:21: dsp.quant_zero_point must be in [-128, 127]");
  EXPECT_EQ(ImageErrorOf("  numeric: q15\n", 96, 96, 3),
            "mote.yaml:5:12: dsp.numeric must be float: q15 exists for mfcc, mfe and spectrogram");
  EXPECT_EQ(ImageErrorOf("  fft_length: 512\n", 96, 96, 3),
            "mote.yaml:5:15: dsp.fft_length does not apply to the image block (it takes output_width, output_height, "
            "crop, crop_rect, crop_aspect, resize, grayscale, pixel_normalization, pixel_mean, pixel_std, output, "
            "quant_scale, quant_zero_point)");
  // Checks that need the images' size.
  EXPECT_EQ(ImageErrorOf("  crop: rectangle\n  crop_rect: [10, 0, 30, 24]\n", 32, 24, 3),
            "mote.yaml:6:14: dsp.crop_rect is invalid: crop: unknown mode, a rectangle that is empty or outside the "
            "input, or half an aspect ratio (images of 32 x 24 x 3)");
  EXPECT_EQ(ImageErrorOf("  grayscale: true\n  pixel_normalization: mean_std\n  pixel_mean: [0.4, 0.5, 0.6]\n", 32,
                         24, 3),
            "mote.yaml:7:15: dsp.pixel_mean lists 3 channels; the output is gray (images of 32 x 24 x 3)");
  EXPECT_EQ(ImageErrorOf("  pixel_normalization: mean_std\n  pixel_std: [0.2, 0.3, 0.4]\n", 32, 24, 1),
            "mote.yaml:6:14: dsp.pixel_std lists 3 channels; the output is gray (images of 32 x 24 x 1)");
  EXPECT_EQ(ImageErrorOf("", 5000, 24, 3),
            "mote.yaml:4:10: dsp.block is invalid: input_width/input_height/input_channels: need 1 to 4096 pixels "
            "and 1 or 3 channels (images of 5000 x 24 x 3)");
  EXPECT_EQ(ImageErrorOf("  crop: center\n", 32, 24, 3), "ok");
  EXPECT_EQ(ErrorOf("  block: image\n", 16000), "mote.yaml:4:10: dsp.block image reads images; the data is sampled at "
                                                 "16000 Hz");
}

TEST(DspConfig, CanonicalFormIsTheMeaningNotTheText) {
  auto a = Parse("  block: mfcc\n  num_filters: 40   # the default\n  fft_length: 512\n");
  auto b = Parse("  fft_length: 512\n  block: mfcc\n");
  auto c = Parse("  block: mfcc\n  num_filters: 32\n");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->Canonical().dump(), b->Canonical().dump());
  EXPECT_NE(a->Canonical().dump(), c->Canonical().dump());
  EXPECT_EQ(c->Canonical()["num_filters"], 32);
}

}  // namespace
}  // namespace mote
