// Residual int8 networks built through mote's IR and .tflite writer, in the
// shape of ResNet-8 (the MLPerf Tiny image-classification network): skip
// connections keep tensors alive across branches, which is where memory
// planning is more than a chain. Weights are deterministic, not trained.
// Used by tests/nn (planner, generated code) and bench/nn_bench.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/graph.h"

namespace mote::testing {

// input int8 [1,32,32,3] -> conv 3x3 (`stem` channels, relu) -> one
// residual stack per entry of `widths` (two 3x3 convs; same width: stride 1
// and an identity shortcut, else stride 2 and a 1x1 stride-2 shortcut conv;
// an add with a fused relu) -> average pool over the whole map -> reshape ->
// fully connected 10 -> softmax -> int8 [1,10].
struct ResidualNetShape {
  int32_t stem = 16;
  std::vector<int32_t> widths = {16, 32, 64};
};

// ResNet-8: the default shape.
inline ResidualNetShape ResNet8() { return {}; }
// A residual network whose channels grow faster than its maps shrink
// (8 -> 12 -> 64): greedy placement by size leaves a hole there.
inline ResidualNetShape WideningResNet() { return {8, {12, 64}}; }

model::Model ResidualNetInt8(const ResidualNetShape& shape);

// The model written as .tflite bytes (aborts on a writer error: the shapes are fixed).
std::string ResidualNetTflite(const ResidualNetShape& shape);

// A deterministic input image (3,072 int8 bytes).
std::vector<uint8_t> ResidualNetInput();

}  // namespace mote::testing
