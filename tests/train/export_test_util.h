// Trained networks for the export tests (tests/train, tests/model): a
// Fashion-MNIST CNN and a DS-CNN on MFCC-shaped input, trained a few steps
// so that batch norm has real moving statistics, with a handful of inputs
// and the trainer's own evaluation-mode outputs for them; and a way to run
// an exported .tflite in mote's interpreter (micro/nn).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "train/model.h"
#include "train/tflite_export.h"
#include "train/trainer.h"

namespace mote::testing {

struct TrainedNetwork {
  train::Model<float> network;
  train::Examples inputs;         // a few examples the network did not train on
  std::vector<float> eval_output;  // the trainer's evaluation-mode forward pass on `inputs`
};

// The zoo's `cnn` (width 0.5) trained for 2 batches of 32 Fashion-MNIST
// training images; `inputs` are 8 test images. `skip_reason` is set (and
// the result empty) when the Debian dataset is not installed.
TrainedNetwork TrainedFashionCnn(std::string* skip_reason);

// The zoo's `ds_cnn` (width 0.25, depth 2) trained for 2 batches of 32
// synthetic MFCC-shaped [49, 10, 1] examples (each class a different
// spectral tilt plus noise); `inputs` are 8 more.
TrainedNetwork TrainedDsCnn();

// The first `count` Fashion-MNIST images of `split` ("train" or "t10k")
// scaled to [0, 1] with their labels (fails the test when unreadable; call
// after TrainedFashionCnn found the dataset).
train::Examples FashionImages(const std::string& split, int64_t count);

// `count` of TrainedDsCnn's synthetic MFCC-shaped examples from `seed`
// (the network trained on seed 1; its `inputs` are seed 2).
train::Examples SyntheticMfccExamples(int64_t count, uint64_t seed);

// A network of the given spec built on `shape`, its batch-norm moving
// statistics moved off their defaults by a training-mode pass on
// `inputs.count()` random rows, and its evaluation-mode outputs.
TrainedNetwork BuiltNetwork(const train::ModelSpec& spec, const train::Shape& shape, int64_t classes);

// A network with the layers micro/nn has no float kernel for (concat,
// leaky relu, tanh, sigmoid, softmax), with a standalone batch norm and a
// depthwise convolution, on random [6, 6, 2] inputs; for the third-party
// runtimes to check against the trainer.
TrainedNetwork LayerZooNetwork();

// The evaluation-mode forward pass of `network` on every row of `inputs`.
std::vector<float> EvalForward(train::Model<float>& network, const train::Examples& inputs);

// Runs the .tflite `file` in micro/nn on each input in `rows` (the raw
// bytes of one or more inputs, one after the other), returning the raw
// outputs concatenated; fails the test (and returns what it has) on an error.
std::vector<uint8_t> RunInMoteNn(const std::string& file, const std::vector<uint8_t>& rows);
// The same for float32 models on every row of `inputs`.
std::vector<float> RunInMoteNn(const std::string& file, const train::Examples& inputs);

// `t.network` exported (tflite_export.h) and written as .tflite bytes.
std::string ExportedFile(const TrainedNetwork& t, const train::ExportOptions& options = {});

// Expects |got - want| <= 1e-5 |want| + 1e-6 elementwise.
void ExpectCloseFloats(const std::vector<float>& got, const std::vector<float>& want);

}  // namespace mote::testing
