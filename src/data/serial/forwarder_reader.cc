#include "data/serial/forwarder_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace mote {

namespace {

constexpr ForwarderReader::Clock::duration kDetectionSpan = std::chrono::seconds(1);

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string WrongCount(size_t expected, size_t got) {
  return "expected " + std::to_string(expected) + " values, got " + std::to_string(got);
}

// Whole Hz from 10 Hz up, tenths below: sensor rates are set in whole Hz (or
// as periods, e.g. 62.5 Hz, which a 1 Hz step still approximates to 1 %).
double RoundRate(double hz) { return hz >= 10 ? std::round(hz) : std::round(hz * 10) / 10; }

// Frames per window at `hz`; 0 for a window_ms of 0 (one window).
Result<int64_t> WindowFrames(const ForwarderOptions& options, double hz) {
  if (options.window_ms == 0) return int64_t{0};
  int64_t frames = std::llround(options.window_ms * hz / 1000);
  if (frames < 1)
    return Status::InvalidArgument(options.window_setting + " " + FormatNumber(options.window_ms) +
                                   ": shorter than one frame at " + FormatNumber(hz) + " Hz (" +
                                   FormatNumber(1000 / hz) + " ms)");
  return frames;
}

}  // namespace

Result<ForwarderReader> ForwarderReader::Create(ForwarderOptions options) {
  if (options.window_ms < 0)
    return Status::Usage(options.window_setting + " " + FormatNumber(options.window_ms) + ": must be >= 0");
  if (options.seconds < 0) return Status::Usage("--seconds must be >= 0, got " + FormatNumber(options.seconds));
  if (options.frequency_hz < 0 || !std::isfinite(options.frequency_hz))
    return Status::Usage("--frequency must be > 0 Hz, got " + FormatNumber(options.frequency_hz));
  std::set<std::string> seen;
  for (size_t i = 0; i < options.axis_names.size(); ++i) {
    const std::string& name = options.axis_names[i];
    if (name.empty()) return Status::Usage("--axes: name " + std::to_string(i + 1) + " is empty");
    if (!seen.insert(name).second) return Status::Usage("--axes: name '" + name + "' appears twice");
  }
  // A given rate lets a too-short window be refused before any reading.
  if (options.frequency_hz > 0) MOTE_RETURN_IF_ERROR(WindowFrames(options, options.frequency_hz).status());
  ForwarderReader reader(std::move(options));
  reader.skipping_to_newline_ = reader.options_.starts_mid_line;
  // With both the rate and the axes given there is nothing to detect.
  if (reader.options_.frequency_hz > 0 && !reader.options_.axis_names.empty())
    MOTE_RETURN_IF_ERROR(reader.EndDetection());
  return reader;
}

Status ForwarderReader::Feed(std::string_view bytes, Clock::time_point at) {
  while (!bytes.empty() && !done()) {
    size_t newline = bytes.find('\n');
    if (skipping_to_newline_) {
      if (newline == std::string_view::npos) return Status::Ok();
      bytes.remove_prefix(newline + 1);
      skipping_to_newline_ = false;
      continue;
    }
    std::string_view piece = bytes.substr(0, newline);
    if (partial_.size() + piece.size() > kMaxLineBytes) {
      // Typically binary noise from a wrong baud rate; drop it as it comes
      // rather than buffer it without bound.
      ++line_number_;
      ++lines_;
      ++garbage_;
      AddBadLine(line_number_, "line longer than " + std::to_string(kMaxLineBytes) + " bytes");
      partial_.clear();
      skipping_to_newline_ = true;
      continue;
    }
    partial_ += piece;
    if (newline == std::string_view::npos) return Status::Ok();
    bytes.remove_prefix(newline + 1);
    std::string line = std::move(partial_);
    partial_.clear();
    MOTE_RETURN_IF_ERROR(ReadLine(line, at));
  }
  return Status::Ok();
}

Status ForwarderReader::ReadLine(std::string_view line, Clock::time_point at) {
  ++line_number_;
  if (IsBlankForwarderLine(line)) return Status::Ok();
  ++lines_;
  ForwarderLine parsed = ParseForwarderLine(line);
  if (!parsed.ok()) {
    ++garbage_;
    AddBadLine(line_number_, parsed.error);
    return Status::Ok();
  }
  if (!detected_) {
    held_.push_back({line_number_, at, std::move(parsed.values)});
    if (at - held_.front().at >= kDetectionSpan) return EndDetection();
    return Status::Ok();
  }
  if (parsed.values.size() != axis_count_) {
    ++garbage_;
    AddBadLine(line_number_, WrongCount(axis_count_, parsed.values.size()));
    return Status::Ok();
  }
  AddFrame(line_number_, parsed.values);
  return Status::Ok();
}

