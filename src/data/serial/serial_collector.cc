#include "data/serial/serial_collector.h"

#include <cstdio>

#include "core/interrupt.h"
#include "core/progress.h"
#include "data/serial/serial_port.h"

namespace mote {

namespace {

using Clock = ForwarderReader::Clock;

constexpr std::chrono::milliseconds kPollPeriod{100};

// Measured seconds with two decimals; requested ones as given ("10", "1.5").
std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}
std::string RequestedSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

double SecondsRead(const ForwarderReader& reader) {
  return reader.detected() ? static_cast<double>(reader.frames()) / reader.frequency_hz() : 0;
}

// "device disconnected after 1.29 of 10 s"
std::string EndPhrase(CollectEnd end, const ForwarderReader& reader, double seconds) {
  std::string when =
      " after " + Seconds(SecondsRead(reader)) + (seconds > 0 ? " of " + RequestedSeconds(seconds) : "") + " s";
  switch (end) {
    case CollectEnd::kSeconds: return "collected" + when;
    case CollectEnd::kInterrupt: return "interrupted" + when;
    case CollectEnd::kDisconnect: return "device disconnected" + when;
    case CollectEnd::kSilence: return "no data for " + std::to_string(kSilence.count()) + " s" + when;
    case CollectEnd::kDeadline: return "device sent fewer lines than its rate promises:" + when;
  }
  return "";
}

Status GarbageError(const std::string& port, const ForwarderReader& reader, double max_garbage) {
  const std::vector<BadLine>& bad = reader.first_bad_lines();
  std::string lines;
  for (const BadLine& b : bad) lines += (lines.empty() ? "" : ", ") + std::to_string(b.line);
  char share[64];
  std::snprintf(share, sizeof share, "%lld of %lld lines are garbage, over the %.0f%% allowed",
                static_cast<long long>(reader.garbage()), static_cast<long long>(reader.lines()), max_garbage * 100);
  return Status::InvalidArgument(port + ":" + std::to_string(bad.front().line) + ": " + bad.front().reason + " (" +
                                 share + "; first bad lines: " + lines + ")");
}

void ShowProgress(Progress& progress, const ForwarderReader& reader, double seconds) {
  if (reader.detected()) progress.SetTotal(reader.target_frames());
  progress.SetNote(Seconds(SecondsRead(reader)) + (seconds > 0 ? "/" + RequestedSeconds(seconds) : "") + " s, " +
                   std::to_string(reader.lines()) + " lines, " + std::to_string(reader.garbage()) + " garbage, " +
                   std::to_string(reader.windows().size()) + " windows");
  progress.Update(reader.frames());
}

Status StoreWindows(DatasetStore& store, const CollectRequest& req, const ForwarderReader& reader,
                    CollectSummary* summary) {
  std::vector<Axis> axes;
  for (const std::string& name : reader.axis_names()) axes.push_back({name, ""});
  MOTE_ASSIGN_OR_RETURN(auto session, store.BeginImport(req.test_ratio, req.command));
  for (const ForwarderWindow& w : reader.windows()) {
    ImportedSample s;
    s.data = SampleData::FromF32({w.frames, static_cast<uint32_t>(reader.axis_count())}, w.values);
    s.split = req.split;
    s.sample_rate_hz = reader.frequency_hz();
    s.axes = axes;
    s.source = req.port + "#lines " + std::to_string(w.first_line) + "-" + std::to_string(w.last_line);
    MOTE_RETURN_IF_ERROR(session->Add(s, req.label).status());
  }
  MOTE_RETURN_IF_ERROR(session->Commit());
  summary->added = session->added();
  summary->duplicates = session->duplicates();
  return Status::Ok();
}

}  // namespace

std::string_view CollectEndName(CollectEnd end) {
  switch (end) {
    case CollectEnd::kSeconds: return "seconds";
    case CollectEnd::kInterrupt: return "interrupt";
    case CollectEnd::kDisconnect: return "disconnect";
    case CollectEnd::kSilence: return "silence";
    case CollectEnd::kDeadline: return "deadline";
  }
  return "?";
}

