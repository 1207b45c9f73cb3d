// Projects for the CLI tests of training (`mote train`, `mote eval`, runs,
// --resume): a motion project with synthetic recordings.
#pragma once

#include <filesystem>
#include <string>

namespace mote::testing {

// `mote init p --template motion` in `dir` and `mote data synth motion
// --count count`; returns dir/p (a test failure if a command fails).
std::filesystem::path MakeMotionProject(const std::filesystem::path& dir, int count);

// Appends `text` (sections such as model: and train:) to the project's mote.yaml.
void AppendToMoteYaml(const std::filesystem::path& project, const std::string& text);

}  // namespace mote::testing
