// The trained test networks (tests/train/export_test_util.h) quantized to
// int8 by optimize::QuantizeInt8, and float rows quantized as their int8
// input: for the optimize tests and the third-party runtime checks
// (tests/model).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/graph.h"
#include "train/export_test_util.h"

namespace mote::testing {

// The first `count` rows of `examples` as calibration inputs.
std::vector<std::vector<float>> CalibrationRows(const train::Examples& examples, int64_t count);

// `t.network` exported (with `options`) and quantized on the first 100
// rows of `calibration` (fails the test on an error).
model::Model QuantizedNetwork(const TrainedNetwork& t, const train::Examples& calibration,
                              const train::ExportOptions& options = {});

// `features` (whole rows of graph input 0) quantized with that input's
// scale and zero point: the bytes an int8 model takes.
std::vector<uint8_t> QuantizedInput(const model::Model& m, const std::vector<float>& features);

// int8 `bytes` of graph output 0 of `m` as real values.
std::vector<float> DequantizedOutput(const model::Model& m, const std::vector<uint8_t>& bytes);

// An int8 model and int8 inputs for it, for the runtime checks.
struct QuantizedCase {
  std::string name;             // which network, logits or with softmax
  model::Model model;
  std::vector<uint8_t> inputs;  // the network's `inputs` rows, quantized
  // How far (in LSB) another runtime's whole-model output may be from
  // micro/nn's. The bound, 1 LSB, holds operator by operator (the
  // EachOperator... tests: every op alone, fed micro/nn's own input, is
  // within 1 LSB in Arm NN and LiteRT.js; only convolutions differ at all,
  // where the float requantization of those runtimes rounds some values
  // other than TFLM's fixed-point arithmetic, which micro/nn reproduces
  // exactly). Through a whole network those 1-LSB differences feed the next
  // layers: in the DS-CNN, five convolutions in a row reach the global
  // average pool (which itself agrees exactly) and its final
  // FULLY_CONNECTED, whose gain (input scale * weights / output scale)
  // turns them into up to 3 LSB of the logits. So the DS-CNN keeps its
  // measured whole-model bound, 3; the Fashion CNN stays within 1.
  int max_lsb = 1;
};

// Expects int8 `got` within `max_lsb` of `want` elementwise, and prints
// how many values differ and by how much (`what` says which outputs and
// runtimes are compared), so that the figures can be quoted.
void ExpectWithinLsb(const std::vector<uint8_t>& got, const std::vector<uint8_t>& want, int max_lsb,
                     const std::string& what);

// The Fashion-MNIST CNN (calibrated on 100 training images) and the DS-CNN
// (on 100 synthetic rows), each ending in logits and in an int8 SOFTMAX.
// Empty with `skip_reason` set when Fashion-MNIST is not installed.
std::vector<QuantizedCase> QuantizedTrainedNetworks(std::string* skip_reason);

}  // namespace mote::testing
