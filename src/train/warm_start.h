// The start of a fine-tuning (`mote train --from SOURCE`): an earlier
// training's weights put into the freshly built network, so that training
// continues from them on the project's current features instead of from
// random weights. docs/training.md, "Fine-tuning".
//
// A source is a recorded run's id (its weights.bin/weights.json under
// .mote/runs/<id>/, weights_file.h; for a run recorded before runs kept
// them, its train stage output if that still holds the run's model) or a
// folder holding the two files (a train stage output, a run's folder).
// The checkpoint that --resume reads is not a source: it is deleted once
// its run is recorded, and it names neither tensors nor classes.
//
// Tensors are matched by name (Model::StateNames()); every one must have
// the network's shape, except the head's (the last layer with a kernel of a
// classifier), whose rows follow the classes by name: a class the source
// knows keeps its row, a class it lacks keeps the row the network was
// initialised with (He or Glorot, bias 0), and a class the data no longer
// has is dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "project/project.h"
#include "train/model.h"
#include "train/weights_file.h"

namespace mote::train {

struct WarmStartSource {
  std::string name{};             // "run 3", or the folder as given
  std::optional<int64_t> run_id;  // when the source is a run
  std::string digest{};           // SHA-256 (hex) of weights.bin and weights.json: what a stage key needs
  StoredWeights weights{};        // classes filled from the run or metrics.json when the file lacks them
};

// NotFound "no run 7" or naming the missing files; Corruption for files
// that are not weights (weights_file.h).
Result<WarmStartSource> LoadWarmStartSource(Project& project, const std::string& source);

struct WarmStart {
  std::vector<std::string> new_classes;      // head rows kept as initialised
  std::vector<std::string> dropped_classes;  // the source's rows not used
};

// Copies `source`'s tensors into `model`, whose outputs are `classes` when
// `classifier` (else its output is not per class and the head is copied
// like any layer). InvalidArgument "<source>: layer 'name': ..." naming the
// layer and both shapes when the architectures differ; `model` may then be
// partly overwritten (the caller discards it).
Result<WarmStart> ApplyWarmStart(const WarmStartSource& source, const std::vector<std::string>& classes,
                                 bool classifier, Model<float>* model);

}  // namespace mote::train
