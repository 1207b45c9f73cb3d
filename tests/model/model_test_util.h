// Models built in tests through mote's IR: a small CNN (CONV_2D, MAX_POOL_2D,
// DEPTHWISE_CONV_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX) as float and as
// int8 with per-channel weights, with deterministic weights.
#pragma once

#include <filesystem>
#include <vector>

#include "model/graph.h"
#include "test_util.h"

namespace mote::testing {

// input [1,8,8,1] -> CONV_2D 3x3 (4 filters, relu) -> MAX_POOL_2D 2x2 ->
// DEPTHWISE_CONV_2D 3x3 -> RESHAPE [1,64] -> FULLY_CONNECTED (3 units) ->
// SOFTMAX -> output [1,3].
model::Model SmallCnn(bool int8);

// SmallCnn's input: byte i = (i*37 + 11) & 0xFF for int8; for float, element
// i = (that - 128) / 128 (the pattern of ../shared/models/golden).
std::vector<uint8_t> SmallCnnInput(bool int8);

// SmallCnn(false) computed directly from its tensors, in the layouts the
// format defines (NHWC activations, OHWI conv filters, 1HWC depthwise
// filters, [units, depth] fully-connected weights): what a runtime must
// compute from the file mote writes.
std::vector<float> SmallCnnReference(const model::Model& m, const std::vector<float>& input);

// Raw bytes as floats, and a whole file's bytes (fails the test if unreadable).
std::vector<float> Floats(const std::vector<uint8_t>& bytes);

// Expects `got` to match TensorFlow Lite Micro's `want`: within 1 LSB for
// int8, 1e-5 relative + 1e-6 absolute for float32.
void ExpectMatchesGolden(model::DType dtype, const std::vector<uint8_t>& got, const std::vector<uint8_t>& want);

// Expects SmallCnn's 3 softmax outputs to sum to one (int8: scale 1/256,
// zero point -128, within 3 LSB).
void ExpectSoftmax(bool int8, const std::vector<uint8_t>& out);

// The .tflite files in SharedModelsDir() (empty when it is absent).
std::vector<std::filesystem::path> SharedTfliteFiles();

}  // namespace mote::testing
