// The output formats of `mote export`. Each format lives in its own file and
// registers itself with MOTE_REGISTER_EXPORT_FORMAT, so adding one (cpp-lib,
// arduino, ...) is adding a file; `mote export --format NAME` finds it here.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/registry.h"
#include "core/status.h"
#include "model/graph.h"

namespace mote {

// What `mote export` hands to a format: the model already read and checked
// (every operator supported), and the user's options.
struct ExportRequest {
  std::filesystem::path model_path;  // --model
  std::string model_bytes;           // the file's bytes, as read
  model::Model model;                // the file imported into the IR (empty for `kmeans`)
  bool kmeans = false;               // model_bytes is a K-means run's kmeans.json (deploy/kmeans_lib.h)
  std::filesystem::path output;      // -o: a folder or a file, as the format says
  std::string name;                  // --name: symbol / file base name; never empty (defaulted from the file)
  std::vector<std::string> labels;   // --labels: class names, for formats that carry metadata
  std::string runtime;               // --runtime: for formats that offer several (cpp-lib); empty if not given
};

struct ExportFormat {
  std::string name;         // the --format value
  std::string description;  // one line for --help
  // Writes the output atomically (nothing is left on failure); returns what
  // it wrote, as JSON ({"files": [...], ...}).
  std::function<Result<nlohmann::json>(const ExportRequest&)> run;
};

using ExportFormatRegistry = Registry<ExportFormat>;

}  // namespace mote

#define MOTE_REGISTER_EXPORT_FORMAT(id, ...) \
  static ::mote::ExportFormatRegistry::Registrar mote_export_format_##id(::mote::ExportFormat{__VA_ARGS__})
