// The audio importer: exact 16-bit round trips, stereo channels as axes,
// resampling to data.audio_rate_hz that keeps a tone's frequency, clipping;
// and one-line errors for truncated and corrupt WAV files.
#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <numbers>

#include "core/file_util.h"
#include "data/dataset_store.h"
#include "data/import_test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;

// Writes interleaved float audio with libsndfile in `format`.
void WriteAudio(const fs::path& path, const std::vector<float>& interleaved, int channels, int rate, int format) {
  fs::create_directories(path.parent_path());
  SF_INFO info{};
  info.channels = channels;
  info.samplerate = rate;
  info.format = format;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(f, nullptr) << sf_strerror(nullptr);
  sf_count_t frames = static_cast<sf_count_t>(interleaved.size()) / channels;
  EXPECT_EQ(sf_writef_float(f, interleaved.data(), frames), frames);
  sf_close(f);
}

// Writes 16-bit samples as they are (libsndfile's float writer would scale
// by 32767, not 32768).
void WritePcm16Wav(const fs::path& path, const std::vector<int16_t>& samples, int rate) {
  fs::create_directories(path.parent_path());
  SF_INFO info{};
  info.channels = 1;
  info.samplerate = rate;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(f, nullptr) << sf_strerror(nullptr);
  EXPECT_EQ(sf_writef_short(f, samples.data(), static_cast<sf_count_t>(samples.size())),
            static_cast<sf_count_t>(samples.size()));
  sf_close(f);
}

// `seconds` of a sine per channel at `hz[c]`, amplitude 0.5.
std::vector<float> Sines(const std::vector<double>& hz, int rate, double seconds) {
  size_t frames = static_cast<size_t>(rate * seconds);
  std::vector<float> out;
  for (size_t i = 0; i < frames; ++i)
    for (double f : hz) out.push_back(static_cast<float>(0.5 * std::sin(2 * std::numbers::pi * f * i / rate)));
  return out;
}

// Frequency of the tone in channel `c` from its upward zero crossings,
// measured away from the ends where a resampler's filter settles.
double ToneHz(std::span<const int16_t> pcm, size_t channels, size_t c, double rate) {
  size_t frames = pcm.size() / channels;
  size_t begin = frames / 10, end = frames - frames / 10;
  std::vector<double> crossings;
  for (size_t i = begin + 1; i < end; ++i) {
    int16_t a = pcm[(i - 1) * channels + c], b = pcm[i * channels + c];
    if (a < 0 && b >= 0) crossings.push_back(static_cast<double>(i - 1) + static_cast<double>(-a) / (b - a));
  }
  if (crossings.size() < 2) return 0;
  return rate * static_cast<double>(crossings.size() - 1) / (crossings.back() - crossings.front());
}

class AudioImporterTest : public ::testing::Test {
 protected:
  TempDir tmp_;
  fs::path dir_ = tmp_ / "audio";
};

TEST_F(AudioImporterTest, Pcm16MonoRoundTripsExactly) {
  std::vector<int16_t> pcm = {0, 1, -1, 32767, -32768, 1234, -4321, 77};
  fs::path wav = dir_ / "m.wav";
  WritePcm16Wav(wav, pcm, 8000);
  auto samples = ReadWith("audio", {wav});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 1u);
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.data.dtype, DType::kI16);
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{8, 1}));
  EXPECT_EQ(std::vector<int16_t>(s.data.i16().begin(), s.data.i16().end()), pcm);
  EXPECT_EQ(s.sample_rate_hz, 8000);
  ASSERT_EQ(s.axes.size(), 1u);
  EXPECT_EQ(s.axes[0].name, "audio");
  EXPECT_EQ(s.source, wav.string());
}

TEST_F(AudioImporterTest, FlacKeepsItsRateWithoutATarget) {
  fs::path flac = dir_ / "tone.flac";
  WriteAudio(flac, Sines({500}, 22050, 0.2), 1, 22050, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
  auto samples = ReadWith("audio", {flac});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.sample_rate_hz, 22050);
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{4410, 1}));
  EXPECT_NEAR(ToneHz(s.data.i16(), 1, 0, 22050), 500, 1);
}

