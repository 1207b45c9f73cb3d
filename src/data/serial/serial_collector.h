// `mote data collect`: reads a device's data-forwarder stream from a serial
// port (see forwarder_reader.h), cuts it into windows and stores them as f32
// {frames, axes} samples, all in one transaction at the end.
//
// How a collection ends (docs/serial-collection.md):
//   - with `seconds`: when that many seconds of frames were read (complete);
//     earlier on Ctrl-C, a disconnect, kSilence without a byte, or when the
//     device is too slow to deliver them by seconds * 1.1 + kSilence
//     (incomplete);
//   - without `seconds`: on Ctrl-C, a disconnect or kSilence (all complete).
// An incomplete collection stores its complete windows and says so, unless
// `all_or_nothing`, when it stores nothing and fails. Too much garbage, a
// stream without a detectable rate, or no complete window fail and store
// nothing. Every error is one line naming the port (and the line number when
// it is about a line).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "data/dataset_store.h"
#include "data/sample.h"
#include "data/serial/forwarder_reader.h"

namespace mote {

struct CollectRequest {
  std::string port;  // /dev/ttyACM0, /dev/pts/3, ...
  int baud = 115200;
  std::string label;           // every window gets it; must not be empty
  std::optional<Split> split;  // unset: by content hash
  // Rate, axes, window and seconds; starts_mid_line is set by the collector.
  ForwarderOptions forwarder;
  bool all_or_nothing = false;  // requires forwarder.seconds > 0
  double max_garbage = 0.2;     // largest share of garbage lines, in [0, 1]
  double test_ratio = 0.2;
  std::string command;  // recorded in the import history
  bool show_progress = true;
};

enum class CollectEnd {
  kSeconds,     // the requested seconds were read
  kInterrupt,   // SIGINT or SIGTERM
  kDisconnect,  // end of file or hang-up
  kSilence,     // no byte for kSilence
  kDeadline,    // the device sent fewer lines than its rate promised
};
std::string_view CollectEndName(CollectEnd end);  // "seconds", "interrupt", ...

struct CollectSummary {
  double frequency_hz = 0;
  std::vector<std::string> axes;
  int64_t lines = 0, garbage = 0, frames = 0;
  int64_t windows = 0;  // complete windows stored (added + duplicates)
  int64_t added = 0, duplicates = 0;
  int64_t leftover_frames = 0;  // read, but in no complete window
  double seconds = 0;           // of frames read: frames / frequency_hz
  CollectEnd end = CollectEnd::kSeconds;
  bool complete = true;
  std::string note;  // why an incomplete collection ended; empty when complete
};

inline constexpr std::chrono::seconds kSilence{5};

// Collects from `request.port` into `store` (one import). Blocks until the
// collection ends; checks Interrupted() at least every 100 ms.
Result<CollectSummary> CollectFromSerial(DatasetStore& store, const CollectRequest& request);

}  // namespace mote
