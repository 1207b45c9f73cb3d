// mote data collect --port DEV --label L [--seconds N] [--baud B] [--frequency HZ]
//                   [--axes accX,accY,accZ] [--window-ms MS] [--split train|test]
//                   [--max-garbage F] [--all-or-nothing]
#include <cstdio>
#include <sstream>

#include "cli/cli.h"
#include "data/serial/serial_collector.h"

namespace mote {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

void SetupCollect(Cli& cli) {
  struct Opts {
    std::string port, label, split, axes;
    int baud = 115200;
    double seconds = 0, frequency = 0, window_ms = 0, max_garbage = 0.2;
    bool all_or_nothing = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* data = cli.Group(cli.app(), "data", "Samples: import, collect, version, clean and label");
  CLI::App* sub =
      data->add_subcommand("collect",
                           "Record a device streaming readings over serial, one line each (Edge Impulse data-forwarder "
                           "protocol: values separated by commas or tabs), cut into windows");
  sub->add_option("--port", o->port, "Serial device (/dev/ttyACM0, /dev/ttyUSB0, a pseudo-terminal)")->required();
  sub->add_option("--baud", o->baud, "Baud rate (a standard one)")->capture_default_str();
  sub->add_option("-l,--label", o->label, "Label of every window collected")->required();
  sub->add_option("--seconds", o->seconds, "Seconds of data to collect (default: until Ctrl-C or the device stops)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--frequency", o->frequency, "Sampling rate in Hz (default: detected from the first second)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--axes", o->axes,
                  "Axis names, comma-separated; fixes the number of values per line "
                  "(default: detected, named axis0, axis1, ...)");
  CLI::Option* window = sub->add_option("--window-ms", o->window_ms,
                                        "Window length in ms; 0 keeps the whole collection as one sample "
                                        "(default: mote.yaml's window.size_ms)");
  window->check(CLI::NonNegativeNumber);
  sub->add_option("--split", o->split, "Put every window in this split (default: by content hash)")
      ->check(CLI::IsMember({"train", "test"}));
  sub->add_option("--max-garbage", o->max_garbage, "Largest share of lines that may be garbage")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_flag("--all-or-nothing", o->all_or_nothing,
                "With --seconds: store nothing unless all of them are collected (default: an interrupted or "
                "disconnected collection stores its complete windows)");
  cli.OnRun(sub, [&cli, o, window]() -> Status {
    MOTE_ASSIGN_OR_RETURN(Project * project, cli.project());
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project->store());
    CollectRequest req;
    req.port = o->port;
    req.baud = o->baud;
    req.label = o->label;
    if (!o->split.empty()) req.split = SplitFromName(o->split);
    req.forwarder.seconds = o->seconds;
    req.forwarder.frequency_hz = o->frequency;
    if (window->count() > 0) {
      req.forwarder.window_ms = o->window_ms;
      req.forwarder.window_setting = "--window-ms";
    } else {
      req.forwarder.window_ms = project->window().size_ms;
      req.forwarder.window_setting = project->config_path().string() + ": window.size_ms";
    }
    std::stringstream names(o->axes);
    for (std::string n; std::getline(names, n, ',');) {
      n.erase(0, n.find_first_not_of(' '));
      n.erase(n.find_last_not_of(' ') + 1);
      req.forwarder.axis_names.push_back(n);
    }
    if (!o->axes.empty() && o->axes.back() == ',') req.forwarder.axis_names.emplace_back();  // refused as empty
    req.all_or_nothing = o->all_or_nothing;
    req.max_garbage = o->max_garbage;
    req.test_ratio = project->data().test_ratio;
    req.command = "data collect --port " + o->port + " --label " + o->label;
    req.show_progress = cli.progress_enabled();
    MOTE_ASSIGN_OR_RETURN(CollectSummary s, CollectFromSerial(*store, req));

    nlohmann::json j = {{"port", o->port},
                        {"label", o->label},
                        {"frequency_hz", s.frequency_hz},
                        {"axes", s.axes},
                        {"window_ms", req.forwarder.window_ms},
                        {"seconds", s.seconds},
                        {"lines", s.lines},
                        {"garbage", s.garbage},
                        {"frames", s.frames},
                        {"windows", s.windows},
                        {"added", s.added},
                        {"duplicates", s.duplicates},
                        {"leftover_frames", s.leftover_frames},
                        {"ended_by", CollectEndName(s.end)},
                        {"complete", s.complete},
                        {"note", s.note}};
    std::ostringstream text;
    text << "Collected " << s.windows << (s.windows == 1 ? " window" : " windows") << " (" << Fixed(s.seconds, 2)
         << " s at " << s.frequency_hz << " Hz, " << s.axes.size() << " axes: " << Join(s.axes) << ") from " << o->port
         << " as '" << o->label << "'; stored " << s.added;
    if (s.duplicates) text << ", skipped " << s.duplicates << " duplicates";
    text << "; " << s.garbage << " of " << s.lines << " lines were garbage";
    if (s.leftover_frames) text << "; dropped " << s.leftover_frames << " frames after the last complete window";
    if (!s.note.empty()) text << "\nNote: " << s.note;
    cli.Print(j, text.str());
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(data_collect, 11, SetupCollect);
}  // namespace mote
