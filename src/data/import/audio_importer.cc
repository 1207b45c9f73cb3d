// Audio files through libsndfile (WAV, FLAC, Ogg Vorbis/Opus, AIFF, AU, ...),
// any sample rate and channel count. One file is one sample of i16
// {frames, channels}; channels are kept as axes ("audio" for mono, "left" and
// "right" for stereo). With ImportOptions::audio_rate_hz set, audio at another
// rate is resampled to it.
#include <sndfile.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "data/import/ascii_case.h"
#include "data/import/importer.h"
#include "data/import/pcm16.h"
#include "data/import/resampler.h"
#include "data/import/sound_chunks.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 14> kExtensions = {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".aif",
                                                          ".aiff", ".aifc", ".au", ".snd", ".caf", ".w64", ".mp3"};

struct SndfileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};

std::vector<Axis> ChannelAxes(int channels) {
  if (channels == 1) return {{"audio", ""}};
  if (channels == 2) return {{"left", ""}, {"right", ""}};
  std::vector<Axis> axes;
  for (int c = 0; c < channels; ++c) axes.push_back({"channel" + std::to_string(c + 1), ""});
  return axes;
}

Result<ImportedSample> ReadAudio(const fs::path& path, const ImportOptions& options) {
  const std::string name = path.string();
  MOTE_RETURN_IF_ERROR(CheckSoundChunks(path));
  SF_INFO info{};
  std::unique_ptr<SNDFILE, SndfileCloser> file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file) return Status::InvalidArgument(name + ": not a readable audio file (libsndfile: " + sf_strerror(nullptr) + ")");
  if (info.frames <= 0 || info.channels <= 0)
    return Status::InvalidArgument(name + ": no audio frames (libsndfile: " + std::to_string(info.frames) +
                                   " frames, " + std::to_string(info.channels) + " channels)");
  if (info.frames > 0xFFFFFFFF) return Status::Unsupported(name + ": more than 2^32 frames; split the recording");
  const auto channels = static_cast<size_t>(info.channels);
  std::vector<float> audio(static_cast<size_t>(info.frames) * channels);
  sf_count_t got = sf_readf_float(file.get(), audio.data(), info.frames);
  if (got != info.frames || sf_error(file.get()) != SF_ERR_NO_ERROR)
    return Status::InvalidArgument(name + ": ends after " + std::to_string(got) + " of its " +
                                   std::to_string(info.frames) + " frames (libsndfile: " + sf_strerror(file.get()) +
                                   ")");
  double rate = info.samplerate;
  if (options.audio_rate_hz > 0 && options.audio_rate_hz != rate) {
    MOTE_ASSIGN_OR_RETURN(audio, Resample(audio, info.channels, rate, options.audio_rate_hz, name));
    rate = options.audio_rate_hz;
  }
  std::vector<int16_t> pcm = FloatToPcm16(audio);
  ImportedSample s;
  s.data = SampleData::FromI16({static_cast<uint32_t>(pcm.size() / channels), static_cast<uint32_t>(channels)}, pcm);
  s.sample_rate_hz = rate;
  s.axes = ChannelAxes(info.channels);
  s.source = name;
  return s;
}

class AudioImporter : public Importer {
 public:
  std::string_view name() const override { return "audio"; }

  bool Accepts(const fs::path& path, std::span<const uint8_t> head) const override {
    std::string ext = LowerExtension(path);
    if (std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end()) return true;
    auto magic = [&](size_t at, const char* m) {
      return head.size() >= at + 4 && std::memcmp(head.data() + at, m, 4) == 0;
    };
    return (magic(0, "RIFF") && magic(8, "WAVE")) || (magic(0, "FORM") && (magic(8, "AIFF") || magic(8, "AIFC"))) ||
           magic(0, "fLaC") || magic(0, "OggS");
  }

  Status Read(std::span<const fs::path> files, const ImportOptions& options, const SampleSink& sink) const override {
    for (const fs::path& f : files) {
      MOTE_ASSIGN_OR_RETURN(ImportedSample s, ReadAudio(f, options));
      MOTE_RETURN_IF_ERROR(sink(std::move(s)));
    }
    return Status::Ok();
  }
};

}  // namespace

MOTE_REGISTER_IMPORTER(AudioImporter);

}  // namespace mote
