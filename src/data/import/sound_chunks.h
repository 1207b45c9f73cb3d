// A structural check of WAV (RIFF) and AIFF (FORM) files that libsndfile does
// not make: libsndfile reads a file whose sample data is cut short (an
// interrupted copy or recording) as shorter audio, without an error. mote
// refuses such a file, since a silently shortened clip is a mislabelled one.
#pragma once

#include <filesystem>

#include "core/status.h"

namespace mote {

// Walks the chunks of a RIFF/RIFX (WAV) or FORM (AIFF/AIFC) file and fails
// when one of them, the sample data ('data' or 'SSND') included, declares
// more bytes than the file holds: "x.wav: byte 36: 'data' chunk declares
// 88200 bytes, but the file ends after 44100 of them (truncated file)".
// A data chunk with size 0xFFFFFFFF (written by streaming recorders that never
// went back to fill it in) is accepted. Other files pass unchecked.
Status CheckSoundChunks(const std::filesystem::path& path);

}  // namespace mote
