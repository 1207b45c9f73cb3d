// mote export --model FILE --format FORMAT -o OUT: a model in a form that
// firmware or another tool takes. The formats register themselves
// (export_format.h); this file parses the options, reads and checks the
// model, and runs the chosen format. A K-means anomaly run's kmeans.json
// (a .json --model) goes to cpp-lib alone, which scores it on the device.
#include <algorithm>

#include "cli/cli.h"
#include "cli/export_format.h"
#include "core/file_util.h"
#include "model/c_array.h"
#include "model/tflite_reader.h"

namespace mote {
namespace {

struct Options {
  std::string model, format, output, name, labels, runtime;
};

std::vector<std::string> SplitLabels(const std::string& text) {
  std::vector<std::string> labels;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    labels.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return labels;
}

void SetupExport(Cli& cli) {
  auto o = std::make_shared<Options>();
  std::vector<const ExportFormat*> formats;
  for (const ExportFormat& f : ExportFormatRegistry::Items()) formats.push_back(&f);
  std::sort(formats.begin(), formats.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  std::vector<std::string> names;
  std::string list;
  for (const ExportFormat* f : formats) {
    names.push_back(f->name);
    list += "\n  " + f->name + ": " + f->description;
  }
  CLI::App* sub = cli.app().add_subcommand("export", "Export a model for firmware or another tool; formats:" + list);
  sub->add_option("--model", o->model,
                  "The .tflite file to export, or a K-means run's kmeans.json (cpp-lib only)")->required();
  sub->add_option("--format", o->format, "Output format")->required()->check(CLI::IsMember(names));
  sub->add_option("-o,--output", o->output, "Output folder (c-array) or file (tflite)")->required();
  sub->add_option("--name", o->name, "C symbol and file base name (default: from the model's file name)");
  sub->add_option("--labels", o->labels, "Comma-separated class names to record in the model's metadata");
  sub->add_option("--runtime", o->runtime, "cpp-lib: aot (generated code, the default) or interpreter")
      ->check(CLI::IsMember({"aot", "interpreter"}));
  cli.OnRun(sub, [&cli, o]() -> Status {
    const ExportFormat* format = nullptr;
    for (const ExportFormat& f : ExportFormatRegistry::Items())
      if (f.name == o->format) format = &f;
    if (!format) return Status::Usage("--format " + o->format + ": unknown");
    ExportRequest request;
    request.model_path = o->model;
    request.output = o->output;
    request.labels = SplitLabels(o->labels);
    request.runtime = o->runtime;
    if (!o->runtime.empty() && format->name != "cpp-lib")
      return Status::Usage("--runtime applies to --format cpp-lib only");
    request.name = o->name.empty() ? model::CIdentifierFrom(request.model_path.stem().string()) : o->name;
    if (!model::IsCIdentifier(request.name))
      return Status::Usage("--name " + request.name + ": not a C identifier (letters, digits, '_')");
    MOTE_ASSIGN_OR_RETURN(request.model_bytes, ReadFile(request.model_path));
    // A K-means anomaly run's model is its kmeans.json, not a network.
    request.kmeans = request.model_path.extension() == ".json";
    if (request.kmeans && format->name != "cpp-lib") {
      return Status::Usage("--model " + request.model_path.string() +
                           ": a K-means model (kmeans.json) exports as --format cpp-lib only");
    }
    if (!request.kmeans) {
      MOTE_ASSIGN_OR_RETURN(request.model, model::ReadTflite(request.model_bytes, request.model_path.string()));
    }
    MOTE_ASSIGN_OR_RETURN(nlohmann::json result, format->run(request));
    result["format"] = format->name;
    result["model"] = request.model_path.string();
    std::string text = "exported " + request.model_path.string() + " as " + format->name + ":";
    for (const auto& f : result["files"]) text += "\n  " + f.get<std::string>();
    cli.Print(result, text);
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(export, 80, SetupExport);
}  // namespace mote
