#include "data/synth/speech_synth.h"

#include <sndfile.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <span>

#include "core/subprocess.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

// espeak-ng voices that read English text: English accents, and (less often)
// other languages' voices, which pronounce it with their own accent. Named
// so that a +variant is honoured: espeak-ng 1.51 drops the variant of
// "en-gb" and "fr-fr" without a word, but not of "en" and "fr", the same
// voices.
constexpr std::string_view kEnglishVoices[] = {"en-us", "en", "en-gb-scotland", "en-gb-x-gbclan",
                                               "en-gb-x-rp", "en-gb-x-gbcwmd", "en-029", "en-us-nyc"};
constexpr std::string_view kAccentVoices[] = {"de", "fr", "es", "it", "nl", "sv", "pl",
                                              "pt", "da", "fi", "ro", "cs", "hu", "id"};
// espeak-ng voice variants (espeak-ng --voices=variant); each changes the
// formants, breathiness or pitch contour of the base voice.
constexpr std::string_view kVariants[] = {
    "m1",      "m2",       "m3",     "m4",      "m5",       "m6",     "m7",     "m8",      "f1",
    "f2",      "f3",       "f4",     "f5",      "croak",    "whisper", "whisperf", "klatt", "klatt2",
    "klatt3",  "klatt4",   "adam",   "Alex",    "Alicia",   "Andrea", "Andy",   "Annie",   "aunty",
    "belinda", "benjamin", "boris",  "caleb",   "david",    "ed",     "edward", "grandma", "grandpa",
    "gustave", "iven",     "iven2",  "john",    "linda",    "max",    "michel", "norbert", "paul",
    "quincy",  "rob",      "robert", "steph",   "steph2",   "travis", "victor", "zac",     "Storm",
    "Mike",    "Lee",      "Jacky",  "Gene",    "Hugo",     "Diogo",  "Denis",  "Marco",   "Michael"};
// flite's built-in voices (awb_time only speaks clock times).
constexpr std::string_view kFliteVoices[] = {"kal", "kal16", "awb", "rms", "slt"};
// festival's voices in Debian's main archive that are not flite's speakers
// (its kal and slt are) and read Latin letters: the only other American
// English one, and Italian, Finnish, Czech and Catalan ones, female and
// male, which say English words with their own rules, as espeak-ng's
// other-language voices do. Not the Russian voice (Cyrillic only) nor the
// Hindi one (text2wave crashes on English text).
constexpr std::string_view kFestivalEnglishVoice = "ked_diphone";
constexpr std::string_view kFestivalAccentVoices[] = {"lp_diphone",   "pc_diphone",   "suo_fi_lj_diphone",
                                                      "hy_fi_mv_diphone", "czech_dita", "czech_machac",
                                                      "upc_ca_ona_hts"};

// RHVoice's English voices that are not flite's speakers (its slt is) and
// are free to use (LGPL-2.1+, as the engine; Debian puts them in non-free
// only because the training scripts are missing): CMU ARCTIC's alan
// (Scottish English, male), bdl (American, male) and clb (American,
// female). Not evgeniy-eng or lyubov (CC BY-NC-ND).
constexpr std::string_view kRHVoiceVoices[] = {"alan", "bdl", "clb"};
constexpr std::string_view kRHVoiceDataDir = "/usr/share/RHVoice/voices";

template <typename T, size_t N>
std::string PickName(SynthRandom& rng, const T (&items)[N]) {
  return std::string(rng.Pick(std::span<const T>(items, N)));
}

std::string Fixed(double v, int decimals) {
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return std::string(buf, res.ptr);
}

Result<std::vector<float>> ReadMono(const fs::path& path) {
  SF_INFO info = {};
  SNDFILE* snd = sf_open(path.c_str(), SFM_READ, &info);
  if (!snd) return Status::IoError(path.string() + ": " + sf_strerror(nullptr));
  std::vector<float> samples(static_cast<size_t>(info.frames) * static_cast<size_t>(info.channels));
  sf_count_t got = sf_readf_float(snd, samples.data(), info.frames);
  sf_close(snd);
  if (got != info.frames || info.channels != 1 || info.samplerate != kSpeechRateHz)
    return Status::Internal(path.string() + ": sox output is not " + std::to_string(kSpeechRateHz) +
                            " Hz mono (" + std::to_string(info.samplerate) + " Hz, " +
                            std::to_string(info.channels) + " channels)");
  return samples;
}

