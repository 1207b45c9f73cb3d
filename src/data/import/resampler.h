// Sample-rate conversion of interleaved float audio with libsamplerate, for
// importers that bring recordings to the project's data.audio_rate_hz.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace mote {

// libsamplerate's converters: kMedium, a sinc filter with 121 dB of
// stop-band rejection (below the 16-bit noise floor imported audio is
// stored at) at a fraction of the best one's cost; kLinear, linear
// interpolation with no anti-aliasing filter (a droop of a few dB towards
// Nyquist, some aliasing), for signals changed every epoch
// (augmentation.h), where even the fastest sinc filter took more time than
// training on the window.
enum class ResampleQuality { kMedium, kLinear };

// Resamples `interleaved` (frames x channels, full scale +-1.0) from
// `from_hz` to `to_hz`; the result has about frames * to_hz / from_hz frames.
// `name` prefixes errors. Thread-safe (no shared state).
Result<std::vector<float>> Resample(std::span<const float> interleaved, int channels, double from_hz, double to_hz,
                                    const std::string& name, ResampleQuality quality = ResampleQuality::kMedium);

}  // namespace mote
