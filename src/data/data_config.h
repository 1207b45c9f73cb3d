// The `data:` and `window:` sections of mote.yaml: where samples come from and
// how long series are cut into windows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/yaml_section.h"
#include "data/sample.h"

namespace mote {

// Where a sample's label comes from when --label is not given.
enum class LabelFrom {
  kFile,      // the file itself (IDX labels file, CSV label column, EI JSON)
  kFolder,    // the name of the folder holding the file
  kFilename,  // the file name up to its first '.' ("wave.03.csv" -> "wave")
};

struct DataSource {
  std::string files;                   // glob, relative to the project root
  std::optional<std::string> label;    // fixed label for every sample
  LabelFrom label_from = LabelFrom::kFile;
  std::string label_column;            // CSV column holding the label
  std::optional<Split> split;          // force a split
  double frequency_hz = 0;             // CSV without a timestamp column
  std::vector<std::string> class_names;  // IDX label index -> name
};

struct DataConfig {
  double test_ratio = 0.2;     // share of samples placed in test by hash
  double audio_rate_hz = 0;    // resample audio to this rate on import (0: keep)
  std::vector<DataSource> sources;
};

struct WindowConfig {
  double size_ms = 0;    // 0: whole samples, no windowing
  double stride_ms = 0;  // 0: equal to size_ms
};

Result<DataConfig> ParseDataConfig(const YamlSection& section);
Result<WindowConfig> ParseWindowConfig(const YamlSection& section);
// "folder", "filename", "file"; nullopt for anything else.
std::optional<LabelFrom> LabelFromName(std::string_view name);

}  // namespace mote