// The samples from 10 ms before the first to 10 ms after the last 10 ms frame
// whose RMS is within 40 dB of the loudest frame's; empty if all is silent.
std::vector<float> TrimSilence(const std::vector<float>& x) {
  constexpr size_t kFrame = kSpeechRateHz / 100;
  size_t frames = x.size() / kFrame;
  std::vector<double> rms(frames);
  double loudest = 0;
  for (size_t f = 0; f < frames; ++f) {
    double sum = 0;
    for (size_t i = f * kFrame; i < (f + 1) * kFrame; ++i) sum += static_cast<double>(x[i]) * x[i];
    rms[f] = std::sqrt(sum / kFrame);
    loudest = std::max(loudest, rms[f]);
  }
  if (loudest < 1e-6) return {};
  double threshold = loudest * 0.01;
  size_t first = 0, last = frames - 1;
  while (rms[first] < threshold) ++first;
  while (rms[last] < threshold) --last;
  size_t begin = first > 0 ? (first - 1) * kFrame : 0;
  size_t end = std::min(x.size(), (last + 2) * kFrame);
  auto at = [&](size_t i) { return x.begin() + static_cast<std::ptrdiff_t>(i); };
  return std::vector<float>(at(begin), at(end));
}

// The engine's command line and the sox effects that give this voice its
// pitch and tempo.
struct VoicePlan {
  std::vector<std::string> engine_argv;
  fs::path raw;        // the engine's output
  fs::path text_file;  // when set, the word is written here for the engine to read
  std::vector<std::string> effects;
  double tempo = 1;
  std::string description;
};

// espeak-ng's spectrum shift range (+- cents) and channel draws.
constexpr int kEspeakShiftCents = 400;

// A random recording channel as sox effects: half of the clips are
// band-limited (an 8 kHz source or a cheap microphone: low-pass at 3.4 to
// 7.5 kHz), and each gets a low cut (50 to 300 Hz) and a bass and treble
// tilt of +-6 dB.
void AppendChannel(SynthRandom& rng, VoicePlan* plan) {
  std::string low_cut = std::to_string(50 + rng.Below(251));
  std::string high_cut = rng.Chance(0.5) ? std::to_string(3400 + rng.Below(4101)) : "";
  std::string bass = Fixed(rng.Uniform(-6, 6), 1), treble = Fixed(rng.Uniform(-6, 6), 1);
  plan->effects.insert(plan->effects.end(), {"sinc", high_cut.empty() ? low_cut : low_cut + "-" + high_cut,
                                             "bass", bass, "treble", treble});
  plan->description += ", sox sinc " + low_cut + "-" + high_cut + " bass " + bass + " treble " + treble;
}

// A pitch shift of up to +-400 cents (sox pitch) and a tempo of 0.8 to 1.25.
void AppendPitchAndTempo(SynthRandom& rng, VoicePlan* plan) {
  std::string cents = std::to_string(static_cast<int>(rng.Below(801)) - 400);
  plan->tempo = rng.Uniform(0.8, 1.25);
  plan->effects = {"pitch", cents};
  plan->description += ", sox pitch " + cents + " tempo " + Fixed(plan->tempo, 3);
}

// For the training engines that are not espeak-ng: pitch and tempo, then a
// recording channel. A voice at 16 kHz shifted down runs at a lower rate
// inside sox, and RHVoice speaks at 24 kHz: both go back to the clip rate
// before the channel's band limit.
void AppendPitchTempoAndChannel(SynthRandom& rng, VoicePlan* plan) {
  AppendPitchAndTempo(rng, plan);
  plan->effects.insert(plan->effects.end(), {"rate", std::to_string(kSpeechRateHz)});
  AppendChannel(rng, plan);
}

