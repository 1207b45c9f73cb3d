// The RAM micro/nn needs for a model, computed by the runtime itself: the
// model is initialised and prepared by micro/nn's interpreter on the host,
// so the figure is the one the device will ask for (same planner, same
// kernels' memory requests), not an estimate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mote::deploy {

struct RuntimeMemory {
  // False when micro/nn cannot run the model (an unsupported op or type);
  // `reason` then says why in one line and the figures are 0.
  bool supported = false;
  std::string reason;
  uint64_t arena_bytes = 0;       // what the interpreter's Prepare needs (arena_bytes_needed)
  uint64_t persistent_bytes = 0;  // of which: tensor locations, op records, op data
  uint64_t activation_bytes = 0;  // the planned activations: all generated (AOT) code needs
  uint64_t lower_bound = 0;       // the most bytes alive at one op
  uint64_t greedy_by_size = 0;    // what greedy-by-size placement would need
  // Per tensor of subgraph 0: its offset in the activations, or -1.
  std::vector<int64_t> tensor_offset;
};

// Prepares `tflite` (a whole .tflite file) with micro/nn's interpreter and
// reports its memory. Never fails: a model micro/nn rejects gives
// supported = false and the interpreter's one-line error. Thread-safe.
RuntimeMemory MeasureRuntimeMemory(std::string_view tflite);

}  // namespace mote::deploy
