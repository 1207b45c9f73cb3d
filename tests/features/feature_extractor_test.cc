// FeatureExtractor computes exactly what the micro/dsp blocks compute when
// called directly on the same window, cuts windows where window.size_ms and
// stride_ms say, pads short samples, and knows its shape beforehand.
#include "features/feature_extractor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "dsp/dsp_test_util.h"
#include "dsp/image_test_util.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/micro_speech/micro_speech_frontend.h"
#include "micro/dsp/spectrogram_q15.h"

namespace mote {
namespace {

DspConfig Config(const std::string& body) {
  auto yaml = YamlSection::Parse("dsp:\n" + body, "mote.yaml");
  EXPECT_TRUE(yaml.ok()) << yaml.status().ToString();
  auto c = ParseDspConfig(*yaml->Section("dsp"));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return *c;
}

InputSpec Audio(double rate, uint32_t channels, uint32_t max_frames) {
  InputSpec s;
  s.kind = InputKind::kAudio;
  s.sample_rate_hz = rate;
  s.channels = channels;
  s.max_frames = max_frames;
  for (uint32_t c = 0; c < channels; ++c) s.axis_names.push_back("ch" + std::to_string(c));
  return s;
}

InputSpec Series(double rate, std::vector<std::string> axes, uint32_t max_frames) {
  InputSpec s;
  s.kind = InputKind::kSeries;
  s.sample_rate_hz = rate;
  s.channels = static_cast<uint32_t>(axes.size());
  s.axis_names = std::move(axes);
  s.max_frames = max_frames;
  return s;
}

std::unique_ptr<FeatureExtractor> Make(const std::string& dsp, const WindowConfig& window, const InputSpec& input) {
  auto e = FeatureExtractor::Create(Config(dsp), window, input);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? std::move(*e) : nullptr;
}

std::vector<int16_t> Pcm(uint32_t length, uint32_t seed) {
  return dsp::testing::ToQ15(dsp::testing::SpeechLikeSignal(length, 16000, seed));
}

TEST(FeatureExtractor, MfccEqualsTheBlockCalledDirectly) {
  const std::vector<int16_t> pcm = Pcm(16000, 1);
  auto e = Make("  block: mfcc\n  num_filters: 32\n  num_cepstral: 10\n", {1000, 1000}, Audio(16000, 1, 16000));
  ASSERT_TRUE(e);
  auto got = e->Compute(SampleData::FromI16({16000, 1}, pcm));
  ASSERT_TRUE(got.ok()) << got.status().ToString();

  dsp::MfccParams p;
  p.mel.num_filters = 32;
  p.num_cepstral = 10;  // the rest: defaults, 30 ms / 20 ms at 16 kHz = 480 / 320
  std::vector<uint8_t> memory(dsp::Mfcc::WorkspaceBytes(p));
  dsp::Arena arena(memory.data(), memory.size());
  dsp::Mfcc mfcc;
  ASSERT_EQ(mfcc.Init(p, &arena), dsp::DspStatus::kOk);
  const dsp::FeatureShape shape = dsp::MfccOutputShape(p, 16000);
  std::vector<float> want(shape.size());
  ASSERT_EQ(mfcc.Compute({pcm.data(), 16000}, want.data(), want.size()), dsp::DspStatus::kOk);

  EXPECT_EQ(e->shape().frames, 49u);
  EXPECT_EQ(e->shape().features, 10u);
  EXPECT_EQ(got->windows, 1u);
  EXPECT_FALSE(got->padded);
  EXPECT_EQ(got->values, want);  // bit for bit: the same code on the same samples
  EXPECT_EQ(e->FeatureNames().front(), "c0");
}

TEST(FeatureExtractor, Q15BlocksGiveTheDeviceValuesOver64) {
  const std::vector<int16_t> pcm = Pcm(8000, 2);
  auto e = Make("  block: spectrogram\n  numeric: q15\n  fft_length: 256\n  frame_length_ms: 16\n  frame_stride_ms: 8\n",
                {500, 500}, Audio(16000, 1, 8000));
  ASSERT_TRUE(e);
  auto got = e->Compute(SampleData::FromI16({8000, 1}, pcm));
  ASSERT_TRUE(got.ok());

  dsp::SpectrogramParams p;
  p.frame.fft_length = 256;
  p.frame.frame_length = 256;
  p.frame.frame_stride = 128;
  std::vector<uint8_t> memory(dsp::SpectrogramQ15::WorkspaceBytes(p));
  dsp::Arena arena(memory.data(), memory.size());
  dsp::SpectrogramQ15 block;
  ASSERT_EQ(block.Init(p, &arena), dsp::DspStatus::kOk);
  const dsp::FeatureShape shape = dsp::SpectrogramOutputShape(p, 8000);
  std::vector<int16_t> q(shape.size());
  ASSERT_EQ(block.Compute({pcm.data(), 8000}, q.data(), q.size()), dsp::DspStatus::kOk);
  ASSERT_EQ(got->values.size(), q.size());
  for (size_t i = 0; i < q.size(); ++i) ASSERT_EQ(got->values[i], q[i] / 64.0f) << i;
  EXPECT_EQ(e->FeatureNames()[2], "125 Hz");  // bin 2 of 256 at 16 kHz
}

TEST(FeatureExtractor, MultiChannelAudioIsMixedToMono) {
  const std::vector<int16_t> left = Pcm(4000, 3), right = Pcm(4000, 4);
  std::vector<int16_t> stereo, mono;
  for (size_t i = 0; i < left.size(); ++i) {
    stereo.push_back(left[i]);
    stereo.push_back(right[i]);
    mono.push_back(static_cast<int16_t>(std::lround((left[i] + right[i]) / 2.0)));
  }
  const std::string dsp = "  block: mfe\n  numeric: q15\n";
  auto e2 = Make(dsp, {250, 250}, Audio(16000, 2, 4000));
  auto e1 = Make(dsp, {250, 250}, Audio(16000, 1, 4000));
  ASSERT_TRUE(e1 && e2);
  auto a = e2->Compute(SampleData::FromI16({4000, 2}, stereo));
  auto b = e1->Compute(SampleData::FromI16({4000, 1}, mono));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->windows, 1u);
  EXPECT_EQ(a->values, b->values);
}

TEST(FeatureExtractor, SpectralWindowsFollowSizeAndStride) {
  // 4 s of 3 axes at 62.5 Hz: 250 frames; 2 s windows (125 frames) every
  // 0.5 s (31.25 -> 31 frames): (250 - 125) / 31 + 1 = 5 windows.
  const uint32_t frames = 250, axes = 3;
  std::vector<float> values(frames * axes);
  for (uint32_t t = 0; t < frames; ++t)
    for (uint32_t a = 0; a < axes; ++a)
      values[t * axes + a] = static_cast<float>(std::sin(0.3 * t * (a + 1)) + 0.1 * a + 0.01 * ((t * 7919) % 13));
  const std::string dsp =
      "  block: spectral\n  filter_type: low_pass\n  high_cutoff_hz: 10\n  fft_length: 32\n"
      "  band_edges_hz: [0, 2, 10]\n";
  auto e = Make(dsp, {2000, 500}, Series(62.5, {"accX", "accY", "accZ"}, frames));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->window_frames(), 125u);
  EXPECT_EQ(e->stride_frames(), 31u);
  EXPECT_EQ(e->WindowCount(frames), 5u);
  auto got = e->Compute(SampleData::FromF32({frames, axes}, values));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->windows, 5u);

  dsp::SpectralParams p = e->dsp().spectral;
  EXPECT_FLOAT_EQ(p.sample_rate, 62.5f);
  std::vector<uint8_t> memory(dsp::SpectralFeatures::WorkspaceBytes(p));
  dsp::Arena arena(memory.data(), memory.size());
  dsp::SpectralFeatures block;
  ASSERT_EQ(block.Init(p, &arena), dsp::DspStatus::kOk);
  const size_t per = dsp::SpectralOutputShape(p, axes).size();
  ASSERT_EQ(e->shape().size(), per);
  ASSERT_EQ(per, 3u * (3 + 2 * 3 + 2));
  for (uint32_t w = 0; w < 5; ++w) {
    std::vector<float> want(per);
    ASSERT_EQ(block.Compute(values.data() + w * 31 * axes, 125, axes, want.data(), per), dsp::DspStatus::kOk);
    EXPECT_EQ(std::vector<float>(got->values.begin() + w * per, got->values.begin() + (w + 1) * per), want) << w;
  }
  EXPECT_EQ(e->FeatureNames()[0], "accX rms");
  EXPECT_EQ(e->FeatureNames()[10], "accX band 2-10 Hz");
  EXPECT_EQ(e->FeatureNames()[11], "accY rms");
}

