#include "project/templates.h"

#include <map>

#include "core/file_util.h"

namespace mote {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = R"(# mote.yaml: the pipeline of this project, from data to device.
# `mote run` executes it stage by stage and redoes only what changed.
# Reference: docs/mote-yaml.md in the mote repository.
)";

const std::map<std::string, std::string, std::less<>>& Templates() {
  static const std::map<std::string, std::string, std::less<>> t = {
      {"image", R"(
project:
  name: {name}
  template: image

data:
  # Share of samples placed in the test split. The split is decided by each
  # sample's content hash, so a sample never moves when more data arrives.
  test_ratio: 0.2
  # Where `mote run` imports data from (paths relative to this file).
  # Labels come from the file (IDX labels, a CSV column), the folder name
  # (label_from: folder) or a fixed `label:`.
  sources:
    - files: data/images
      label_from: folder
)"},
      {"kws", R"(
project:
  name: {name}
  template: kws

data:
  test_ratio: 0.2
  # Audio is resampled to this rate on import (libsamplerate).
  audio_rate_hz: 16000
  sources:
    - files: data/keywords       # one folder per keyword: data/keywords/yes/*.wav
      label_from: folder

# Keyword clips are one second long.
window:
  size_ms: 1000
)"},
      {"motion", R"(
project:
  name: {name}
  template: motion

data:
  test_ratio: 0.2
  sources:
    - files: data/motion          # CSV: a timestamp column, then accX, accY, accZ
      label_from: folder

# Gestures are cut into 2 s windows that start every 0.5 s.
window:
  size_ms: 2000
  stride_ms: 500
)"},
      {"anomaly", R"(
project:
  name: {name}
  template: anomaly

data:
  test_ratio: 0.2
  sources:
    - files: data/vibration       # normal operation only is enough to train
      label_from: folder

window:
  size_ms: 1000
  stride_ms: 1000
)"},
  };
  return t;
}

}  // namespace

std::vector<std::string> TemplateNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : Templates()) names.push_back(name);
  return names;
}

Status InitProject(const fs::path& dir, std::string_view template_name) {
  auto it = Templates().find(template_name);
  if (it == Templates().end()) {
    std::string known;
    for (const auto& n : TemplateNames()) known += (known.empty() ? "" : ", ") + n;
    return Status::Usage("unknown template '" + std::string(template_name) + "' (templates: " + known + ")");
  }
  std::error_code ec;
  if (fs::exists(dir / "mote.yaml", ec))
    return Status::AlreadyExists((dir / "mote.yaml").string() + " already exists; not overwriting a project");
  std::string name = fs::absolute(dir, ec).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(dir, ec).parent_path().filename().string();
  std::string yaml = std::string(kHeader) + it->second;
  yaml.replace(yaml.find("{name}"), 6, name.empty() ? "project" : name);
  for (const char* sub : {"data", "reports"}) {
    fs::create_directories(dir / sub, ec);
    if (ec) return Status::IoError((dir / sub).string() + ": " + ec.message());
  }
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / ".gitignore", "# mote's state: the dataset store and stage outputs\n.mote/\n"));
  // mote.yaml last: its presence is what makes DIR a project.
  return WriteFileAtomically(dir / "mote.yaml", yaml);
}

}  // namespace mote
