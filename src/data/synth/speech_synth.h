// Speaking one word with an external text-to-speech engine (espeak-ng,
// festival, RHVoice or flite) in a randomly drawn voice, converted with sox
// to 16 kHz mono and trimmed of the silence around it. Used by the keyword
// generator.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "data/synth/synth_random.h"

namespace mote {

enum class SpeechEngine {
  kEspeak,  // espeak-ng: many languages x voice variants x pitch x speed
  kFlite,   // flite: voices kal, kal16, awb, rms, slt; pitch and tempo via sox
  // festival (text2wave): recorded-diphone voices, none of them a flite
  // speaker: American English ked and, reading English with their own
  // letter-to-sound rules, Italian, Finnish, Czech and Catalan voices;
  // pitch, tempo and channel via sox.
  kFestival,
  // RHVoice (RHVoice-test): statistical parametric (HMM) voices, the kind
  // flite's awb, rms and slt are, trained on other speakers: alan, bdl and
  // clb; pitch, tempo and channel via sox.
  kRHVoice,
};

inline constexpr int kSpeechRateHz = 16000;

// The engine's program name ("espeak-ng", "flite", "text2wave",
// "RHVoice-test").
std::string_view SpeechEngineProgram(SpeechEngine engine);

// The espeak-ng voices clips are spoken in (each with a +variant).
std::vector<std::string_view> EspeakBaseVoices();

// The festival voices clips are spoken in, as festival names them
// ("ked_diphone" is selected by the Scheme call (voice_ked_diphone)).
std::vector<std::string_view> FestivalVoices();

// The RHVoice voices clips are spoken in, as its data folder names them.
std::vector<std::string_view> RHVoiceVoices();

// Where RHVoice-test finds a voice (Debian's rhvoice-english puts it there).
std::filesystem::path RHVoiceVoiceDir(std::string_view voice);

// NotFound "keywords: PROGRAM not found; run scripts/setup.sh" when the
// engine or sox is not in $PATH, and for festival "keywords: festival voice
// NAME not installed; ..." when one of FestivalVoices() is missing (runs
// festival once, about 0.3 s), and likewise for RHVoice (RHVoice-test speaks
// in its default voice, without a word, when asked for a missing one).
Status CheckSpeechTools(SpeechEngine engine);

struct SpokenWord {
  std::vector<float> samples;  // mono, kSpeechRateHz, trimmed, peak |x| = 1
  std::string voice;           // how it was spoken, for messages
};

// Speaks `word` in a voice, pitch and speed drawn from `rng`. Output longer
// than `max_seconds` is sped up with sox's tempo effect (pitch kept) until it
// fits. Works in the files `scratch` + ".raw.wav", ".wav" and ".txt" and
// removes them.
// The same `rng` state gives the same samples on a machine with the same
// engine versions. Thread-safe when concurrent calls use different `scratch`.
Result<SpokenWord> SpeakWord(SpeechEngine engine, const std::string& word, double max_seconds, SynthRandom& rng,
                             const std::filesystem::path& scratch);

}  // namespace mote
