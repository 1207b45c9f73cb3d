// The interface of `mote data synth` generators: each one turns (label, index,
// random stream) into the bytes of one file. Generators live one per file
// (motion_generator.h, vibration_generator.h, keyword_generator.h); RunSynth
// (synth_run.h) drives any of them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "data/synth/synth_random.h"

namespace mote {

class SynthGenerator {
 public:
  virtual ~SynthGenerator() = default;
  // Names the data ("motion"): the default folder data/<kind>/ and part of
  // every file's random-stream key.
  virtual std::string_view kind() const = 0;
  // Every label this generator can produce, in a fixed order.
  virtual std::vector<std::string> labels() const = 0;
  // File name extension, with the dot (".csv", ".wav").
  virtual std::string_view extension() const = 0;
  // The complete bytes of file `index` of `label` (one of labels()). The
  // result depends only on the generator's options and on what is drawn
  // from `rng`, so equal seeds give equal bytes. Thread-safe: RunSynth calls
  // it from several threads at once, with a different `rng` each.
  virtual Result<std::string> Render(const std::string& label, int64_t index, SynthRandom& rng) const = 0;
};

}  // namespace mote
