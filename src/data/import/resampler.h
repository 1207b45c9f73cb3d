// Sample-rate conversion of interleaved float audio with libsamplerate, for
// importers that bring recordings to the project's data.audio_rate_hz.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace mote {

// Resamples `interleaved` (frames x channels, full scale +-1.0) from
// `from_hz` to `to_hz`; the result has about frames * to_hz / from_hz frames.
// Uses libsamplerate's medium-quality sinc converter: 121 dB of stop-band
// rejection, which is below the 16-bit noise floor the result is stored at,
// at a fraction of the best converter's cost. `name` prefixes errors.
// Thread-safe (no shared state).
Result<std::vector<float>> Resample(std::span<const float> interleaved, int channels, double from_hz, double to_hz,
                                    const std::string& name);

}  // namespace mote
