// `mote data synth keywords`: one-second 16 kHz 16-bit mono WAV clips of the
// words yes, no, up, down, left, right, on, off, stop, go, plus `_unknown`
// (other words) and `_silence` (background noise only).
//
// Each clip is a word spoken by a text-to-speech engine in a random voice
// (speech_synth.h), trimmed, placed at a random offset at least 50 ms from
// either edge, mixed with white, pink or brown noise at a random SNR and
// scaled to a random peak level. The espeak-ng engine makes the training
// set, festival and RHVoice (optional) more training voices of other kinds
// (recorded diphones; statistical voices); flite, a different engine with
// different voices, makes a held-out set, so that accuracy is not measured
// on the voices the model trained on.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "core/status.h"
#include "data/synth/speech_synth.h"
#include "data/synth/synth_generator.h"

namespace mote {

struct KeywordOptions {
  SpeechEngine engine = SpeechEngine::kEspeak;
  double snr_min_db = 5, snr_max_db = 30;  // speech-to-noise ratio, uniform in this range
};

// The ten keywords, then the words `_unknown` clips draw from.
std::span<const std::string_view> KeywordWords();
std::span<const std::string_view> UnknownWords();

// Usage error for a bad SNR range; NotFound (see CheckSpeechTools) when the
// engine or sox is missing; otherwise a generator whose kind() is "keywords"
// (espeak-ng), "keywords-festival", "keywords-rhvoice" or "keywords-flite"
// (so the sets land in different folders and draw different random
// streams). It owns a scratch folder under the system temp dir, removed when
// it is destroyed.
Result<std::unique_ptr<SynthGenerator>> MakeKeywordGenerator(const KeywordOptions& options);

}  // namespace mote