TEST(FeatureExtractor, ShortSamplesArePaddedWithZeros) {
  const std::vector<float> values = {1, 2, 3, 4, 5};
  auto e = Make("  block: raw\n  scale: 2\n", {1000, 1000}, Series(8, {"x"}, 5));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->shape().frames, 8u);  // 1 s at 8 Hz
  auto got = e->Compute(SampleData::FromF32({5, 1}, values));
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->padded);
  EXPECT_EQ(got->windows, 1u);
  EXPECT_EQ(got->values, (std::vector<float>{2, 4, 6, 8, 10, 0, 0, 0}));
}

TEST(FeatureExtractor, MicroSpeechEqualsTheFrontEndPerWindow) {
  const std::vector<int16_t> pcm = Pcm(32000, 5);
  auto e = Make("  block: micro_speech\n", {1000, 500}, Audio(16000, 1, 32000));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->shape().frames, 49u);
  EXPECT_EQ(e->shape().features, 40u);
  auto got = e->Compute(SampleData::FromI16({32000, 1}, pcm));
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->windows, 3u);  // 0, 0.5 and 1 s
  dsp::micro_speech::MicroSpeechFrontend frontend;
  for (uint32_t w = 0; w < 3; ++w) {
    std::vector<int8_t> want(49 * 40);
    ASSERT_EQ(frontend.ProcessClip(pcm.data() + w * 8000, 16000, want.data(), 49), 49u);
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got->values[w * want.size() + i], want[i]) << w << " " << i;
  }
}