Status ForwarderReader::EndDetection() {
  bool given = options_.frequency_hz > 0 && !options_.axis_names.empty();
  if (held_.empty() && !given)
    return Status::InvalidArgument("no data-forwarder lines (numbers separated by commas or tabs)");
  if (!options_.axis_names.empty()) {
    axis_count_ = options_.axis_names.size();
    axis_names_ = options_.axis_names;
  } else {
    std::map<size_t, int64_t> counts;
    for (const HeldLine& h : held_) ++counts[h.values.size()];
    // Ties go to the larger count: the map is ordered, so >= keeps the last.
    int64_t best = 0;
    for (const auto& [count, n] : counts) {
      if (n >= best) {
        best = n;
        axis_count_ = count;
      }
    }
    for (size_t i = 0; i < axis_count_; ++i) axis_names_.push_back("axis" + std::to_string(i));
  }

  // Lines of another length are garbage now, whatever else fails below, so
  // that a wrong --axes is reported as garbage.
  std::vector<HeldLine> good;
  for (HeldLine& h : held_) {
    if (h.values.size() == axis_count_) {
      good.push_back(std::move(h));
    } else {
      ++garbage_;
      AddBadLine(h.line, WrongCount(axis_count_, h.values.size()));
    }
  }
  held_.clear();

  if (options_.frequency_hz > 0) {
    frequency_hz_ = options_.frequency_hz;
  } else {
    // Least-squares slope of the line index against the arrival time.
    std::vector<double> t;
    for (const HeldLine& h : good) t.push_back(std::chrono::duration<double>(h.at - good.front().at).count());
    double n = static_cast<double>(t.size());
    double mean_t = 0, mean_i = (n - 1) / 2;
    for (double x : t) mean_t += x / n;
    double cov = 0, var = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      cov += (t[i] - mean_t) * (static_cast<double>(i) - mean_i);
      var += (t[i] - mean_t) * (t[i] - mean_t);
    }
    if (t.size() < 2)
      return Status::InvalidArgument("cannot detect the sampling rate from " + std::to_string(t.size()) +
                                     " line(s) of " + std::to_string(axis_count_) + " values; give --frequency");
    if (!(var > 0))
      return Status::InvalidArgument("cannot detect the sampling rate: all " + std::to_string(t.size()) +
                                     " lines arrived at once; give --frequency");
    frequency_hz_ = RoundRate(cov / var);
    if (!(frequency_hz_ > 0))
      return Status::InvalidArgument("cannot detect the sampling rate: under 0.05 Hz; give --frequency");
  }

  MOTE_ASSIGN_OR_RETURN(window_frames_, WindowFrames(options_, frequency_hz_));
  if (options_.seconds > 0) target_frames_ = std::max<int64_t>(1, std::llround(options_.seconds * frequency_hz_));
  detected_ = true;

  for (const HeldLine& h : good) {
    if (done())
      --lines_;  // past the target: not read after all
    else
      AddFrame(h.line, h.values);
  }
  return Status::Ok();
}

Status ForwarderReader::Finish() {
  partial_.clear();
  if (!detected_) MOTE_RETURN_IF_ERROR(EndDetection());
  if (window_frames_ == 0 && current_.frames > 0) {
    windows_.push_back(std::move(current_));
    current_ = ForwarderWindow{};
  }
  return Status::Ok();
}

int64_t ForwarderReader::leftover_frames() const { return current_.frames; }

void ForwarderReader::AddFrame(int64_t line, const std::vector<float>& values) {
  if (current_.frames == 0) current_.first_line = line;
  current_.values.insert(current_.values.end(), values.begin(), values.end());
  ++current_.frames;
  current_.last_line = line;
  ++frames_;
  if (window_frames_ > 0 && current_.frames == window_frames_) {
    windows_.push_back(std::move(current_));
    current_ = ForwarderWindow{};
  }
}

void ForwarderReader::AddBadLine(int64_t line, std::string reason) {
  // Lines held for detection are judged after later garbage lines, hence the
  // ordered insert.
  auto it = std::upper_bound(bad_lines_.begin(), bad_lines_.end(), line,
                             [](int64_t l, const BadLine& b) { return l < b.line; });
  bad_lines_.insert(it, BadLine{line, std::move(reason)});
  if (bad_lines_.size() > kBadLinesKept) bad_lines_.pop_back();
}

}  // namespace mote
