// A training run recorded in the project store, with its model file and the
// features it was trained on: what `mote eval` and `mote quantize` start from.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/status.h"
#include "project/project.h"

namespace mote {

struct RecordedRun {
  int64_t run = 0;
  std::filesystem::path model;     // the run's float model.tflite (absolute)
  std::filesystem::path features;  // the features stage output it was trained on
};

// Run `id`, or the newest run when `id` is 0. NotFound, saying which command
// to run, when the store records no run, "no run <id>" for an unknown id,
// and when the run's model file or its features are gone.
Result<RecordedRun> FindRecordedRun(Project& project, int64_t id);

// Where `mote quantize` writes a run's int8 model: beside its float model,
// as model_int8.tflite.
std::filesystem::path Int8ModelPath(const RecordedRun& run);

}  // namespace mote
