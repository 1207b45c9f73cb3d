// mote data synth motion|vibration|keywords [--seed N] [--count N] [--labels L,...] [--out DIR]
//                                            [--no-import] [--split S] [--jobs N] [kind's own flags]
//
// Writes seeded, reproducible files to data/<kind>/<label>/NNNN.csv|.wav (or
// --out DIR/<label>/) and imports exactly the files it wrote, labelled by
// their folder.
#include <sstream>

#include "cli/cli.h"
#include "data/import/import_files.h"
#include "data/synth/keyword_generator.h"
#include "data/synth/motion_generator.h"
#include "data/synth/synth_run.h"
#include "data/synth/vibration_generator.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

// Flags every kind takes.
struct CommonFlags {
  uint64_t seed = 1;
  int64_t count = 0;
  std::vector<std::string> labels;
  std::string out, split;
  bool no_import = false;
  int jobs = 2;
};

void AddCommonFlags(CLI::App* sub, CommonFlags& f, const std::string& default_split) {
  sub->add_option("--seed", f.seed, "Random seed: the same seed gives byte-identical files")->capture_default_str();
  sub->add_option("--count", f.count, "Files per label")->check(CLI::Range(int64_t{1}, int64_t{1000000}))
      ->capture_default_str();
  sub->add_option("--labels", f.labels, "Generate only these labels (comma-separated)")->delimiter(',');
  sub->add_option("--out", f.out, "Write to DIR/<label>/NNNN.* instead of <project>/data/<kind>/<label>/")
      ->option_text("DIR");
  sub->add_flag("--no-import", f.no_import, "Only write the files (no project needed with --out)");
  f.split = default_split;
  sub->add_option("--split", f.split, "Split of the imported samples; hash: by content hash (data.test_ratio)")
      ->check(CLI::IsMember({"train", "test", "hash"}))
      ->capture_default_str();
  sub->add_option("--jobs", f.jobs, "Files generated in parallel")->check(CLI::Range(1, 64))->capture_default_str();
}

Status Generate(Cli& cli, const CommonFlags& f, const SynthGenerator& generator) {
  std::string kind(generator.kind());
  SynthRunOptions run;
  run.seed = f.seed;
  run.count = f.count;
  run.labels = f.labels;
  run.jobs = f.jobs;
  run.show_progress = cli.progress_enabled();
  // Only a default output folder or an import needs a project.
  Project* project = nullptr;
  if (f.out.empty() || !f.no_import) {
    MOTE_ASSIGN_OR_RETURN(project, cli.project());
  }
  run.out_dir = f.out.empty() ? (project->root() / "data" / kind).lexically_normal() : fs::path(f.out);
  MOTE_ASSIGN_OR_RETURN(SynthRunResult written, RunSynth(generator, run));

  std::ostringstream command;
  command << "data synth " << kind << " --seed " << f.seed << " --count " << f.count;
  for (size_t i = 0; i < f.labels.size(); ++i) command << (i ? "," : " --labels ") << f.labels[i];
  nlohmann::json j = {{"kind", kind},           {"seed", f.seed},
                      {"files", written.files.size()}, {"out", run.out_dir.string()},
                      {"seconds", written.seconds}};
  std::ostringstream text;
  text << "Generated " << written.files.size() << " " << kind << " files in " << run.out_dir.string() << " in "
       << written.seconds << " s";
  if (!f.no_import) {
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    ImportRequest req;
    req.paths = written.files;
    req.label_from = LabelFrom::kFolder;
    req.options.audio_rate_hz = project->data().audio_rate_hz;
    if (f.split != "hash") req.options.split = SplitFromName(f.split);
    req.test_ratio = project->data().test_ratio;
    req.command = command.str();
    req.source_base = project->root();
    req.show_progress = cli.progress_enabled();
    MOTE_ASSIGN_OR_RETURN(ImportSummary s, ImportFiles(*store, req));
    j["import"] = {{"added", s.added}, {"duplicates", s.duplicates}, {"added_per_label", s.added_per_label},
                   {"seconds", s.seconds}};
    text << "\nImported " << s.added << " samples";
    if (s.duplicates) text << "; skipped " << s.duplicates << " already in the store";
  }
  cli.Print(j, text.str());
  return Status::Ok();
}

void SetupMotion(Cli& cli, CLI::App* synth) {
  struct Opts {
    CommonFlags common;
    MotionOptions motion;
  };
  auto o = std::make_shared<Opts>();
  o->common.count = 50;
  CLI::App* sub = synth->add_subcommand("motion", "Accelerometer gestures idle, wave, circle, updown, shake (CSV)");
  AddCommonFlags(sub, o->common, "hash");
  sub->add_option("--frequency", o->motion.frequency_hz, "Sampling rate in Hz (e.g. 62.5 or 100)")
      ->capture_default_str();
  sub->add_option("--seconds", o->motion.seconds, "Length of each recording in s")->capture_default_str();
  sub->add_option("--noise", o->motion.noise, "Difficulty: sensor noise, m/s2 RMS per axis")->capture_default_str();
  sub->add_option("--orientation-spread-deg", o->motion.orientation_spread_deg,
                  "Difficulty: std. dev. of the device's roll, pitch and yaw in degrees")
      ->capture_default_str();
  sub->add_option("--variation", o->motion.variation,
                  "Difficulty: gesture amplitude and tempo vary by +- this fraction")
      ->capture_default_str();
  sub->footer(
      "Difficulty knobs: --noise (sensor noise), --orientation-spread-deg (how the device is held), "
      "--variation (how differently each gesture is performed). Raise them for a harder set; "
      "--noise 0 --orientation-spread-deg 0 --variation 0 gives clean textbook gestures.");
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(auto generator, MakeMotionGenerator(o->motion));
    return Generate(cli, o->common, *generator);
  });
}