VoicePlan DrawVoice(SpeechEngine engine, const std::string& word, const fs::path& scratch, SynthRandom& rng) {
  VoicePlan plan;
  plan.raw = scratch.string() + ".raw.wav";
  const fs::path& raw = plan.raw;
  if (engine == SpeechEngine::kEspeak) {
    std::string voice = rng.Chance(0.7) ? PickName(rng, kEnglishVoices) : PickName(rng, kAccentVoices);
    voice += "+" + PickName(rng, kVariants);
    std::string pitch = std::to_string(20 + rng.Below(61));   // 0-99, espeak's default 50
    std::string speed = std::to_string(120 + rng.Below(91));  // words per minute, default 175
    std::string amplitude = std::to_string(60 + rng.Below(121));  // default 100; loud ones clip a little
    plan.engine_argv = {"espeak-ng", "-v", voice, "-p", pitch, "-s", speed, "-a", amplitude, "-w", raw.string(), word};
    plan.description = "espeak-ng -v " + voice + " -p " + pitch + " -s " + speed + " -a " + amplitude;
    // espeak-ng's variants move pitch and a few formants; shifting the whole
    // spectrum (sox pitch scales every frequency) stands for vocal tracts
    // longer or shorter than the formant tables', and the channel below for
    // microphones and sources that are not espeak-ng's full 11 kHz band.
    std::string cents = std::to_string(static_cast<int>(rng.Below(kEspeakShiftCents * 2 + 1)) - kEspeakShiftCents);
    plan.effects = {"pitch", cents};
    plan.description += ", sox pitch " + cents;
    AppendChannel(rng, &plan);
  } else if (engine == SpeechEngine::kFestival) {
    // Half of the clips in the English voice: it is the only one.
    std::string voice = rng.Chance(0.5) ? std::string(kFestivalEnglishVoice) : PickName(rng, kFestivalAccentVoices);
    plan.text_file = scratch.string() + ".txt";
    plan.engine_argv = {"text2wave", "-eval", "(voice_" + voice + ")", "-o", raw.string(), plan.text_file.string()};
    plan.description = "festival voice " + voice;
    AppendPitchTempoAndChannel(rng, &plan);
  } else if (engine == SpeechEngine::kRHVoice) {
    std::string voice = PickName(rng, kRHVoiceVoices);
    plan.text_file = scratch.string() + ".txt";
    plan.engine_argv = {"RHVoice-test", "-p", voice, "-i", plan.text_file.string(), "-o", raw.string()};
    plan.description = "RHVoice " + voice;
    AppendPitchTempoAndChannel(rng, &plan);
  } else {
    std::string voice = PickName(rng, kFliteVoices);
    plan.engine_argv = {"flite", "-voice", voice, "-t", word, "-o", raw.string()};
    plan.description = "flite -voice " + voice;
    AppendPitchAndTempo(rng, &plan);
  }
  return plan;
}

// sox: to 16 kHz mono 32-bit float (no dither, so the output is repeatable)
// with the plan's effects and a tempo change of `tempo`.
Status Convert(const fs::path& raw, const fs::path& out, const std::vector<std::string>& effects, double tempo) {
  std::vector<std::string> argv = {"sox", "-R", "-D", "-V1", raw.string(), "-e", "floating-point", "-b", "32",
                                   "-c", "1", "-r", std::to_string(kSpeechRateHz), out.string()};
  argv.insert(argv.end(), effects.begin(), effects.end());
  if (std::fabs(tempo - 1) > 1e-9) argv.insert(argv.end(), {"tempo", "-s", Fixed(tempo, 4)});
  return RunProgram(argv);
}

// Removes the scratch files however SpeakWord returns.
class ScratchFiles {
 public:
  explicit ScratchFiles(std::vector<fs::path> paths) : paths_(std::move(paths)) {}
  ~ScratchFiles() {
    std::error_code ec;
    for (const auto& p : paths_)
      if (!p.empty()) fs::remove(p, ec);
  }
  ScratchFiles(const ScratchFiles&) = delete;
  ScratchFiles& operator=(const ScratchFiles&) = delete;

 private:
  std::vector<fs::path> paths_;
};

}  // namespace

std::vector<std::string_view> EspeakBaseVoices() {
  std::vector<std::string_view> voices(std::begin(kEnglishVoices), std::end(kEnglishVoices));
  voices.insert(voices.end(), std::begin(kAccentVoices), std::end(kAccentVoices));
  return voices;
}

std::vector<std::string_view> FestivalVoices() {
  std::vector<std::string_view> voices = {kFestivalEnglishVoice};
  voices.insert(voices.end(), std::begin(kFestivalAccentVoices), std::end(kFestivalAccentVoices));
  return voices;
}

