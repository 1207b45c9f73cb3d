// Reads a data-forwarder stream (one reading per line, see forwarder_line.h)
// from the bytes a device sends and turns it into windows of f32 frames.
//
// The reader knows nothing of ports or of the store: it is fed bytes with the
// monotonic time at which they arrived, so that it can be tested with made-up
// streams and clocks.
//
// Detection. The first second of numeric lines (from the first one to the
// first that arrives one second or more after it) is held back. From it:
//   - the axis count is the most common number of values per line (a tie goes
//     to the larger count, since a cut-off line has fewer values), unless
//     axis names were given;
//   - the sampling rate is the slope of the line count against the arrival
//     time (a least-squares fit, so a few late or bunched lines at either end
//     barely move it), rounded to a whole Hz (to 0.1 Hz below 10 Hz) so that
//     clock jitter does not give each collection its own rate, unless a rate
//     was given.
// The held-back lines then become frames like every later line.
//
// Garbage. A non-blank line that is not all numbers, or whose number of values
// is not the axis count, or that is longer than kMaxLineBytes, is garbage: it
// is counted and skipped, and the first few are remembered for the error
// message. Blank lines are ignored but keep their line number.
//
// Windows. Frames are cut into consecutive, non-overlapping windows of
// round(window_ms * rate / 1000) frames; frames after the last complete window
// are dropped at Finish() (see leftover_frames()). With window_ms 0 the whole
// stream is one window, made at Finish().
//
// Not thread-safe; use from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "data/serial/forwarder_line.h"

namespace mote {

struct ForwarderOptions {
  double frequency_hz = 0;              // > 0: the rate; 0: detect it
  std::vector<std::string> axis_names;  // non-empty: fixes the axis count
  double window_ms = 0;                 // 0: the whole stream is one window
  // Where window_ms was set, for messages: "--window-ms", "mote.yaml: window.size_ms".
  std::string window_setting = "window length in ms";
  double seconds = 0;  // > 0: stop after this many seconds of frames
  // True when reading starts at an arbitrary byte of the stream (a port opened
  // while the device streams): everything up to the first '\n' is dropped,
  // since it is most likely the tail of a line. Line 1 is the line after it.
  bool starts_mid_line = false;
};

struct ForwarderWindow {
  std::vector<float> values;  // frames x axes, frame after frame
  uint32_t frames = 0;
  int64_t first_line = 0;  // line numbers (1-based) of its first and last frames
  int64_t last_line = 0;
};

// A skipped line, for messages: "12: expected 3 values, got 2".
struct BadLine {
  int64_t line = 0;
  std::string reason;
};

class ForwarderReader {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxLineBytes = 4096;
  static constexpr size_t kBadLinesKept = 5;

  // Usage when the options cannot work: negative window or seconds, a rate
  // that is not positive when given, empty or repeated axis names.
  static Result<ForwarderReader> Create(ForwarderOptions options);

  // Reads `bytes` that arrived at `at` (the clock must not go backwards from
  // one call to the next). Lines after the target (done()) are not read.
  // InvalidArgument when the detected rate makes a window shorter than one
  // frame.
  Status Feed(std::string_view bytes, Clock::time_point at);

  // Ends the stream: an unfinished last line is dropped, detection ends with
  // the lines seen so far, and with window_ms 0 the frames become the one
  // window. InvalidArgument when no rate or axis count could be detected
  // ("no numeric lines", "cannot detect the sampling rate from 1 line").
  // Call once, after the last Feed().
  Status Finish();

  // True once `seconds` worth of frames have been read (never without it).
  bool done() const { return target_frames_ > 0 && frames_ >= target_frames_; }
  bool detected() const { return detected_; }
  // Valid once detected().
  double frequency_hz() const { return frequency_hz_; }
  size_t axis_count() const { return axis_count_; }
  // The given names, or axis0, axis1, ...; valid once detected().
  const std::vector<std::string>& axis_names() const { return axis_names_; }
  // Frames per window; 0 when the whole stream is one window. Valid once detected().
  int64_t window_frames() const { return window_frames_; }

  int64_t lines() const { return lines_; }                  // non-blank lines read, garbage included
  int64_t garbage() const { return garbage_; }              // lines skipped as garbage
  int64_t frames() const { return frames_; }                // frames read (after detection)
  int64_t target_frames() const { return target_frames_; }  // 0 without `seconds`
  // Frames read but in no window; final after Finish().
  int64_t leftover_frames() const;
  // The first kBadLinesKept garbage lines, by line number.
  const std::vector<BadLine>& first_bad_lines() const { return bad_lines_; }
  // Complete windows so far, in stream order.
  const std::vector<ForwarderWindow>& windows() const { return windows_; }

 private:
  struct HeldLine {
    int64_t line;
    Clock::time_point at;
    std::vector<float> values;
  };

  explicit ForwarderReader(ForwarderOptions options) : options_(std::move(options)) {}
  Status ReadLine(std::string_view line, Clock::time_point at);
  Status EndDetection();
  void AddFrame(int64_t line, const std::vector<float>& values);
  void AddBadLine(int64_t line, std::string reason);

  ForwarderOptions options_;
  std::string partial_;  // bytes of the line being received
  bool skipping_to_newline_ = false;
  int64_t line_number_ = 0;

  bool detected_ = false;
  std::vector<HeldLine> held_;  // numeric lines of the detection second
  double frequency_hz_ = 0;
  size_t axis_count_ = 0;
  std::vector<std::string> axis_names_;
  int64_t window_frames_ = 0;

  int64_t lines_ = 0, garbage_ = 0, frames_ = 0, target_frames_ = 0;
  std::vector<BadLine> bad_lines_;
  ForwarderWindow current_;
  std::vector<ForwarderWindow> windows_;
};

}  // namespace mote