InputSpec Image(uint32_t width, uint32_t height, uint32_t channels) {
  InputSpec s;
  s.kind = InputKind::kImage;
  s.channels = channels;
  s.axis_names = channels == 3 ? std::vector<std::string>{"R", "G", "B"} : std::vector<std::string>{"gray"};
  s.max_frames = height;
  s.width = width;
  return s;
}

TEST(FeatureExtractor, ImageEqualsTheBlockCalledDirectly) {
  const std::vector<uint8_t> image = dsp::testing::RandomImage(40, 30, 3, 7);
  const SampleData sample = SampleData::FromU8({30, 40, 3}, image);
  dsp::ImageParams params = dsp::testing::CenterCropAreaParams(40, 30, 24, 24);

  auto rgb = Make("  block: image\n  output_width: 24\n  output_height: 24\n  crop: center\n  resize: area\n", {},
                  Image(40, 30, 3));
  ASSERT_TRUE(rgb);
  EXPECT_EQ(rgb->shape().frames, 24u);
  EXPECT_EQ(rgb->shape().features, 24u * 3);
  EXPECT_EQ(rgb->FeatureNames()[4], "x1 G");
  auto got = rgb->Compute(sample);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->windows, 1u);
  EXPECT_EQ(got->values, dsp::testing::RunImageBlock<float>(params, image));

  // Gray int8: the block's int8 values, as floats.
  params.grayscale = true;
  params.output_type = dsp::ImageOutputType::kInt8;
  params.normalization = dsp::Normalization::kMinusOneToOne;
  params.quant_scale = 1.0f / 128;
  params.quant_zero_point = 0;
  auto gray = Make("  block: image\n  output_width: 24\n  output_height: 24\n  crop: center\n  resize: area\n"
                   "  grayscale: true\n  pixel_normalization: minus_one_to_one\n  output: int8\n"
                   "  quant_scale: 0.0078125\n  quant_zero_point: 0\n",
                   {}, Image(40, 30, 3));
  ASSERT_TRUE(gray);
  EXPECT_EQ(gray->shape().features, 24u);
  EXPECT_EQ(gray->FeatureNames()[1], "x1");
  got = gray->Compute(sample);
  ASSERT_TRUE(got.ok());
  const std::vector<int8_t> want = dsp::testing::RunImageBlock<int8_t>(params, image);
  ASSERT_EQ(got->values.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got->values[i], want[i]) << i;

  // uint8: pixel values as they are.
  auto bytes = Make("  block: image\n  output_width: 40\n  output_height: 30\n  pixel_normalization: none\n"
                    "  output: uint8\n", {}, Image(40, 30, 3));
  ASSERT_TRUE(bytes);
  got = bytes->Compute(sample);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->values, std::vector<float>(image.begin(), image.end()));  // identity resize

  auto on_audio = FeatureExtractor::Create(Config("  block: image\n"), {}, Audio(16000, 1, 16000));
  ASSERT_FALSE(on_audio.ok());
  EXPECT_EQ(on_audio.status().message(), "mote.yaml:2:10: dsp.block image reads images; the data is sampled at 16000 Hz");
  auto mfcc_on_images = FeatureExtractor::Create(Config("  block: mfcc\n"), {}, Image(40, 30, 3));
  ASSERT_FALSE(mfcc_on_images.ok());
  EXPECT_EQ(mfcc_on_images.status().message(),
            "mote.yaml:2:10: dsp.block needs data with a sample rate; images have none (use raw or image)");
}