void SetupVibration(Cli& cli, CLI::App* synth) {
  struct Opts {
    CommonFlags common;
    VibrationOptions vib;
  };
  auto o = std::make_shared<Opts>();
  o->common.count = 50;
  CLI::App* sub = synth->add_subcommand(
      "vibration", "Motor vibration: normal, imbalance, outer_race, inner_race, ball bearing faults (CSV)");
  AddCommonFlags(sub, o->common, "hash");
  VibrationOptions& v = o->vib;
  sub->add_option("--sample-rate", v.sample_rate_hz, "Sampling rate in Hz")->capture_default_str();
  sub->add_option("--seconds", v.seconds, "Length of each recording in s")->capture_default_str();
  sub->add_option("--rpm-min", v.rpm_min, "Lowest running speed (rpm)")->capture_default_str();
  sub->add_option("--rpm-max", v.rpm_max, "Highest running speed (rpm)")->capture_default_str();
  sub->add_option("--noise", v.noise, "Difficulty: broadband noise, m/s2 RMS per axis")->capture_default_str();
  sub->add_option("--severity", v.severity, "Difficulty: fault strength (1: clear, 0.1: incipient)")
      ->capture_default_str();
  sub->add_option("--resonance-hz", v.resonance_hz, "Structural resonance rung by bearing impacts")
      ->capture_default_str();
  sub->add_option("--balls", v.bearing.balls, "Bearing: number of rolling elements")->capture_default_str();
  sub->add_option("--ball-diameter-mm", v.bearing.ball_diameter_mm, "Bearing: ball diameter")->capture_default_str();
  sub->add_option("--pitch-diameter-mm", v.bearing.pitch_diameter_mm, "Bearing: pitch diameter")
      ->capture_default_str();
  sub->add_option("--contact-angle-deg", v.bearing.contact_angle_deg, "Bearing: contact angle")
      ->capture_default_str();
  sub->footer(
      "Difficulty knobs: --noise, --severity (lower is harder), and a wider --rpm-min..--rpm-max range. "
      "Bearing defaults are a 6205 (BPFO 3.58x, BPFI 5.42x running speed).");
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(auto generator, MakeVibrationGenerator(o->vib));
    return Generate(cli, o->common, *generator);
  });
}

void SetupKeywords(Cli& cli, CLI::App* synth) {
  struct Opts {
    CommonFlags common;
    KeywordOptions kw;
    std::string engine = "espeak-ng";
  };
  auto o = std::make_shared<Opts>();
  o->common.count = 200;
  CLI::App* sub = synth->add_subcommand(
      "keywords", "Spoken keywords yes/no/up/down/left/right/on/off/stop/go, _unknown, _silence (1 s 16 kHz WAV)");
  AddCommonFlags(sub, o->common, "");
  sub->get_option("--split")->description(
      "Split of the imported samples (default: train for espeak-ng, festival and rhvoice, test for flite; hash: "
      "by content hash)");
  sub->add_option("--engine", o->engine,
                  "Speech engine; festival adds training voices of another kind (recorded diphones) in "
                  "data/keywords-festival/, rhvoice statistical (HMM) voices in data/keywords-rhvoice/, flite "
                  "gives a held-out set (other voices) in data/keywords-flite/")
      ->check(CLI::IsMember({"espeak-ng", "espeak", "festival", "rhvoice", "flite"}))
      ->capture_default_str();
  sub->add_option("--snr-min", o->kw.snr_min_db, "Difficulty: lowest speech-to-noise ratio in dB")
      ->capture_default_str();
  sub->add_option("--snr-max", o->kw.snr_max_db, "Difficulty: highest speech-to-noise ratio in dB")
      ->capture_default_str();
  sub->footer(
      "The default set is 200 clips per label x 12 labels = 2,400 clips per engine. "
      "Difficulty knob: --snr-min/--snr-max. Needs espeak-ng, festival, RHVoice or flite, and sox "
      "(scripts/setup.sh).");
  cli.OnRun(sub, [&cli, o]() -> Status {
    o->kw.engine = o->engine == "flite"      ? SpeechEngine::kFlite
                   : o->engine == "festival" ? SpeechEngine::kFestival
                   : o->engine == "rhvoice"  ? SpeechEngine::kRHVoice
                                             : SpeechEngine::kEspeak;
    CommonFlags common = o->common;
    if (common.split.empty()) common.split = o->kw.engine == SpeechEngine::kFlite ? "test" : "train";
    MOTE_ASSIGN_OR_RETURN(auto generator, MakeKeywordGenerator(o->kw));
    return Generate(cli, common, *generator);
  });
}

void SetupSynth(Cli& cli) {
  CLI::App* data = cli.Group(cli.app(), "data", "Samples: import, collect, version, clean and label");
  CLI::App* synth = cli.Group(*data, "synth", "Generate seeded, reproducible data for demos and tests");
  SetupMotion(cli, synth);
  SetupVibration(cli, synth);
  SetupKeywords(cli, synth);
}

}  // namespace
MOTE_REGISTER_COMMAND(data_synth, 10, SetupSynth);
}  // namespace mote
