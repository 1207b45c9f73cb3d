// Models built in tests through mote's IR: a small CNN (CONV_2D, MAX_POOL_2D,
// DEPTHWISE_CONV_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX) as float and as
// int8 with per-channel weights, with deterministic weights.
#pragma once

#include <filesystem>
#include <vector>

#include "model/graph.h"

namespace mote::testing {

// input [1,8,8,1] -> CONV_2D 3x3 (4 filters, relu) -> MAX_POOL_2D 2x2 ->
// DEPTHWISE_CONV_2D 3x3 -> RESHAPE [1,64] -> FULLY_CONNECTED (3 units) ->
// SOFTMAX -> output [1,3].
model::Model SmallCnn(bool int8);

// The .tflite files in SharedModelsDir() (empty when it is absent).
std::vector<std::filesystem::path> SharedTfliteFiles();

}  // namespace mote::testing
