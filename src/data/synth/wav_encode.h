// 16-bit PCM WAV encoding in memory (libsndfile), for generated audio.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace mote {

// A mono 16-bit PCM WAV file holding `samples` at `rate_hz`, with `comment`
// (when not empty) as its INFO comment (a LIST chunk's ICMT: libsndfile's
// SF_STR_COMMENT, ffprobe's "comment"). The bytes depend only on the
// arguments (no time stamps), so equal input gives equal files. Internal
// error if libsndfile refuses (it should not).
Result<std::string> EncodeWavPcm16(std::span<const int16_t> samples, int rate_hz, std::string_view comment = {});

// Rounds float samples (full scale = 1.0) to 16-bit PCM, clipping to
// [-32768, 32767].
std::vector<int16_t> ToPcm16(std::span<const float> samples);

}  // namespace mote
