// `mote data synth keywords`: a handful of clips from each engine (speech
// synthesis is slow), checked for format, placement of the speech, noise-only
// silence, reproducibility and a clear error when a tool is missing.
#include <gtest/gtest.h>
#include <sndfile.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/subprocess.h"
#include "data/synth/speech_synth.h"
#include "data/synth_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

bool HaveTools(const char* engine) { return !FindProgram(engine).empty() && !FindProgram("sox").empty(); }

testing::RunResult Synth(const fs::path& cwd, std::vector<std::string> args) {
  std::vector<std::string> all = {"data", "synth", "keywords", "--no-import", "-q"};
  all.insert(all.end(), args.begin(), args.end());
  return testing::RunMote(all, cwd);
}

// Mean power of each 40 ms window of the clip.
std::vector<double> WindowPowers(const std::vector<double>& x) {
  constexpr size_t kWindow = 640;
  std::vector<double> powers;
  for (size_t start = 0; start + kWindow <= x.size(); start += kWindow) {
    double p = 0;
    for (size_t i = start; i < start + kWindow; ++i) p += x[i] * x[i];
    powers.push_back(p / kWindow);
  }
  return powers;
}

void ExpectOneSecondClip(const testing::Wav& wav, const fs::path& path) {
  EXPECT_EQ(wav.rate, 16000) << path;
  EXPECT_EQ(wav.channels, 1) << path;
  EXPECT_EQ(wav.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16) << path;
  EXPECT_EQ(wav.samples.size(), 16000u) << path;
}

// The speech sits inside the clip: the first and last 40 ms hold only noise
// (at >= 20 dB SNR, far below the loudest window) and some window is loud.
void ExpectSpeechAwayFromEdges(const testing::Wav& wav, const fs::path& path) {
  std::vector<double> p = WindowPowers(wav.samples);
  ASSERT_EQ(p.size(), 25u);
  double loudest = *std::max_element(p.begin(), p.end());
  EXPECT_GT(loudest, 1e-5) << path << ": no speech";
  EXPECT_LT(p.front(), 0.05 * loudest) << path << ": speech at the start";
  EXPECT_LT(p.back(), 0.05 * loudest) << path << ": speech at the end";
}

TEST(SynthKeywords, EspeakClipsAreOneSecondWithSpeechInside) {
  if (!HaveTools("espeak-ng")) GTEST_SKIP() << "espeak-ng or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  auto r = Synth(dir.path(), {"--labels", "yes,stop,_unknown", "--count", "2", "--snr-min", "20", "--snr-max", "30",
                              "--out", "kw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto files = testing::FilesUnder(dir / "kw");
  ASSERT_EQ(files.size(), 6u);
  EXPECT_EQ(files[0], dir / "kw" / "_unknown" / "0000.wav");
  for (const auto& f : files) {
    testing::Wav wav = testing::ReadWav(f);
    ExpectOneSecondClip(wav, f);
    ExpectSpeechAwayFromEdges(wav, f);
  }
}

