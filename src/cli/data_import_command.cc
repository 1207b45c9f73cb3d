// mote data import FILES... [--label L | --label-from folder|filename | --label-column C]
#include <sstream>

#include "cli/cli.h"
#include "data/import/import_files.h"

namespace mote {
namespace {

void SetupImport(Cli& cli) {
  struct Opts {
    std::vector<std::string> paths;
    std::string label, label_from = "file", label_column, split, format, hmac_key, class_names;
    double frequency = 0;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* data = cli.DataGroup();
  CLI::App* sub = data->add_subcommand(
      "import", "Import CSV, WAV/FLAC/OGG, PNG/JPEG/BMP/PGM, IDX (Fashion-MNIST), NumPy .npy/.npz or Edge Impulse "
                "JSON/CBOR files");
  sub->add_option("files", o->paths, "Files or folders (read recursively)")->required();
  sub->add_option("-l,--label", o->label, "Label every sample with L");
  sub->add_option("--label-from", o->label_from, "Where labels come from when --label is not given")
      ->check(CLI::IsMember({"file", "folder", "filename"}))
      ->capture_default_str();
  sub->add_option("--label-column", o->label_column, "CSV: the column that holds each row's label");
  sub->add_option("--split", o->split, "Put every sample in this split (default: by content hash, or as the "
                                       "data set defines, e.g. IDX t10k-* files go to test)")
      ->check(CLI::IsMember({"train", "test"}));
  sub->add_option("--frequency", o->frequency, "CSV without a timestamp column, NumPy arrays: sampling rate in Hz")
      ->check(CLI::PositiveNumber);
  sub->add_option("--format", o->format, "Skip detection and use this importer");
  sub->add_option("--hmac-key", o->hmac_key, "Edge Impulse: verify each file's HMAC-SHA256 signature with this key");
  sub->add_option("--class-names", o->class_names, "IDX: names for label indices 0,1,2,... (comma-separated)");
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    ImportRequest req;
    for (const auto& p : o->paths) req.paths.emplace_back(p);
    if (!o->label.empty()) req.options.label = o->label;
    req.options.label_column = o->label_column;
    req.options.frequency_hz = o->frequency;
    req.options.audio_rate_hz = project->data().audio_rate_hz;
    if (!o->hmac_key.empty()) req.options.hmac_key = o->hmac_key;
    if (!o->split.empty()) req.options.split = SplitFromName(o->split);
    std::stringstream names(o->class_names);
    for (std::string n; std::getline(names, n, ',');) req.options.class_names.push_back(n);
    req.label_from = *LabelFromName(o->label_from);
    if (!o->label_column.empty()) req.label_from = LabelFrom::kFile;
    req.format = o->format;
    req.test_ratio = project->data().test_ratio;
    req.source_base = project->root();
    req.command = "data import";
    for (const auto& p : o->paths) req.command += " " + p;
    req.show_progress = cli.progress_enabled();
    MOTE_ASSIGN_OR_RETURN(ImportSummary s, ImportFiles(*store, req));
    nlohmann::json j = {{"files", s.files}, {"added", s.added}, {"duplicates", s.duplicates},
                        {"added_per_label", s.added_per_label}, {"seconds", s.seconds}};
    std::ostringstream text;
    text << "Imported " << s.added << " samples from " << s.files << " files in " << s.seconds << " s";
    if (s.duplicates) text << "; skipped " << s.duplicates << " duplicates";
    cli.Print(j, text.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(data_import, 10, SetupImport);
}  // namespace mote
