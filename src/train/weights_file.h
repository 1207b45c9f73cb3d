// A trained network's weights as two files (docs/formats.md), written by
// the train stage beside model.tflite and with every recorded run
// (.mote/runs/<id>/), and read back to fine-tune (`mote train --from`,
// warm_start.h):
//   weights.bin   every non-empty Model::SaveState() tensor (parameters,
//                 then batch-norm moving statistics), float32 little-endian
//   weights.json  {"tensors": [{"name", "shape", "offset"}...] (offset in
//                 floats), "floats": total, "classes": [...] (the output
//                 order of a classifier's head; absent in files written
//                 before fine-tuning existed)}
// Names are Model::StateNames()'s ("dense_1/kernel", "bn/moving_mean").
// Unlike model.tflite, batch norm is not folded and nothing is fused: the
// files are the network as trained, which is what training can continue.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "train/model.h"
#include "train/tensor.h"

namespace mote::train {

struct WeightsFiles {
  std::string bin, json;
};

// The two files of `model` whose output rows are `classes` (empty for a
// model without classes, an autoencoder).
WeightsFiles SerializeWeights(const Model<float>& model, const std::vector<std::string>& classes);

struct NamedTensor {
  std::string name;
  Tensor<float> value;
};

struct StoredWeights {
  std::vector<NamedTensor> tensors;  // in the file's order
  std::optional<std::vector<std::string>> classes;  // nullopt when the file does not say
};

// Parses the two files; Corruption "<name>: ..." when weights.json is not
// the form above or weights.bin is not as long as it says.
Result<StoredWeights> ParseWeights(const std::string& bin, const std::string& json, const std::string& name);

// Reads <dir>/weights.bin and <dir>/weights.json; NotFound naming the folder
// when either is missing.
Result<StoredWeights> ReadWeights(const std::filesystem::path& dir);

}  // namespace mote::train