TEST(SynthKeywords, SilenceIsSteadyNoise) {
  testing::TempDir dir;
  // _silence needs no speech engine, but the command checks for it up front.
  if (!HaveTools("espeak-ng")) GTEST_SKIP() << "espeak-ng or sox missing; run scripts/setup.sh";
  auto r = Synth(dir.path(), {"--labels", "_silence", "--count", "3", "--out", "kw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& f : testing::FilesUnder(dir / "kw")) {
    testing::Wav wav = testing::ReadWav(f);
    ExpectOneSecondClip(wav, f);
    std::vector<double> p = WindowPowers(wav.samples);
    double lo = *std::min_element(p.begin(), p.end()), hi = *std::max_element(p.begin(), p.end());
    EXPECT_GT(lo, 0) << f << ": digital silence instead of noise";
    EXPECT_LT(hi, 0.01) << f << ": louder than -20 dBFS";
    EXPECT_LT(hi, 20 * lo) << f << ": not steady (a burst, like speech)";
  }
}

TEST(SynthKeywords, SameSeedSameBytes) {
  if (!HaveTools("espeak-ng")) GTEST_SKIP() << "espeak-ng or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  std::vector<std::string> contents[3];
  const char* seeds[] = {"4", "4", "5"};
  for (int i = 0; i < 3; ++i) {
    std::string out = "run" + std::to_string(i);
    auto r = Synth(dir.path(), {"--labels", "go", "--count", "2", "--seed", seeds[i], "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& f : testing::FilesUnder(dir / out)) contents[i].push_back(testing::ReadAll(f));
  }
  ASSERT_EQ(contents[0].size(), 2u);
  EXPECT_EQ(contents[0], contents[1]);
  EXPECT_NE(contents[0][0], contents[2][0]);
  EXPECT_NE(contents[0][1], contents[2][1]);
}

// espeak-ng 1.51 ignores the +variant of some voice names ("en-gb",
// "fr-fr") without a word: every voice the generator speaks in must honour
// it, or a share of the clips loses its variety.
TEST(SynthKeywords, EveryEspeakVoiceHonoursAVariant) {
  if (!HaveTools("espeak-ng")) GTEST_SKIP() << "espeak-ng or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  auto spoken = [&](const std::string& voice) {
    fs::path wav = dir / "up.wav";
    Status s = RunProgram({"espeak-ng", "-v", voice, "-w", wav.string(), "up"});
    EXPECT_TRUE(s.ok()) << s.ToString();
    return std::hash<std::string>()(testing::ReadAll(wav));
  };
  for (std::string_view voice : EspeakBaseVoices()) {
    std::string v(voice);
    EXPECT_NE(spoken(v + "+m3"), spoken(v)) << v;
  }
}

// `count` clips of each of `labels` (comma-separated) from `engine` at a
// high SNR: the output names the generator's `kind`, and every clip is one
// second with the speech inside.
void ExpectEngineClips(const std::string& engine, const std::string& labels, int count, const std::string& kind) {
  testing::TempDir dir;
  auto r = Synth(dir.path(), {"--engine", engine, "--labels", labels, "--count", std::to_string(count), "--snr-min",
                              "20", "--snr-max", "30", "--out", "clips", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"kind\": \"" + kind + "\""), std::string::npos) << r.out;
  auto files = testing::FilesUnder(dir / "clips");
  const auto label_count = static_cast<size_t>(std::count(labels.begin(), labels.end(), ',') + 1);
  ASSERT_EQ(files.size(), label_count * static_cast<size_t>(count));
  for (const auto& f : files) {
    testing::Wav wav = testing::ReadWav(f);
    ExpectOneSecondClip(wav, f);
    ExpectSpeechAwayFromEdges(wav, f);
  }
}

// Each clip says how it was made, so results can be split by voice.
TEST(SynthKeywords, ClipsRecordHowTheyWereMade) {
  if (!HaveTools("espeak-ng")) GTEST_SKIP() << "espeak-ng or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  auto r = Synth(dir.path(), {"--labels", "left,_silence", "--count", "1", "--out", "kw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string speech = testing::ReadWav(dir / "kw/left/0000.wav").comment;
  EXPECT_EQ(speech.rfind("'left': espeak-ng -v ", 0), 0u) << speech;
  for (const char* part : {", sox pitch ", " s in ", " noise, SNR ", " dB, peak "})
    EXPECT_NE(speech.find(part), std::string::npos) << part << " in " << speech;
  std::string silence = testing::ReadWav(dir / "kw/_silence/0000.wav").comment;
  EXPECT_NE(silence.find(" noise at -"), std::string::npos) << silence;
  EXPECT_TRUE(silence.ends_with(" dBFS RMS")) << silence;
}

TEST(SynthKeywords, FliteMakesTheHeldOutSet) {
  if (!HaveTools("flite")) GTEST_SKIP() << "flite or sox missing; run scripts/setup.sh";
  ExpectEngineClips("flite", "left,no", 1, "keywords-flite");
}

TEST(SynthKeywords, FestivalAddsTrainingVoices) {
  if (!HaveTools("text2wave")) GTEST_SKIP() << "festival or sox missing; run scripts/setup.sh";
  ExpectEngineClips("festival", "up,_unknown", 2, "keywords-festival");
}

TEST(SynthKeywords, RHVoiceAddsTrainingVoices) {
  if (!HaveTools("RHVoice-test")) GTEST_SKIP() << "RHVoice or sox missing; run scripts/setup.sh";
  ExpectEngineClips("rhvoice", "off,_unknown", 2, "keywords-rhvoice");
}

// RHVoice-test speaks in its default voice, exit code 0, when asked for one
// it does not have: every voice the generator draws must be installed and
// sound unlike the others.
TEST(SynthKeywords, EveryRHVoiceVoiceIsItsOwn) {
  if (!HaveTools("RHVoice-test")) GTEST_SKIP() << "RHVoice or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  fs::path text = dir / "word.txt";
  testing::WriteText(text, "stop\n");
  std::vector<std::string> spoken;
  for (std::string_view voice : RHVoiceVoices()) {
    EXPECT_TRUE(fs::is_directory(RHVoiceVoiceDir(voice))) << voice;
    fs::path wav_path = dir / (std::string(voice) + ".wav");
    Status s = RunProgram({"RHVoice-test", "-p", std::string(voice), "-i", text.string(), "-o", wav_path.string()});
    ASSERT_TRUE(s.ok()) << voice << ": " << s.ToString();
    testing::Wav wav = testing::ReadWav(wav_path);
    double seconds = static_cast<double>(wav.samples.size()) / wav.rate;
    EXPECT_GT(seconds, 0.2) << voice;
    EXPECT_LT(seconds, 1.5) << voice;
    spoken.push_back(testing::ReadAll(wav_path));
  }
  for (size_t i = 0; i < spoken.size(); ++i)
    for (size_t j = i + 1; j < spoken.size(); ++j) EXPECT_NE(spoken[i], spoken[j]) << i << " and " << j;
}

// text2wave exits 0 with no output for an unknown voice or a voice that
// cannot read the text: each voice the generator draws must say a keyword
// in a plausible time.
TEST(SynthKeywords, EveryFestivalVoiceSpeaksAKeyword) {
  if (!HaveTools("text2wave")) GTEST_SKIP() << "festival or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  fs::path text = dir / "word.txt", wav_path = dir / "word.wav";
  testing::WriteText(text, "stop\n");
  for (std::string_view voice : FestivalVoices()) {
    fs::remove(wav_path);
    Status s = RunProgram(
        {"text2wave", "-eval", "(voice_" + std::string(voice) + ")", "-o", wav_path.string(), text.string()});
    ASSERT_TRUE(s.ok()) << voice << ": " << s.ToString();
    ASSERT_TRUE(fs::exists(wav_path)) << voice << ": no audio";
    testing::Wav wav = testing::ReadWav(wav_path);
    double seconds = static_cast<double>(wav.samples.size()) / wav.rate;
    EXPECT_GT(seconds, 0.2) << voice;
    EXPECT_LT(seconds, 1.5) << voice;
  }
}

// Runs `mote data synth keywords --engine festival` for one "yes" clip with
// $PATH holding only sox, the given `festival` and `text2wave` shell
// scripts (empty: the real program) and /bin.
testing::RunResult SynthWithFakeFestival(const fs::path& dir, const std::string& festival,
                                         const std::string& text2wave) {
  fs::path bin = dir / "bin";
  fs::create_directories(bin);
  fs::create_symlink(FindProgram("sox"), bin / "sox");
  for (const auto& [name, script] : {std::pair{"festival", festival}, std::pair{"text2wave", text2wave}}) {
    if (script.empty()) {
      fs::create_symlink(FindProgram(name), bin / name);
    } else {
      testing::WriteText(bin / name, "#!/bin/sh\n" + script + "\n");
      fs::permissions(bin / name, fs::perms::owner_all);
    }
  }
  std::string old_path = getenv("PATH") ? getenv("PATH") : "";
  setenv("PATH", (bin.string() + ":/bin").c_str(), 1);
  auto r = Synth(dir, {"--engine", "festival", "--labels", "yes", "--count", "1", "--out", "kw"});
  setenv("PATH", old_path.c_str(), 1);
  return r;
}

// A festival without one of the voices: named up front, nothing written.
TEST(SynthKeywords, MissingFestivalVoiceIsAClearError) {
  if (!HaveTools("text2wave")) GTEST_SKIP() << "festival or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  auto r = SynthWithFakeFestival(dir.path(), "echo '(ked_diphone lp_diphone)'", "");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: keywords: festival voice pc_diphone not installed; run scripts/setup.sh\n");
  EXPECT_FALSE(fs::exists(dir / "kw"));
}

// text2wave that exits 0 without writing (as it does on a Scheme error):
// the clip's voice plan and the cause, not sox's complaint about a missing
// file; no clip written.
TEST(SynthKeywords, FestivalWithoutOutputIsAClearError) {
  if (!HaveTools("text2wave")) GTEST_SKIP() << "festival or sox missing; run scripts/setup.sh";
  testing::TempDir dir;
  std::string all_voices = "echo '(";
  for (std::string_view voice : FestivalVoices()) all_voices += std::string(voice) + " ";
  auto r = SynthWithFakeFestival(dir.path(), all_voices + ")'", "exit 0");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("mote: error: keywords: 'yes' with festival voice ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(": text2wave wrote no audio\n"), std::string::npos) << r.err;
  EXPECT_TRUE(testing::FilesUnder(dir / "kw").empty());
}

TEST(SynthKeywords, MissingEngineIsAClearError) {
  testing::TempDir dir;
  std::string old_path = getenv("PATH") ? getenv("PATH") : "";
  setenv("PATH", dir.path().c_str(), 1);  // an empty folder: no espeak-ng, no sox
  auto r = Synth(dir.path(), {"--labels", "yes", "--count", "1", "--out", "kw"});
  setenv("PATH", old_path.c_str(), 1);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: keywords: espeak-ng not found; run scripts/setup.sh\n");
  EXPECT_FALSE(fs::exists(dir / "kw"));
}

}  // namespace
}  // namespace mote