TEST_F(AudioImporterTest, FloatAboveFullScaleIsClipped) {
  fs::path wav = dir_ / "loud.wav";
  WriteAudio(wav, {1.5f, -2.0f, 0.25f, 0.0f}, 1, 16000, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  auto samples = ReadWith("audio", {wav});
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  EXPECT_EQ(std::vector<int16_t>((*samples)[0].data.i16().begin(), (*samples)[0].data.i16().end()),
            (std::vector<int16_t>{32767, -32768, 8192, 0}));
}

TEST_F(AudioImporterTest, StereoIsResampledToTheProjectRateKeepingFrequencies) {
  // 1.5 s at 44.1 kHz: 440 Hz on the left, 1000 Hz on the right.
  const double seconds = 1.5;
  fs::path wav = dir_ / "stereo.wav";
  WriteAudio(wav, Sines({440, 1000}, 44100, seconds), 2, 44100, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  fs::path project = MakeProject(tmp_, "  audio_rate_hz: 16000");
  RunResult r = RunImport(project, {wav.string(), "--label", "tone"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  ASSERT_TRUE(store.ok());
  auto list = (*store)->List(SampleFilter{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  const SampleInfo& info = (*list)[0];
  EXPECT_EQ(info.sample_rate_hz, 16000);
  EXPECT_EQ(info.dtype, DType::kI16);
  ASSERT_EQ(info.shape.size(), 2u);
  EXPECT_NEAR(info.shape[0], 16000 * seconds, 2);
  EXPECT_EQ(info.shape[1], 2u);
  ASSERT_EQ(info.axes.size(), 2u);
  EXPECT_EQ(info.axes[0].name, "left");
  EXPECT_EQ(info.axes[1].name, "right");
  EXPECT_NEAR(info.duration_ms(), 1000 * seconds, 0.2);
  auto data = (*store)->Load(info.hash);
  ASSERT_TRUE(data.ok());
  EXPECT_NEAR(ToneHz(data->i16(), 2, 0, 16000), 440, 0.5);
  EXPECT_NEAR(ToneHz(data->i16(), 2, 1, 16000), 1000, 0.5);
  // The amplitude survives too (0.5 of full scale).
  int16_t peak = *std::max_element(data->i16().begin(), data->i16().end());
  EXPECT_NEAR(peak, 16384, 200);
}

class AudioErrorTest : public AudioImporterTest {
 protected:
  void SetUp() override {
    project_ = MakeProject(tmp_);
    good_ = dir_ / "good.wav";
    WriteAudio(good_, Sines({300}, 8000, 0.1), 1, 8000, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  }
  fs::path project_, good_;
};

TEST_F(AudioErrorTest, TruncatedDataChunk) {
  fs::path wav = dir_ / "full.wav";
  WriteAudio(wav, Sines({300}, 8000, 0.5), 1, 8000, SF_FORMAT_WAV | SF_FORMAT_PCM_16);  // 8000 data bytes
  auto bytes = ReadFile(wav);
  ASSERT_TRUE(bytes.ok());
  size_t data_at = bytes->find("data");
  ASSERT_NE(data_at, std::string::npos);
  fs::path cut = dir_ / "cut.wav";
  WriteText(cut, bytes->substr(0, bytes->size() - 3000));
  ExpectImportFails(project_, {good_.string(), cut.string(), "--label", "a"},
                    {"cut.wav: byte " + std::to_string(data_at) + ": 'data' chunk declares 8000 bytes",
                     "ends after 5000 of them (truncated file)"});
}

TEST_F(AudioErrorTest, CorruptHeader) {
  auto bytes = ReadFile(good_);
  ASSERT_TRUE(bytes.ok());
  std::string corrupt = *bytes;
  size_t fmt_at = corrupt.find("fmt ");
  ASSERT_NE(fmt_at, std::string::npos);
  corrupt[fmt_at + 8] = 0x34;  // an unknown format tag
  corrupt[fmt_at + 9] = 0x12;
  fs::path wav = dir_ / "corrupt.wav";
  WriteText(wav, corrupt);
  ExpectImportFails(project_, {good_.string(), wav.string(), "--label", "a"},
                    {"corrupt.wav: not a readable audio file (libsndfile: "});
}

TEST_F(AudioErrorTest, ChunkRunningPastTheEnd) {
  auto bytes = ReadFile(good_);
  ASSERT_TRUE(bytes.ok());
  std::string corrupt = *bytes;
  corrupt[16] = '\xff';  // the 'fmt ' chunk's size (at byte 12 + 4) becomes huge
  corrupt[17] = '\xff';
  fs::path wav = dir_ / "fmtsize.wav";
  WriteText(wav, corrupt);
  ExpectImportFails(project_, {good_.string(), wav.string(), "--label", "a"},
                    {"fmtsize.wav: byte 12: 'fmt ' chunk declares", "corrupt header or truncated file"});
}

TEST_F(AudioErrorTest, NotAudioAtAll) {
  fs::path wav = dir_ / "text.wav";
  WriteText(wav, "this is not a WAV file\n");
  ExpectImportFails(project_, {good_.string(), wav.string(), "--label", "a"},
                    {"text.wav: not a readable audio file (libsndfile: "});
}

}  // namespace
}  // namespace mote::testing
