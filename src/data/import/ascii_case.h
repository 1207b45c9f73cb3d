// Case folding for the names importers match on: file extensions, column
// names, IDX file names. ASCII only, which is all these names need.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mote {

std::string AsciiLower(std::string_view text);

// The extension of `path`, lower-cased, with its dot: "x.WAV" -> ".wav".
std::string LowerExtension(const std::filesystem::path& path);

}  // namespace mote