Result<CollectSummary> CollectFromSerial(DatasetStore& store, const CollectRequest& req) {
  if (req.label.empty()) return Status::Usage("--label must not be empty");
  if (!(req.max_garbage >= 0 && req.max_garbage <= 1))
    return Status::Usage("--max-garbage must be in [0, 1], got " + std::to_string(req.max_garbage));
  double seconds = req.forwarder.seconds;
  if (req.all_or_nothing && !(seconds > 0))
    return Status::Usage("--all-or-nothing needs --seconds: without it every end of the collection is normal");
  ForwarderOptions options = req.forwarder;
  options.starts_mid_line = true;
  MOTE_ASSIGN_OR_RETURN(ForwarderReader reader, ForwarderReader::Create(options));
  MOTE_ASSIGN_OR_RETURN(auto port, SerialPort::Open(req.port, req.baud));

  Progress progress("collect", 0, "frames", req.show_progress);
  Clock::time_point start = Clock::now(), last_data = start;
  auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds * 1.1)) + kSilence;
  char buffer[4096];
  CollectEnd end = CollectEnd::kSeconds;
  Status fed;
  while (true) {
    if (reader.done()) {
      end = CollectEnd::kSeconds;
      break;
    }
    if (Interrupted()) {
      end = CollectEnd::kInterrupt;
      break;
    }
    Clock::time_point now = Clock::now();
    if (seconds > 0 && now > deadline) {
      end = CollectEnd::kDeadline;
      break;
    }
    if (now - last_data > kSilence) {
      end = CollectEnd::kSilence;
      break;
    }
    MOTE_ASSIGN_OR_RETURN(SerialPort::ReadResult r, port->Read(buffer, sizeof buffer, kPollPeriod));
    if (r.state == SerialPort::ReadState::kDisconnected) {
      end = CollectEnd::kDisconnect;
      break;
    }
    if (r.state != SerialPort::ReadState::kData) continue;
    last_data = Clock::now();
    fed = reader.Feed(std::string_view(buffer, r.bytes), last_data);
    if (!fed.ok()) break;
    ShowProgress(progress, reader, seconds);
  }
  port.reset();

  // Garbage is reported before a failed detection: a stream that is mostly
  // garbage (a wrong baud rate or --axes) is what makes detection fail.
  Status finished = fed.ok() ? reader.Finish() : fed;
  ShowProgress(progress, reader, seconds);
  progress.Finish();
  if (reader.garbage() > 0 &&
      static_cast<double>(reader.garbage()) > req.max_garbage * static_cast<double>(reader.lines()))
    return GarbageError(req.port, reader, req.max_garbage);
  std::string end_phrase = EndPhrase(end, reader, seconds);
  if (!fed.ok()) return fed.WithPrefix(req.port);
  if (!finished.ok()) return Status::InvalidArgument(req.port + ": " + finished.message() + " (" + end_phrase + ")");

  CollectSummary summary;
  summary.end = end;
  summary.complete = end == CollectEnd::kSeconds || seconds == 0;
  if (!summary.complete && req.all_or_nothing) {
    std::string msg = req.port + ": " + end_phrase + "; nothing stored (--all-or-nothing)";
    return end == CollectEnd::kInterrupt ? Status::Cancelled(msg) : Status::IoError(msg);
  }
  if (reader.windows().empty()) {
    std::string window = reader.window_frames() > 0 ? " of " + std::to_string(reader.window_frames()) + " frames" : "";
    return Status::InvalidArgument(req.port + ": " + end_phrase + ", before the first complete window" + window +
                                   "; nothing stored");
  }
  MOTE_RETURN_IF_ERROR(StoreWindows(store, req, reader, &summary));

  summary.frequency_hz = reader.frequency_hz();
  summary.axes = reader.axis_names();
  summary.lines = reader.lines();
  summary.garbage = reader.garbage();
  summary.frames = reader.frames();
  summary.windows = static_cast<int64_t>(reader.windows().size());
  summary.leftover_frames = reader.leftover_frames();
  summary.seconds = SecondsRead(reader);
  if (!summary.complete)
    summary.note = end_phrase + "; stored the " + std::to_string(summary.windows) + " complete windows";
  return summary;
}

}  // namespace mote