std::vector<std::string_view> RHVoiceVoices() { return {std::begin(kRHVoiceVoices), std::end(kRHVoiceVoices)}; }

fs::path RHVoiceVoiceDir(std::string_view voice) { return fs::path(kRHVoiceDataDir) / voice; }

std::string_view SpeechEngineProgram(SpeechEngine engine) {
  switch (engine) {
    case SpeechEngine::kEspeak:
      return "espeak-ng";
    case SpeechEngine::kFestival:
      return "text2wave";
    case SpeechEngine::kRHVoice:
      return "RHVoice-test";
    case SpeechEngine::kFlite:
      break;
  }
  return "flite";
}

Status CheckSpeechTools(SpeechEngine engine) {
  for (std::string_view program : {SpeechEngineProgram(engine), std::string_view("sox")})
    if (FindProgram(program).empty())
      return Status::NotFound("keywords: " + std::string(program) + " not found; run scripts/setup.sh");
  if (engine == SpeechEngine::kRHVoice) {
    // RHVoice-test falls back to its default voice without a word.
    for (std::string_view voice : RHVoiceVoices())
      if (!fs::is_directory(RHVoiceVoiceDir(voice)))
        return Status::NotFound("keywords: RHVoice voice " + std::string(voice) + " not installed (" +
                                RHVoiceVoiceDir(voice).string() + "); run scripts/setup.sh");
    return Status::Ok();
  }
  if (engine != SpeechEngine::kFestival) return Status::Ok();
  // text2wave exits 0 without output when a voice is missing: ask first.
  std::string installed;
  MOTE_RETURN_IF_ERROR(RunProgram({"festival", "--batch", "(print (voice.list))"}, &installed));
  for (char& c : installed)
    if (c == '(' || c == ')' || c == '\n') c = ' ';
  installed = " " + installed + " ";
  for (std::string_view voice : FestivalVoices())
    if (installed.find(" " + std::string(voice) + " ") == std::string::npos)
      return Status::NotFound("keywords: festival voice " + std::string(voice) + " not installed; run scripts/setup.sh");
  return Status::Ok();
}

Result<SpokenWord> SpeakWord(SpeechEngine engine, const std::string& word, double max_seconds, SynthRandom& rng,
                             const fs::path& scratch) {
  VoicePlan plan = DrawVoice(engine, word, scratch, rng);
  fs::path converted = scratch.string() + ".wav";
  ScratchFiles cleanup({plan.raw, converted, plan.text_file});
  auto failed = [&](const Status& s) { return s.WithPrefix("keywords: '" + word + "' with " + plan.description); };
  if (!plan.text_file.empty()) {
    std::ofstream text(plan.text_file);
    text << word << '\n';
    if (!text.flush()) return failed(Status::IoError(plan.text_file.string() + ": cannot write"));
  }

  Status spoken = RunProgram(plan.engine_argv);
  if (!spoken.ok()) return failed(spoken);
  if (!fs::exists(plan.raw)) return failed(Status::Internal(plan.engine_argv[0] + " wrote no audio"));
  auto max_samples = static_cast<size_t>(max_seconds * kSpeechRateHz);
  double tempo = plan.tempo;
  // A slow voice can overrun the clip: speed it up (sox tempo keeps the
  // pitch) by the overrun plus a margin, and check again.
  for (int attempt = 0; attempt < 4; ++attempt) {
    Status converted_ok = Convert(plan.raw, converted, plan.effects, tempo);
    if (!converted_ok.ok()) return failed(converted_ok);
    Result<std::vector<float>> samples = ReadMono(converted);
    if (!samples.ok()) return failed(samples.status());
    std::vector<float> speech = TrimSilence(*samples);
    if (speech.empty()) return failed(Status::Internal("the engine produced only silence"));
    if (speech.size() <= max_samples) {
      float peak = 0;
      for (float v : speech) peak = std::max(peak, std::fabs(v));
      for (float& v : speech) v /= peak;
      return SpokenWord{std::move(speech), plan.description};
    }
    tempo *= 1.05 * static_cast<double>(speech.size()) / static_cast<double>(max_samples);
  }
  return failed(Status::Internal("still longer than " + Fixed(max_seconds, 2) + " s after speeding up"));
}

}  // namespace mote
