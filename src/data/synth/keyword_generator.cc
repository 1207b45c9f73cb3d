#include "data/synth/keyword_generator.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "data/synth/colored_noise.h"
#include "data/synth/wav_encode.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kKeywords[] = {"yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"};
constexpr std::string_view kUnknown[] = {
    "bed",   "bird",  "cat",    "dog",   "happy",   "house", "tree",   "wow",      "zero",  "one",
    "two",   "three", "four",   "five",  "six",     "seven", "eight",  "nine",     "learn", "follow",
    "forward", "backward", "visual", "yellow", "window", "music", "table", "river", "apple", "green"};

constexpr std::string_view kSilence = "_silence", kUnknownLabel = "_unknown";
constexpr size_t kClip = kSpeechRateHz;             // one second
constexpr size_t kMargin = kSpeechRateHz / 20;      // 50 ms kept clear at each edge

double FromDb(double db) { return std::pow(10.0, db / 20); }

class KeywordGenerator : public SynthGenerator {
 public:
  KeywordGenerator(const KeywordOptions& options, fs::path scratch) : o_(options), scratch_(std::move(scratch)) {}
  ~KeywordGenerator() override {
    std::error_code ec;
    fs::remove_all(scratch_, ec);
  }
  KeywordGenerator(const KeywordGenerator&) = delete;
  KeywordGenerator& operator=(const KeywordGenerator&) = delete;

  std::string_view kind() const override {
    switch (o_.engine) {
      case SpeechEngine::kEspeak:
        return "keywords";
      case SpeechEngine::kFestival:
        return "keywords-festival";
      case SpeechEngine::kRHVoice:
        return "keywords-rhvoice";
      case SpeechEngine::kFlite:
        break;
    }
    return "keywords-flite";
  }
  std::vector<std::string> labels() const override {
    std::vector<std::string> labels(std::begin(kKeywords), std::end(kKeywords));
    labels.emplace_back(kUnknownLabel);
    labels.emplace_back(kSilence);
    return labels;
  }
  std::string_view extension() const override { return ".wav"; }

  // Each clip's INFO comment says how it was made (the voice, sox's
  // effects, the noise and levels), so that results can be split by voice.
  Result<std::string> Render(const std::string& label, int64_t index, SynthRandom& rng) const override {
    std::vector<float> clip(kClip, 0.0f);
    NoiseColor color = rng.Pick(std::span<const NoiseColor>(kNoiseColors));
    std::string how;
    if (label == kSilence) {
      // Background alone, from a quiet room to a noisy one (RMS in dBFS).
      double level_db = rng.Uniform(-65, -25);
      double level = FromDb(level_db);
      std::vector<float> noise = ColoredNoise(color, kClip, rng);
      for (size_t i = 0; i < kClip; ++i) clip[i] = static_cast<float>(noise[i] * level);
      how = fmt::format("{} noise at {:.1f} dBFS RMS", NoiseColorName(color), level_db);
    } else {
      std::string word = label == kUnknownLabel ? std::string(rng.Pick(UnknownWords())) : label;
      fs::path scratch = scratch_ / (label + "-" + std::to_string(index));
      constexpr double kMaxSpeech = static_cast<double>(kClip - 2 * kMargin) / kSpeechRateHz;
      MOTE_ASSIGN_OR_RETURN(SpokenWord spoken, SpeakWord(o_.engine, word, kMaxSpeech, rng, scratch));
      const std::vector<float>& speech = spoken.samples;
      size_t offset = kMargin + rng.Below(kClip - 2 * kMargin - speech.size() + 1);
      double speech_power = 0;
      for (float v : speech) speech_power += static_cast<double>(v) * v;
      speech_power /= static_cast<double>(speech.size());
      double snr_db = rng.Uniform(o_.snr_min_db, o_.snr_max_db);
      double noise_rms = std::sqrt(speech_power) / FromDb(snr_db);
      std::vector<float> noise = ColoredNoise(color, kClip, rng);
      std::vector<double> mix(kClip);
      double peak = 0;
      for (size_t i = 0; i < kClip; ++i) {
        double s = i >= offset && i - offset < speech.size() ? speech[i - offset] : 0.0;
        mix[i] = s + noise_rms * noise[i];
        peak = std::max(peak, std::fabs(mix[i]));
      }
      // From a distant speaker to one close to the microphone.
      double peak_db = rng.Uniform(-20, -1);
      double gain = FromDb(peak_db) / peak;
      for (size_t i = 0; i < kClip; ++i) clip[i] = static_cast<float>(mix[i] * gain);
      how = fmt::format("'{}': {}; at {:.3f} s in {} noise, SNR {:.1f} dB, peak {:.1f} dBFS", word, spoken.voice,
                        static_cast<double>(offset) / kSpeechRateHz, NoiseColorName(color), snr_db, peak_db);
    }
    return EncodeWavPcm16(ToPcm16(clip), kSpeechRateHz, how);
  }

 private:
  KeywordOptions o_;
  fs::path scratch_;
};

}  // namespace

std::span<const std::string_view> KeywordWords() { return kKeywords; }
std::span<const std::string_view> UnknownWords() { return kUnknown; }

Result<std::unique_ptr<SynthGenerator>> MakeKeywordGenerator(const KeywordOptions& o) {
  if (!(o.snr_min_db <= o.snr_max_db)) return Status::Usage("--snr-min/--snr-max: need snr-min <= snr-max");
  MOTE_RETURN_IF_ERROR(CheckSpeechTools(o.engine));
  std::string pattern = (fs::temp_directory_path() / "mote-keywords-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return Status::IoError(pattern + ": cannot create a scratch folder");
  return std::unique_ptr<SynthGenerator>(std::make_unique<KeywordGenerator>(o, fs::path(pattern)));
}

}  // namespace mote
