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
            "mote.yaml:4:10: dsp.block must be raw, mfcc, mfe, spectrogram, spectral or micro_speech, got 'wavelet'");
  EXPECT_EQ(ErrorOf("  numeric: float\n"),
            "mote.yaml:4:3: dsp.block is required: raw, mfcc, mfe, spectrogram, spectral or micro_speech");
  EXPECT_EQ(ErrorOf("  block: image\n"),
            "mote.yaml:4:10: dsp.block image is not available yet (the image block is being written); use raw for "
            "now");
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