TEST(FeatureExtractor, ShapeComesFromParametersNotValues) {
  auto e = Make("  block: mfcc\n", {1000, 250}, Audio(16000, 1, 20000));
  ASSERT_TRUE(e);
  const dsp::FeatureShape shape = e->shape();
  for (uint32_t frames : {100u, 16000u, 20000u}) {
    auto got = e->Compute(SampleData::FromI16({frames, 1}, Pcm(frames, frames)));
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->windows, e->WindowCount(frames));
    EXPECT_EQ(got->values.size(), got->windows * shape.size());
  }
  EXPECT_EQ(e->WindowCount(20000), 2u);  // (20000 - 16000) / 4000 + 1
  EXPECT_EQ(e->WindowCount(27999), 3u);
}

TEST(FeatureExtractor, DataThatDoesNotSuitTheBlockIsAnErrorAtTheKey) {
  auto three_axes = FeatureExtractor::Create(Config("  block: mfcc\n"), {1000, 1000},
                                             Series(100, {"x", "y", "z"}, 100));
  ASSERT_FALSE(three_axes.ok());
  EXPECT_EQ(three_axes.status().message(),
            "mote.yaml:2:10: dsp.block mfcc reads one channel; the data has 3 axes (use spectral or raw)");
  auto short_window = FeatureExtractor::Create(Config("  block: mfe\n  frame_length_ms: 30\n"), {20, 20},
                                               Audio(16000, 1, 320));
  ASSERT_FALSE(short_window.ok());
  EXPECT_EQ(short_window.status().message(),
            "mote.yaml:3:20: dsp.frame_length_ms is longer than a window (320 samples); lengthen window.size_ms or "
            "shorten the frame");
  auto e = Make("  block: raw\n", {}, Series(100, {"x"}, 10));
  ASSERT_TRUE(e);
  auto wrong = e->Compute(SampleData::FromF32({10, 2}, std::vector<float>(20)));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("channels"), std::string::npos);
}

}  // namespace
}  // namespace mote
